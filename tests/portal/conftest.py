# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A citizen who books flexible help: Inger Andersen in team A (phone 20 30 40 50), whose key person is
Sofie Holm. Sofie and Jonas Berg work 07:00–15:00 on Tuesday 1 and Wednesday 2 December 2026, with a
30-minute break between 11:00 and 13:00. Inger has a bath once a week (30 min, 08:00–14:00), cleaning
every 14 days (60 min, 09:00–14:00) and a klippekort (30 minutes a week, visits of 30 min). "Now" is
Monday 30 November 2026, 08:00 in Copenhagen."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from naerhed.citizens.models import Citizen, Relative
from naerhed.grants.models import Grant, LawParagraph, Recurrence, ServiceKind
from naerhed.lib.dates import COPENHAGEN, aware
from naerhed.messaging.models import Message
from naerhed.workforce.models import RosterShift, ShiftLayer, StaffMember
from tests import factories as f
from tests.personas import World
from tests.web.conftest import fast_password_hashing

__all__ = ["Booking", "booking", "build_booking", "code_sent_to", "fast_password_hashing"]

NOW = dt.datetime(2026, 11, 30, 8, 0, tzinfo=COPENHAGEN)
TUESDAY = dt.date(2026, 12, 1)
WEDNESDAY = dt.date(2026, 12, 2)
PHONE = "20 30 40 50"


@dataclass
class Booking:
    citizen: Citizen
    sofie: StaffMember
    jonas: StaffMember
    bath: Grant
    cleaning: Grant
    klippekort: Grant
    relative: Relative


def shift(member: StaffMember, day: dt.date) -> RosterShift:
    return RosterShift.objects.create(
        staff=member,
        date=day,
        layer=ShiftLayer.DAY,
        starts_at=aware(day, dt.time(7, 0)),
        ends_at=aware(day, dt.time(15, 0)),
        break_earliest=aware(day, dt.time(11, 0)),
        break_latest=aware(day, dt.time(13, 0)),
        break_minutes=30,
    )


def build_booking(world: World, days: tuple[dt.date, ...] = (TUESDAY, WEDNESDAY)) -> Booking:
    """The setting above; ``days`` are the days Sofie and Jonas work."""
    team = world.team_a
    sofie = f.staff(team=team, first_name="Sofie", last_name="Holm")
    jonas = f.staff(team=team, first_name="Jonas", last_name="Berg")
    for member in (sofie, jonas):
        for day in days:
            shift(member, day)
    citizen = world.citizen_a
    citizen.phone, citizen.key_person = PHONE, sofie
    citizen.lat, citizen.lon = 55.054, 9.418
    citizen.save()
    practical = {"paragraph": LawParagraph.SEL_83_PRACTICAL, "kind": ServiceKind.SINGLE}
    bath = f.grant(
        citizen=citizen,
        service=f.service("bad", name="Bad", default_duration=30),
        starts_on=dt.date(2026, 11, 2),
        recurrence=Recurrence.ON_DEMAND,
        weekly_minutes=30,
        duration=30,
        window_start=dt.time(8, 0),
        window_end=dt.time(14, 0),
    )
    cleaning = f.grant(
        citizen=citizen,
        service=f.service("rengoering", name="Rengøring", default_duration=60, **practical),
        starts_on=dt.date(2026, 11, 23),
        recurrence=Recurrence.ON_DEMAND,
        interval_days=14,
        weekly_minutes=30,
        duration=60,
        window_start=dt.time(9, 0),
        window_end=dt.time(14, 0),
    )
    klippekort = f.grant(
        citizen=citizen,
        service=f.service(
            "klippekort", name="Klippekort", kind=ServiceKind.KLIPPEKORT, paragraph=LawParagraph.KLIPPEKORT
        ),
        starts_on=dt.date(2026, 11, 2),
        recurrence=Recurrence.ON_DEMAND,
        weekly_minutes=30,
        duration=30,
        window_start=dt.time(9, 0),
        window_end=dt.time(16, 0),
    )
    relative = Relative.objects.create(
        citizen=citizen,
        name="Hanne Andersen",
        relation="datter",
        phone="+45 61 62 63 64",
        consent_to_share=True,
        consent_recorded_on=dt.date(2026, 1, 5),
    )
    return Booking(citizen, sofie, jonas, bath, cleaning, klippekort, relative)


@pytest.fixture
def booking(world: World) -> Booking:
    return build_booking(world)


def code_sent_to(phone: str) -> str:
    """The six digits of the newest login code in the outbox for ``phone`` (+45…)."""
    message = Message.objects.filter(kind="login_code", to=phone).order_by("-id").first()
    assert message is not None, f"no login code was sent to {phone}"
    match = re.search(r"\b(\d{6})\b", message.body)
    assert match is not None
    return match.group(1)
