# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The figures a dashboard shows, in order, each with the short definition shown beside it.

A new figure is one function ``(FigureContext) -> FigureResult`` and one ``Figure`` line here."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from naerhed.management.figures import care_time, continuity, cost, grants, hours, quality, staff_hr, travel
from naerhed.management.figures.base import Figure, FigureContext, FigureResult
from naerhed.management.period import Period
from naerhed.management.scope import Scope

FIGURES: tuple[Figure, ...] = (
    Figure(
        "hours_by_paragraph",
        _("Delivered hours by law paragraph"),
        _(
            "Delivered: time from check-in to check-out, per carer. Planned: the visits' durations (twice "
            "for two carers), cancelled visits left out. Granted: the visits the grants ask for in the "
            "period."
        ),
        hours.hours_by_paragraph,
    ),
    Figure(
        "hours_by_package",
        _("Delivered hours by package"),
        _("The same hours, by the package or service granted."),
        hours.hours_by_package,
    ),
    Figure(
        "continuity",
        _("Continuity"),
        _(
            "The average number of different staff who checked in at a citizen in a calendar week. "
            "Aabenraa's 2022 baseline is 5.93; the goal is that it falls."
        ),
        continuity.continuity,
    ),
    Figure(
        "care_time",
        _("Care-time share (brugertid)"),
        _(
            "Time with citizens (check-in to check-out) of the team's staff as a share of their paid time on "
            "the rota (worked shifts, start to end, paid break included)."
        ),
        care_time.care_time_share,
    ),
    Figure(
        "travel",
        _("Travel and CO2"),
        _(
            "Road km (1.3 × the straight line) of each carer's day: from the start point through the homes "
            "visited, in check-in order, and back; screen visits have none. CO2 at the price model's factors."
        ),
        travel.travel,
    ),
    Figure(
        "cost",
        _("Cost against budget"),
        _(
            "Delivered hours at the municipality's hourly prices for the year (by the time of check-in: day "
            "7–15, evening 15–23, night 23–7). The budget is the year's budget by days, and for a district "
            "or team by its share of the granted hours."
        ),
        cost.cost,
    ),
    Figure(
        "delegated_end_date",
        _("Delegated nursing with an end date"),
        _(
            "Grants of delegated nursing (SUL §138) active in the period, and the share with an end date. "
            "Goal 70 %."
        ),
        grants.delegated_with_end_date,
    ),
    Figure(
        "screen_visits",
        _("Screen-visit citizens"),
        _("Citizens with a screen-visit grant active in the period, per district. Goal 15 per district."),
        grants.screen_visit_citizens,
    ),
    Figure(
        "staff",
        _("Staff turnover and sick leave"),
        _(
            "From the HR import: employees with a record in the period's months, those who left in the "
            "period by seniority when they left, and sick hours over contract hours. Goals: turnover at "
            "most 21 % a year, sick leave at most 6.5 %."
        ),
        staff_hr.turnover_and_sick_leave,
    ),
)


@dataclass(frozen=True)
class ComputedFigure:
    figure: Figure
    result: FigureResult


@dataclass(frozen=True)
class Dashboard:
    scope: Scope
    period: Period
    figures: tuple[ComputedFigure, ...]


#: Figures from naerhed.quality (start-up conversations, rehab goals), shown while that app is installed.
QUALITY_FIGURES: tuple[Figure, ...] = (
    Figure(
        "startup_conversations",
        _("Start-up conversations held within 1–7 days"),
        _(
            "Start-up conversations due in the period (1–7 days after a new citizen's first visit or a "
            "change of function level), not cancelled: how many were held by the due date, and how many late."
        ),
        quality.startup_conversations,
    ),
    Figure(
        "conversation_scores",
        _("Start-up conversation scores"),
        _(
            "The four questions scored 1–10, on average at the start and at follow-up, for the citizens who "
            "answered the follow-up in the period. Hedensted after the change: 7.23 / 7.77 / 8.08 / 8.46."
        ),
        quality.conversation_scores,
    ),
    Figure(
        "rehab_goals",
        _("Citizens with rehab goals"),
        _(
            "Citizens with a grant active in the period, and the share with a rehabilitation goal open in it "
            "(not cancelled); developing goals are those to regain or learn. Aabenraa: 78 % and 58 %."
        ),
        quality.citizens_with_rehab_goals,
    ),
)


def registered_figures() -> tuple[Figure, ...]:
    if apps.is_installed("naerhed.quality"):
        return FIGURES[:-1] + QUALITY_FIGURES + FIGURES[-1:]
    return FIGURES


def build_dashboard(*, scope: Scope, period: Period) -> Dashboard:
    ctx = FigureContext(scope=scope, period=period)
    return Dashboard(scope, period, tuple(ComputedFigure(f, f.compute(ctx)) for f in registered_figures()))
