# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's klippekort in use: the citizens who book on the citizens' pages (and a few more) had
klippekort visits of 30 to 60 minutes delivered in most of the last ten weeks, so their balance and
entries look like real use instead of a weekly credit that the savings cap takes again. Idempotent: a
klippekort that already has visits is left alone."""

from __future__ import annotations

import datetime as dt
import random

from naerhed.citizens.models import Citizen
from naerhed.demo.builder import MUNICIPALITY_CODE
from naerhed.demo.portal import klippekort_bookers
from naerhed.grants.models import Grant, ServiceKind
from naerhed.klippekort.services import balance, sync_ledger
from naerhed.lib.dates import aware, monday_of
from naerhed.organisation.models import Municipality
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import StaffMember

EXTRA_USERS = 3
WEEKS_BACK = 10
USE_SHARE = 0.7  # of the weeks, a visit was delivered
ERRANDS = ((30, "Gåtur"), (45, "Indkøb sammen"), (60, "Tur på kirkegården"), (45, "Hjælp med haven"))


def use_klippekort(*, today: dt.date) -> str:
    """Deliver past klippekort visits for a few demo citizens and bring their ledgers up to date."""
    municipality = Municipality.objects.filter(code=MUNICIPALITY_CODE).first()
    if municipality is None:
        return "Klippekort in use: no demo municipality."
    delivered = 0
    for citizen in _users(municipality, today):
        grant = _klippekort(citizen, today)
        if grant is None or Visit.objects.filter(grant=grant).exists():
            continue
        # The ledger is brought up to each visit's day before it, so the caps are worked out in order.
        delivered += _deliver_weeks(grant, today)
        sync_ledger(citizen=citizen, today=today)
    return f"Klippekort in use: {delivered} delivered klippekort visits added."


def _users(municipality: Municipality, today: dt.date) -> list[Citizen]:
    bookers = klippekort_bookers(municipality, today)
    others = (
        Citizen.objects.filter(
            team__district__municipality=municipality, grants__service__kind=ServiceKind.KLIPPEKORT
        )
        .exclude(pk__in=[c.pk for c in bookers])
        .distinct()
        .order_by("pk")[:EXTRA_USERS]
    )
    return bookers + list(others)


def _klippekort(citizen: Citizen, today: dt.date) -> Grant | None:
    grants = Grant.objects.filter(citizen=citizen, service__kind=ServiceKind.KLIPPEKORT).select_related(
        "service"
    )
    return next((g for g in grants.order_by("pk") if g.active_on(today)), None)


def _deliver_weeks(grant: Grant, today: dt.date) -> int:
    """A visit in most weeks, of 30 to 60 minutes, and only when the minutes saved cover it."""
    rng = random.Random(grant.pk)  # the same citizen gets the same history on every fresh demo
    carer = StaffMember.objects.filter(team_id=grant.citizen.team_id).order_by("pk").first()
    added = 0
    for weeks_ago in range(WEEKS_BACK, -1, -1):
        day = monday_of(today) - dt.timedelta(weeks=weeks_ago) + dt.timedelta(days=rng.randint(0, 4))
        minutes, what = rng.choice(ERRANDS)
        if rng.random() > USE_SHARE or day >= today or not grant.active_on(day):
            continue
        sync_ledger(citizen=grant.citizen, today=day)
        # The balance on the day (not now): a second run decides exactly as the first did.
        if balance(grant.citizen, on=day) < minutes * (2 if grant.two_carers else 1):
            continue
        start = aware(day, dt.time(rng.choice((9, 10, 13, 14))))
        visit = Visit.objects.create(
            grant=grant,
            citizen=grant.citizen,
            service=grant.service,
            date=day,
            window_start=start,
            window_end=start,
            planned_start=start,
            duration=minutes,
            two_carers=grant.two_carers,
            priority=grant.priority,
            status=VisitStatus.DELIVERED,
            note=what,
        )
        if carer is not None:
            visit.carers.add(carer)
        added += 1
    return added
