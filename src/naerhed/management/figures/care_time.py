# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Care-time share (brugertid, BTP): time with citizens over paid shift time, for the scope's staff."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

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
from naerhed.management.figures.data import staff_executions
from naerhed.workforce.models import RosterShift


def _paid_hours_by_team(ctx: FigureContext) -> dict[int, float]:
    """Rota shifts of the period worked so far (not absent), from start to end or to now; the meal break
    is paid time in Danish municipal care, so it is not subtracted."""
    out: dict[int, float] = defaultdict(float)
    shifts = RosterShift.objects.filter(
        staff__team_id__in=ctx.scope.team_ids,
        date__gte=ctx.period.start,
        date__lt=ctx.period.end,
        starts_at__lt=ctx.now,
        absent=False,
    ).select_related("staff")
    for shift in shifts:
        out[shift.staff.team_id] += (min(shift.ends_at, ctx.now) - shift.starts_at).total_seconds() / 3600
    return out


def _citizen_hours_by_team(ctx: FigureContext) -> dict[int, float]:
    out: dict[int, float] = defaultdict(float)
    for execution in staff_executions(ctx):
        assert execution.checked_in_at and execution.checked_out_at
        out[execution.staff.team_id] += (
            execution.checked_out_at - execution.checked_in_at
        ).total_seconds() / 3600
    return out


def care_time_share(ctx: FigureContext) -> FigureResult:
    paid, with_citizens = _paid_hours_by_team(ctx), _citizen_hours_by_team(ctx)

    def row(label: str, c: float, p: float) -> Row:
        return Row(label, (round(c, 2), round(p, 2), share(c, p)))

    rows = tuple(
        row(name, with_citizens.get(pk, 0.0), paid.get(pk, 0.0)) for pk, name in ctx.team_names.items()
    )
    total = row(_("Total"), sum(with_citizens.values()), sum(paid.values()))
    return FigureResult(
        label_title=_("Team"),
        columns=(
            Column(_("Time with citizens"), Unit.HOURS),
            Column(_("Paid shift time"), Unit.HOURS),
            Column(_("Care-time share"), Unit.PERCENT),
        ),
        rows=rows,
        total=total,
        headlines=(Headline(_("Care-time share"), total.values[2], Unit.PERCENT),),
        chart=Chart(series=(2,)),
    )
