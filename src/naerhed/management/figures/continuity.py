# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Continuity: the average number of different staff who visit a citizen in a week."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from naerhed.management.figures.base import Chart, Column, FigureContext, FigureResult, Headline, Row, Unit
from naerhed.management.figures.data import citizen_executions

#: Aabenraa's 2022 baseline (BRIEF.md): the figure should fall below it.
BASELINE = 5.93

CitizenWeek = tuple[int, int, int, int]  # team, citizen, ISO year, ISO week


def _staff_per_citizen_week(ctx: FigureContext) -> dict[CitizenWeek, set[int]]:
    seen: dict[CitizenWeek, set[int]] = defaultdict(set)
    for execution in citizen_executions(ctx):
        visit = execution.visit
        iso = visit.date.isocalendar()
        seen[(visit.citizen.team_id, visit.citizen_id, iso.year, iso.week)].add(execution.staff_id)
    return seen


def _row(label: str, counts: list[int]) -> Row:
    mean = round(sum(counts) / len(counts), 2) if counts else None
    return Row(label, (float(len(counts)), mean))


def continuity(ctx: FigureContext) -> FigureResult:
    seen = _staff_per_citizen_week(ctx)
    by_team: dict[int, list[int]] = defaultdict(list)
    for (team_id, *_rest), staff in seen.items():
        by_team[team_id].append(len(staff))
    rows = tuple(_row(name, by_team.get(pk, [])) for pk, name in ctx.team_names.items())
    total = _row(_("Total"), [n for counts in by_team.values() for n in counts])
    return FigureResult(
        label_title=_("Team"),
        columns=(
            Column(_("Citizen-weeks"), Unit.COUNT),
            Column(_("Different staff per citizen per week"), Unit.NUMBER),
        ),
        rows=rows,
        total=total,
        headlines=(
            Headline(
                _("Different staff per citizen per week"),
                total.values[1],
                Unit.NUMBER,
                target=_("baseline %(baseline)s, should fall") % {"baseline": "5,93"},
            ),
        ),
        chart=Chart(series=(1,), reference=BASELINE, reference_label=_("Baseline 2022")),
    )
