# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's citizens' pages: Aabenraa's booking rules (cancel or move at least 24 hours before), and
three citizens with a klippekort who also book a bath once a week and cleaning every 14 days themselves.
Prints the phone number to log in with; the code arrives in the file gateway (``var/sms/outbox.jsonl``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef

from naerhed.citizens.models import Citizen
from naerhed.demo.builder import MUNICIPALITY_CODE
from naerhed.grants.models import Grant, LawParagraph, Priority, Recurrence, Service, ServiceKind
from naerhed.organisation.models import Municipality
from naerhed.portal.models import BookingRules
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import ShiftLayer

BOOKERS = 3


def _service(code: str, name: str, paragraph: LawParagraph, minutes: int) -> Service:
    service, _ = Service.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": ServiceKind.SINGLE,
            "paragraph": paragraph,
            "shift_layer": ShiftLayer.DAY,
            "default_duration": minutes,
            "default_priority": Priority.SHOULD,
        },
    )
    return service


def _on_demand(citizen: Citizen, service: Service, today: dt.date, **fields: object) -> None:
    if Grant.objects.filter(citizen=citizen, service=service).exists():
        return
    grant = Grant(
        citizen=citizen,
        service=service,
        starts_on=today - dt.timedelta(days=today.weekday()),
        recurrence=Recurrence.ON_DEMAND,
        duration=service.default_duration,
        priority=Priority.SHOULD,
        **fields,
    )
    grant.full_clean()
    grant.save()


def klippekort_bookers(municipality: Municipality, today: dt.date) -> list[Citizen]:
    """The demo citizens who book: klippekort holders with a phone, those who also get regular help
    first (the login the console names should show coming visits)."""
    coming = Visit.objects.filter(citizen=OuterRef("pk"), date__gte=today, status=VisitStatus.PLANNED)
    return list(
        Citizen.objects.filter(
            team__district__municipality=municipality, grants__service__kind=ServiceKind.KLIPPEKORT
        )
        .exclude(phone="")
        .distinct()
        .annotate(has_coming_visits=Exists(coming))
        .order_by("-has_coming_visits", "pk")[:BOOKERS]
    )


def set_up_portal(*, today: dt.date) -> str:
    """Idempotent. Returns one line for the console."""
    municipality = Municipality.objects.filter(code=MUNICIPALITY_CODE).first()
    if municipality is None:
        return "Citizens' pages: no demo municipality."
    BookingRules.objects.get_or_create(municipality=municipality)
    bath = _service("bad-efter-aftale", "Bad", LawParagraph.SEL_83_PERSONAL, 30)
    cleaning = _service("rengoering-efter-aftale", "Rengøring", LawParagraph.SEL_83_PRACTICAL, 60)
    bookers = klippekort_bookers(municipality, today)
    for citizen in bookers:
        _on_demand(citizen, bath, today, weekly_minutes=30, window_start=dt.time(8), window_end=dt.time(14))
        _on_demand(
            citizen,
            cleaning,
            today,
            weekly_minutes=30,
            interval_days=14,
            window_start=dt.time(9),
            window_end=dt.time(14),
        )
    if not bookers:
        return "Citizens' pages: /borger/ (no demo citizen with a klippekort and a phone)."
    who = bookers[0]
    where = settings.NAERHED_SMS_FILE if settings.NAERHED_SMS_GATEWAY == "file" else "the SMS gateway"
    return (
        f"Citizens' pages: /borger/ - log in as {who.first_name} with phone {who.phone}; "
        f"the code goes to {where}."
    )
