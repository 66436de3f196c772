# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Cost: delivered hours at the municipality's hourly prices, against the budget for the period."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from naerhed.carer_day.models import VisitExecution
from naerhed.grants.models import LawParagraph
from naerhed.lib.dates import COPENHAGEN
from naerhed.management.figures.base import (
    Chart,
    Column,
    FigureContext,
    FigureResult,
    Headline,
    Row,
    Unit,
    share,
)
from naerhed.management.figures.data import cached, citizen_executions, granted_by_team_service, price_model
from naerhed.management.models import PriceModel


class Rate(StrEnum):
    DAY_WEEKDAY = "day_weekday"
    DAY_WEEKEND = "day_weekend"
    EVENING = "evening"
    NIGHT = "night"
    PRACTICAL = "practical_help"


RATE_LABELS = {
    Rate.DAY_WEEKDAY: gettext_lazy("Personal care, day, weekdays"),
    Rate.DAY_WEEKEND: gettext_lazy("Personal care, day, weekends"),
    Rate.EVENING: gettext_lazy("Personal care, evening"),
    Rate.NIGHT: gettext_lazy("Personal care, night"),
    Rate.PRACTICAL: gettext_lazy("Practical help"),
}
DAY_FROM, EVENING_FROM, NIGHT_FROM = dt.time(7, 0), dt.time(15, 0), dt.time(23, 0)


def rate_for(execution: VisitExecution) -> Rate:
    """The price a visit is costed at: practical help has its own; personal care by the shift layer the
    check-in falls in (day 7–15, evening 15–23, night 23–7) and, by day, weekday or weekend."""
    if execution.visit.service.paragraph == LawParagraph.SEL_83_PRACTICAL:
        return Rate.PRACTICAL
    assert execution.checked_in_at
    local = execution.checked_in_at.astimezone(COPENHAGEN)
    clock = local.time()
    if clock >= NIGHT_FROM or clock < DAY_FROM:
        return Rate.NIGHT
    if clock >= EVENING_FROM:
        return Rate.EVENING
    return Rate.DAY_WEEKEND if local.weekday() >= 5 else Rate.DAY_WEEKDAY


def _budget_share(ctx: FigureContext) -> float:
    """The scope's share of the municipality's budget: its share of the granted hours in the period."""
    municipality_teams = cached(ctx, "municipality_team_ids", lambda: _municipality_team_ids(ctx))
    if set(ctx.scope.team_ids) >= set(municipality_teams):
        return 1.0
    granted = granted_by_team_service(municipality_teams, ctx.period)
    whole = sum(granted.values())
    mine = sum(m for (team_id, _s), m in granted.items() if team_id in ctx.scope.team_ids)
    return mine / whole if whole else 0.0


def _municipality_team_ids(ctx: FigureContext) -> tuple[int, ...]:
    from naerhed.organisation.models import Team

    return tuple(
        Team.objects.filter(district__municipality=ctx.scope.municipality).values_list("pk", flat=True)
    )


def period_budget(prices: PriceModel, ctx: FigureContext) -> float:
    days_in_year = 366 if calendar.isleap(prices.year) else 365
    return float(prices.annual_budget) * ctx.period.days / days_in_year * _budget_share(ctx)


def cost(ctx: FigureContext) -> FigureResult:
    prices = price_model(ctx)
    columns = (
        Column(_("Delivered"), Unit.HOURS),
        Column(_("Price per hour"), Unit.PRICE),
        Column(_("Cost"), Unit.DKK),
    )
    if prices is None:
        note = _("No price model for %(year)d: add one under Administration → Price models.") % {
            "year": ctx.period.start.year
        }
        return FigureResult(label_title=_("Price"), columns=columns, rows=(), note=note)
    delivered: dict[Rate, float] = defaultdict(float)
    for execution in citizen_executions(ctx):
        assert execution.checked_in_at and execution.checked_out_at
        delivered[rate_for(execution)] += (
            execution.checked_out_at - execution.checked_in_at
        ).total_seconds() / 3600
    rows = tuple(_row(rate, delivered.get(rate, 0.0), getattr(prices, rate.value)) for rate in Rate)
    spent = sum(r.values[2] or 0.0 for r in rows)
    budget = round(period_budget(prices, ctx), 2)
    return FigureResult(
        label_title=_("Price"),
        columns=columns,
        rows=rows,
        total=Row(_("Total"), (round(sum(delivered.values()), 2), None, round(spent, 2))),
        headlines=(
            Headline(_("Cost"), round(spent), Unit.DKK),
            Headline(_("Budget for the period"), round(budget), Unit.DKK),
            Headline(_("Cost of budget"), share(spent, budget), Unit.PERCENT),
        ),
        chart=Chart(series=(2,)),
    )


def _row(rate: Rate, hours: float, price: Decimal) -> Row:
    return Row(str(RATE_LABELS[rate]), (round(hours, 2), float(price), round(hours * float(price), 2)))
