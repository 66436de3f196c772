# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Turning grants into visits: ``expand_grants`` is the one function that does it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.grants.models import Grant, Recurrence
from naerhed.lib.dates import aware, date_range
from naerhed.organisation.models import Team
from naerhed.visits.models import Visit, VisitStatus

if TYPE_CHECKING:
    from naerhed.accounts.models import User


@dataclass(frozen=True)
class Occurrence:
    grant_id: int
    date: dt.date
    index: int
    duration: int


@dataclass(frozen=True)
class ExpansionResult:
    created: int
    removed: int
    kept: int


def occurrences(grant: Grant, start: dt.date, days: int) -> list[Occurrence]:
    """The visits a grant asks for on the days ``[start, start + days)``, within its own period."""
    out: list[Occurrence] = []
    for day in date_range(start, days):
        if not grant.active_on(day) or grant.weekdays[day.weekday()] != "1":
            continue
        if _single_visit_on(grant, day):
            out.append(Occurrence(grant.pk, day, 0, grant.duration))
    if grant.recurrence == Recurrence.WEEKLY_FRAME:
        out.extend(_frame_occurrences(grant, start, days))
    return out


def _single_visit_on(grant: Grant, day: dt.date) -> bool:
    """Daily and weekday grants visit on every allowed day; interval grants every N days from the start."""
    if grant.recurrence == Recurrence.EVERY_N_DAYS:
        return (day - grant.starts_on).days % (grant.interval_days or 1) == 0
    return grant.recurrence in (Recurrence.DAILY, Recurrence.WEEKDAYS)


def _frame_occurrences(grant: Grant, start: dt.date, days: int) -> list[Occurrence]:
    """An Elderly Act frame: N minutes a week spread as evenly as the allowed weekdays permit, in
    visits of the grant's duration (the last visit of a week takes the remainder). The team may
    reshape them afterwards; reshaped visits are marked changed by hand and kept."""
    out: list[Occurrence] = []
    monday = start - dt.timedelta(days=start.weekday())
    end = start + dt.timedelta(days=days)
    while monday < end:
        week_days = [
            d for d in date_range(monday, 7) if grant.active_on(d) and grant.weekdays[d.weekday()] == "1"
        ]
        minutes = grant.weekly_minutes or 0
        count = max(1, -(-minutes // grant.duration)) if week_days else 0
        per_day: dict[dt.date, int] = {}
        for i in range(count):
            day = week_days[i * len(week_days) // count]
            length = min(grant.duration, minutes - i * grant.duration)
            index = per_day[day] = per_day.get(day, -1) + 1
            if start <= day < end and length > 0:
                out.append(Occurrence(grant.pk, day, index, length))
        monday += dt.timedelta(days=7)
    return out


@transaction.atomic
def expand_grants(*, team: Team, start: dt.date, days: int) -> ExpansionResult:
    """Create the visits the team's grants ask for on ``[start, start + days)``.

    Idempotent: re-running creates nothing new. Generated visits that no grant
    asks for any more (a grant ended earlier or changed its pattern) are removed,
    and those whose grant changed its times, duration or needs are brought in
    line, unless they were changed by hand or are no longer merely planned.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    end = start + dt.timedelta(days=days)
    grants = list(
        Grant.objects.filter(citizen__team=team, starts_on__lt=end)
        .exclude(ends_on__lt=start)
        .exclude(recurrence=Recurrence.ON_DEMAND)
        .select_related("service")
    )
    wanted = {(o.grant_id, o.date, o.index): (g, o) for g in grants for o in occurrences(g, start, days)}
    existing = Visit.objects.filter(citizen__team=team, grant__isnull=False, date__gte=start, date__lt=end)
    have = {(v.grant_id or 0, v.date, v.occurrence): v for v in existing}
    stale = [
        v.pk
        for key, v in have.items()
        if key not in wanted and not v.changed_by_hand and v.status == VisitStatus.PLANNED
    ]
    Visit.objects.filter(pk__in=stale).delete()
    new = [_visit_for(g, o) for key, (g, o) in wanted.items() if key not in have]
    Visit.objects.bulk_create(new)
    refreshed = [
        fresh
        for key, v in have.items()
        if key in wanted and not v.changed_by_hand and v.status == VisitStatus.PLANNED
        for fresh in [_refreshed(v, _visit_for(*wanted[key]))]
        if fresh is not None
    ]
    Visit.objects.bulk_update(refreshed, [*_GRANT_FIELDS, "planned_start"])
    return ExpansionResult(created=len(new), removed=len(stale), kept=len(have) - len(stale))


_GRANT_FIELDS = ("window_start", "window_end", "duration", "two_carers", "remote", "priority")


def _refreshed(visit: Visit, wanted: Visit) -> Visit | None:
    """The visit updated to what its grant now asks for, or None if nothing changed. A changed
    visit loses its planned start, so the next planning run places it again."""
    if all(getattr(visit, f) == getattr(wanted, f) for f in _GRANT_FIELDS):
        return None
    for field in _GRANT_FIELDS:
        setattr(visit, field, getattr(wanted, field))
    visit.planned_start = None
    return visit


def _visit_for(grant: Grant, occ: Occurrence) -> Visit:
    return Visit(
        grant=grant,
        citizen_id=grant.citizen_id,
        service=grant.service,
        date=occ.date,
        occurrence=occ.index,
        window_start=aware(occ.date, grant.window_start),
        window_end=aware(occ.date, grant.window_end),
        duration=occ.duration,
        two_carers=grant.two_carers,
        remote=grant.remote,
        priority=grant.priority,
    )


@transaction.atomic
def expand_team_visits(*, team: Team, start: dt.date, days: int, by: User) -> ExpansionResult:
    """``expand_grants`` on a user's request, audit-logged with what it did."""
    result = expand_grants(team=team, start=start, days=days)
    summary = f"{start:%Y-%m-%d} +{days} days: {result.created} created, {result.removed} removed"
    record_event(
        user=by, action=Action.CREATE, object_type="visit-expansion", object_id=team.pk, summary=summary
    )
    return result
