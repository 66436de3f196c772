# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""What a citizen's flexible help allows and what is left of it.

- A grant booked by the citizen (``Recurrence.ON_DEMAND``) gives its ``weekly_minutes`` per period:
  a calendar week (Monday–Sunday), or ``interval_days`` counted from the grant's first day ("cleaning
  every 14 days" is 14 days with the minutes of one cleaning). Visits of the grant in the period that
  are not cancelled use it up.
- A klippekort grant's minutes are in the klippekort ledger (its balance is what is left).
- An Elderly Act course (``Recurrence.WEEKLY_FRAME``) is a weekly frame the team lays out; it is
  shown, not booked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from django.db.models import Sum

from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant, Recurrence
from naerhed.klippekort.services import balance, is_klippekort
from naerhed.lib.dates import monday_of
from naerhed.visits.models import Visit, VisitStatus


class HelpKind(Enum):
    ON_DEMAND = "on-demand"
    KLIPPEKORT = "klippekort"
    FRAME = "frame"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Allowance:
    grant: Grant
    kind: HelpKind
    period: Period
    allowed: int  # minutes in the period (klippekort: the balance)
    used: int  # minutes used or booked in the period
    visit_minutes: int  # what one visit takes

    @property
    def remaining(self) -> int:
        return max(self.allowed - self.used, 0)

    @property
    def visits_left(self) -> int:
        return self.remaining // self.visit_minutes if self.visit_minutes else 0

    @property
    def bookable(self) -> bool:
        """The citizen may book it here: flexible help (for one or two carers) with something left in
        this period."""
        return self.kind is not HelpKind.FRAME and self.visits_left > 0


def period_of(grant: Grant, day: dt.date) -> Period:
    if grant.interval_days:
        steps = (day - grant.starts_on).days // grant.interval_days
        start = grant.starts_on + dt.timedelta(days=steps * grant.interval_days)
        return Period(start, start + dt.timedelta(days=grant.interval_days - 1))
    monday = monday_of(day)
    return Period(monday, monday + dt.timedelta(days=6))


def period_minutes(grant: Grant) -> int:
    days = grant.interval_days or 7
    return (grant.weekly_minutes or 0) * days // 7


def used_minutes(grant: Grant, period: Period, *, excluding: int | None = None) -> int:
    visits = Visit.objects.filter(grant=grant, date__gte=period.start, date__lte=period.end).exclude(
        status=VisitStatus.CANCELLED
    )
    if excluding is not None:
        visits = visits.exclude(pk=excluding)
    return int(visits.aggregate(total=Sum("duration"))["total"] or 0)


def kind_of(grant: Grant) -> HelpKind | None:
    if is_klippekort(grant):
        return HelpKind.KLIPPEKORT
    if grant.recurrence == Recurrence.ON_DEMAND:
        return HelpKind.ON_DEMAND
    if grant.recurrence == Recurrence.WEEKLY_FRAME:
        return HelpKind.FRAME
    return None


def allowance(grant: Grant, day: dt.date, *, excluding: int | None = None) -> Allowance:
    """What ``grant`` allows in the period of ``day`` (``excluding`` a visit being moved)."""
    kind = kind_of(grant)
    if kind is None:
        raise ValueError(f"grant: {grant.pk} is not flexible help")
    visit_minutes = grant.duration * (2 if grant.two_carers and kind is HelpKind.KLIPPEKORT else 1)
    if kind is HelpKind.KLIPPEKORT:
        left = balance(grant.citizen) + (_booked_minutes(excluding) if excluding else 0)
        return Allowance(grant, kind, Period(day, dt.date(day.year, 12, 31)), left, 0, visit_minutes)
    if kind is HelpKind.FRAME:
        period = Period(monday_of(day), monday_of(day) + dt.timedelta(days=6))
        return Allowance(
            grant, kind, period, grant.weekly_minutes or 0, used_minutes(grant, period), grant.duration
        )
    period = period_of(grant, day)
    used = used_minutes(grant, period, excluding=excluding)
    return Allowance(grant, kind, period, period_minutes(grant), used, visit_minutes)


def _booked_minutes(visit_pk: int) -> int:
    """A visit being moved keeps its klippekort minutes: count them as available for the new time."""
    from naerhed.klippekort.models import KlippekortEntry

    entry = KlippekortEntry.objects.filter(key=f"visit:{visit_pk}").first()
    return -entry.minutes if entry else 0


def flexible_help(citizen: Citizen, today: dt.date) -> list[Allowance]:
    """The citizen's flexible grants active today, with what is left of each now."""
    grants = Grant.objects.filter(citizen=citizen, starts_on__lte=today).exclude(ends_on__lt=today)
    out = []
    for grant in grants.select_related("service", "citizen").order_by("service__name", "pk"):
        if kind_of(grant) is not None:
            out.append(allowance(grant, today))
    return out
