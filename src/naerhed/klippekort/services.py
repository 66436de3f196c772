# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every write to the klippekort ledger.

:func:`sync_ledger` brings a citizen's ledger up to date (weekly minutes, use of visits the team
delivered, minutes given back for cancelled visits, the savings cap, expiry at year end) and is safe
to run at any time; :func:`reserve_for_visit` and :func:`return_for_visit` are called by bookings.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant, ServiceKind
from naerhed.klippekort.models import EntryKind, KlippekortEntry, KlippekortRules
from naerhed.lib.dates import monday_of
from naerhed.visits.models import Visit, VisitStatus

if TYPE_CHECKING:
    from naerhed.accounts.models import User

DEFAULT_CAP_WEEKS = 4


def is_klippekort(grant: Grant) -> bool:
    return grant.service.kind == ServiceKind.KLIPPEKORT


def visit_minutes(visit: Visit) -> int:
    """What a visit takes from the klippekort: its minutes, twice over when two carers come."""
    return visit.duration * (2 if visit.two_carers else 1)


def klippekort_grants(citizen: Citizen) -> list[Grant]:
    return list(
        Grant.objects.filter(citizen=citizen, service__kind=ServiceKind.KLIPPEKORT)
        .select_related("service")
        .order_by("starts_on", "pk")
    )


def cap_weeks(citizen: Citizen) -> int:
    rules = KlippekortRules.objects.filter(municipality__districts__teams__citizens=citizen).first()
    return rules.savings_cap_weeks if rules else DEFAULT_CAP_WEEKS


def weekly_minutes_on(grants: list[Grant], day: dt.date) -> int:
    return sum(g.weekly_minutes or 0 for g in grants if g.active_on(day))


def balance(citizen: Citizen, *, on: dt.date | None = None) -> int:
    """The minutes left: the sum of the entries (up to and including ``on`` if given)."""
    entries = KlippekortEntry.objects.filter(citizen=citizen)
    if on is not None:
        entries = entries.filter(effective_on__lte=on)
    return int(entries.aggregate(total=Sum("minutes"))["total"] or 0)


@transaction.atomic
def sync_ledger(*, citizen: Citizen, today: dt.date) -> int:
    """Add the entries the ledger lacks up to ``today``; returns how many were added. Idempotent."""
    grants = klippekort_grants(citizen)
    added = _visit_entries(citizen, grants, today)
    for day, kind, grant in _checkpoints(grants, today):
        if kind == "expiry":
            added += _expire(citizen, day)
        elif grant is not None:
            added += _credit(citizen, grants, grant, day)
    return added


def _checkpoints(grants: list[Grant], today: dt.date) -> list[tuple[dt.date, str, Grant | None]]:
    """Weekly credits (on the week's first active day) and year ends, in date order; a year end comes
    before the next year's first credit."""
    points: list[tuple[dt.date, str, Grant | None]] = []
    for grant in grants:
        monday = monday_of(grant.starts_on)
        while monday <= today:
            days = [monday + dt.timedelta(days=i) for i in range(7)]
            active = [d for d in days if grant.active_on(d) and d <= today]
            if active:
                points.append((active[0], "credit", grant))
            monday += dt.timedelta(days=7)
    if points:
        first = min(p[0] for p in points)
        points += [(dt.date(year, 12, 31), "expiry", None) for year in range(first.year, today.year)]
    return sorted(points, key=lambda p: (p[0], p[1] == "credit", p[2].pk if p[2] else 0))


def _add(citizen: Citizen, key: str, **fields: object) -> int:
    _, created = KlippekortEntry.objects.get_or_create(key=key, defaults={"citizen": citizen, **fields})
    return int(created)


def _credit(citizen: Citizen, grants: list[Grant], grant: Grant, day: dt.date) -> int:
    monday = monday_of(day)
    key = f"grant:{grant.pk}:{monday.isoformat()}"
    if KlippekortEntry.objects.filter(key=key).exists():
        return 0
    weekly = grant.weekly_minutes or 0
    added = _add(citizen, key, grant=grant, kind=EntryKind.GRANTED, minutes=weekly, effective_on=day)
    cap = weekly_minutes_on(grants, day) * cap_weeks(citizen)
    excess = balance(citizen, on=day) - cap
    if excess > 0:
        added += _add(
            citizen,
            f"cap:{grant.pk}:{monday.isoformat()}",
            grant=grant,
            kind=EntryKind.OVER_CAP,
            minutes=-excess,
            effective_on=day,
            note=_("At most %(cap)d minutes may be saved.") % {"cap": cap},
        )
    return added


def _expire(citizen: Citizen, day: dt.date) -> int:
    key = f"expiry:{citizen.pk}:{day.year}"
    if KlippekortEntry.objects.filter(key=key).exists():
        return 0
    left = balance(citizen, on=day)
    # Recorded even when nothing is left, so that the year is settled once and only once.
    return _add(citizen, key, kind=EntryKind.EXPIRED, minutes=-max(left, 0), effective_on=day)


def _visit_entries(citizen: Citizen, grants: list[Grant], today: dt.date) -> int:
    """Use of delivered visits the team planned (bookings were debited when booked), and minutes
    given back for booked visits that were cancelled by anyone."""
    visits = Visit.objects.filter(grant__in=grants, date__lte=today + dt.timedelta(days=366))
    keys = set(KlippekortEntry.objects.filter(citizen=citizen).values_list("key", flat=True))
    added = 0
    for visit in visits:
        debit, back = f"visit:{visit.pk}", f"return:{visit.pk}"
        if visit.status == VisitStatus.DELIVERED and debit not in keys and visit.date <= today:
            added += _add(
                citizen,
                debit,
                grant_id=visit.grant_id,
                visit=visit,
                kind=EntryKind.USED,
                minutes=-visit_minutes(visit),
                effective_on=visit.date,
            )
        elif visit.status == VisitStatus.CANCELLED and debit in keys and back not in keys:
            added += _return(citizen, visit, today)
    return added


@transaction.atomic
def reserve_for_visit(*, visit: Visit, today: dt.date) -> KlippekortEntry:
    """Take a booked visit's minutes from the klippekort; refused (ValidationError) without enough."""
    citizen = visit.citizen
    Citizen.objects.select_for_update().filter(pk=citizen.pk).first()  # one booking at a time
    sync_ledger(citizen=citizen, today=today)
    needed, left = visit_minutes(visit), balance(citizen)
    if needed > left:
        message = _("You have %(left)d klippekort minutes left; this visit needs %(needed)d.")
        raise ValidationError({"grant": message % {"left": left, "needed": needed}})
    _add(
        citizen,
        f"visit:{visit.pk}",
        grant_id=visit.grant_id,
        visit=visit,
        kind=EntryKind.BOOKED,
        minutes=-needed,
        effective_on=today,
    )
    return KlippekortEntry.objects.get(key=f"visit:{visit.pk}")


@transaction.atomic
def return_for_visit(*, visit: Visit, today: dt.date) -> int:
    """Give a cancelled visit's minutes back (once); 0 if none were taken for it."""
    return _return(visit.citizen, visit, today)


def _return(citizen: Citizen, visit: Visit, today: dt.date) -> int:
    debit = KlippekortEntry.objects.filter(key=f"visit:{visit.pk}").first()
    if debit is None:
        return 0
    return _add(
        citizen,
        f"return:{visit.pk}",
        grant_id=debit.grant_id,
        visit=visit,
        kind=EntryKind.RETURNED,
        minutes=-debit.minutes,
        effective_on=today,
    )


@transaction.atomic
def record_correction(
    *, citizen: Citizen, minutes: int, note: str, by: User, today: dt.date
) -> KlippekortEntry:
    """A correction by the team: a new entry of ``minutes`` (positive or negative) with a reason."""
    if minutes == 0:
        raise ValidationError({"minutes": _("Give a number of minutes other than 0.")})
    if abs(minutes) > 10_000:
        raise ValidationError({"minutes": _("A correction is at most 10,000 minutes.")})
    if not note.strip():
        raise ValidationError({"note": _("Say why the correction is made.")})
    entry = KlippekortEntry.objects.create(
        citizen=citizen,
        kind=EntryKind.CORRECTION,
        minutes=minutes,
        effective_on=today,
        key=f"correction:{uuid.uuid4().hex}",
        note=note.strip()[:200],
        created_by=by,
    )
    record_event(
        user=by,
        action=Action.CREATE,
        object_type="klippekort_entry",
        object_id=entry.pk,
        citizen_id=citizen.pk,
        summary=f"klippekort correction {minutes:+d} min",
    )
    return entry
