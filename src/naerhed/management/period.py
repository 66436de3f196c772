# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The period a dashboard covers: a week, a month, a half-year (the mid-year follow-up) or a year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from naerhed.lib.dates import monday_of


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    HALF_YEAR = "half"
    YEAR = "year"

    @property
    def label(self) -> str:
        return str(PERIOD_LABELS[self])


PERIOD_LABELS = {
    PeriodKind.WEEK: gettext_lazy("Week"),
    PeriodKind.MONTH: gettext_lazy("Month"),
    PeriodKind.HALF_YEAR: gettext_lazy("Half-year"),
    PeriodKind.YEAR: gettext_lazy("Year"),
}


@dataclass(frozen=True)
class Period:
    """The days ``[start, end)``."""

    kind: PeriodKind
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a period ends after it starts")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.WEEK:
            week = self.start.isocalendar()
            return _("week %(week)d %(year)d") % {"week": week.week, "year": week.year}
        if self.kind == PeriodKind.MONTH:
            return f"{self.start:%m}/{self.start.year}"
        if self.kind == PeriodKind.HALF_YEAR:
            half = 1 if self.start.month == 1 else 2
            return _("half-year %(half)d %(year)d") % {"half": half, "year": self.start.year}
        return str(self.start.year)

    @property
    def slug(self) -> str:
        return f"{self.kind}-{self.start.isoformat()}"


def period_containing(kind: PeriodKind, day: dt.date) -> Period:
    """The week (Monday first), month, half-year or year that ``day`` falls in."""
    if kind == PeriodKind.WEEK:
        start = monday_of(day)
        return Period(kind, start, start + dt.timedelta(days=7))
    if kind == PeriodKind.MONTH:
        start = day.replace(day=1)
        return Period(kind, start, _add_months(start, 1))
    if kind == PeriodKind.HALF_YEAR:
        start = dt.date(day.year, 1 if day.month <= 6 else 7, 1)
        return Period(kind, start, _add_months(start, 6))
    return Period(kind, dt.date(day.year, 1, 1), dt.date(day.year + 1, 1, 1))


def _add_months(first: dt.date, months: int) -> dt.date:
    index = first.month - 1 + months
    return dt.date(first.year + index // 12, index % 12 + 1, 1)
