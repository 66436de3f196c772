# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A published Monday for team A, laid out by hand so every test knows who visits whom.

Mette (insulin) has Inger at 07:30 and Poul (insulin) at 08:15; Anders (insulin) has Karen at 07:30;
Sofie (no insulin) has Else at 07:30. All work 07–15 with a 30-minute break from 11:00. Inger had
Anders two weeks ago, so he is known to her; nobody else has met anyone else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from naerhed.citizens.models import Citizen
from naerhed.lib.dates import aware
from naerhed.organisation.models import Team
from naerhed.visits.models import Visit, VisitStatus
from naerhed.visits.services import expand_grants
from naerhed.workforce.models import RosterShift, ShiftLayer, StaffMember
from tests import factories as f
from tests.personas import World

MONDAY = dt.date(2026, 11, 16)
EARLY = "2026-11-16 05:00:00+00:00"  # 06:00 in Copenhagen, before anyone starts


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Day:
    team: Team
    mette: StaffMember
    anders: StaffMember
    sofie: StaffMember
    inger: Citizen
    poul: Citizen
    karen: Citizen
    else_: Citizen
    shifts: dict[str, RosterShift]
    date: dt.date = MONDAY

    def visit(self, citizen: Citizen) -> Visit:
        return Visit.objects.get(citizen=citizen, date=self.date)


def _shift(member: StaffMember, day: dt.date) -> RosterShift:
    return RosterShift.objects.create(
        staff=member,
        date=day,
        layer=ShiftLayer.DAY,
        starts_at=aware(day, dt.time(7, 0)),
        ends_at=aware(day, dt.time(15, 0)),
        break_earliest=aware(day, dt.time(11, 0)),
        break_latest=aware(day, dt.time(12, 30)),
        break_minutes=30,
    )


def _assign(citizen: Citizen, carer: StaffMember, day: dt.date, at: dt.time) -> None:
    visit = Visit.objects.get(citizen=citizen, date=day)
    Visit.objects.filter(pk=visit.pk).update(planned_start=aware(day, at))
    visit.carers.set([carer])


def build_day(team: Team, day: dt.date = MONDAY) -> Day:
    mette = f.staff(team=team, first_name="Mette", last_name="Kjær", competences=["insulin"])
    anders = f.staff(team=team, first_name="Anders", last_name="Holm", competences=["insulin"])
    sofie = f.staff(team=team, first_name="Sofie", last_name="Lund")
    shifts = {m.first_name: _shift(m, day) for m in (mette, anders, sofie)}
    people = [
        f.citizen(team=team, first_name=name, last_name="Nielsen", lat=55.044 + i * 0.002, lon=9.42)
        for i, name in enumerate(("Inger", "Poul", "Karen", "Else"))
    ]
    inger, poul, karen, else_ = people
    insulin = f.service("insulin", competences=["insulin"])
    for person in people:
        f.grant(citizen=person, service=insulin if person is poul else f.service(), starts_on=day)
    expand_grants(team=team, start=day, days=1)
    _assign(inger, mette, day, dt.time(7, 30))
    _assign(poul, mette, day, dt.time(8, 15))
    _assign(karen, anders, day, dt.time(7, 30))
    _assign(else_, sofie, day, dt.time(7, 30))
    earlier = day - dt.timedelta(days=14)
    past = Visit.objects.create(
        citizen=inger,
        service=f.service(),
        date=earlier,
        window_start=aware(earlier, dt.time(7)),
        window_end=aware(earlier, dt.time(9, 30)),
        duration=25,
        status=VisitStatus.DELIVERED,
        planned_start=aware(earlier, dt.time(7, 30)),
    )
    past.carers.set([anders])
    return Day(team, mette, anders, sofie, inger, poul, karen, else_, shifts, day)


@pytest.fixture
def day(world: World) -> Day:
    return build_day(world.team_a)
