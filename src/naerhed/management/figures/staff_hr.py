# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Staff turnover by seniority and sick leave, from the imported HR records (``naerhed import-hr``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

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
from naerhed.management.models import HrRecord

#: Seniority bands, in whole years (Hedensted reports 0–3 years against 4 years or more).
BANDS: tuple[tuple[int, int | None], ...] = ((0, 1), (1, 4), (4, None))
TURNOVER_GOAL = 21.0  # % a year
SICK_LEAVE_GOAL = 6.5  # %


def band_of(employed_since: dt.date, on: dt.date) -> int:
    years = (on - employed_since).days / 365.25
    for index, (low, high) in enumerate(BANDS):
        if years >= low and (high is None or years < high):
            return index
    return 0


def _band_label(index: int) -> str:
    low, high = BANDS[index]
    if high is None:
        return _("%(low)d years or more") % {"low": low}
    if low == 0:
        return _("Under %(high)d year") % {"high": high}
    return _("%(low)d–%(high)d years") % {"low": low, "high": high - 1}


class _Band:
    def __init__(self) -> None:
        self.people: set[str] = set()
        self.leavers: set[str] = set()
        self.contract = Decimal(0)
        self.sick = Decimal(0)


def _bands(ctx: FigureContext) -> dict[int, _Band]:
    records = HrRecord.objects.filter(
        team_id__in=ctx.scope.team_ids, month__gte=ctx.period.start.replace(day=1), month__lt=ctx.period.end
    )
    out: dict[int, _Band] = defaultdict(_Band)
    for record in records:
        left = record.left_on is not None and ctx.period.start <= record.left_on < ctx.period.end
        on = record.left_on if left and record.left_on else ctx.period.last_day
        band = out[band_of(record.employed_since, on)]
        band.people.add(record.employee_number)
        band.contract += record.contract_hours
        band.sick += record.sick_hours
        if left:
            band.leavers.add(record.employee_number)
    return out


def _row(label: str, bands: list[_Band]) -> Row:
    people = len(set().union(*(b.people for b in bands))) if bands else 0
    leavers = len(set().union(*(b.leavers for b in bands))) if bands else 0
    contract = float(sum((b.contract for b in bands), Decimal(0)))
    sick = float(sum((b.sick for b in bands), Decimal(0)))
    return Row(label, (float(people), float(leavers), share(leavers, people), share(sick, contract)))


def _yearly_turnover(bands: list[_Band], days: int) -> float | None:
    """Leavers over headcount, scaled from the period's days to a year (to compare with the goal)."""
    people = len(set().union(*(b.people for b in bands))) if bands else 0
    leavers = len(set().union(*(b.leavers for b in bands))) if bands else 0
    return round(100.0 * leavers / people * 365 / days, 1) if people else None


def turnover_and_sick_leave(ctx: FigureContext) -> FigureResult:
    bands = _bands(ctx)
    rows = tuple(_row(_band_label(i), [bands[i]] if i in bands else []) for i in range(len(BANDS)))
    total = _row(_("Total"), list(bands.values()))
    yearly = _yearly_turnover(list(bands.values()), ctx.period.days)
    return FigureResult(
        label_title=_("Seniority"),
        columns=(
            Column(_("Employees"), Unit.COUNT),
            Column(_("Left"), Unit.COUNT),
            Column(_("Turnover in the period"), Unit.PERCENT),
            Column(_("Sick leave"), Unit.PERCENT),
        ),
        rows=rows,
        total=total,
        headlines=(
            Headline(_("Turnover, as a yearly rate"), yearly, Unit.PERCENT, target=_("goal at most 21 %")),
            Headline(_("Sick leave"), total.values[3], Unit.PERCENT, target=_("goal at most 6.5 %")),
        ),
        chart=Chart(series=(2, 3)),
        note="" if bands else _("No HR records for the period: import them with naerhed import-hr."),
    )
