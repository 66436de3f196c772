# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A carer's day in team A: the persona ``carer`` is staff member Sofie Holm, driving from the team
office, with three visits today (one of them needs two carers, with Jonas Berg)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from naerhed.accounts.models import User
from naerhed.citizens.models import Citizen
from naerhed.grants.models import Service
from naerhed.lib.dates import aware
from naerhed.visits.models import Visit
from naerhed.workforce.models import StaffMember
from tests import factories as f
from tests.personas import World
from tests.web.conftest import fast_password_hashing

__all__ = ["CarerDay", "carer_day", "fast_password_hashing", "make_visit"]

OFFICE = (55.044, 9.418)


def make_visit(
    citizen: Citizen,
    day: dt.date,
    start: dt.time,
    carers: list[StaffMember],
    *,
    duration: int = 30,
    service: Service | None = None,
    **kw: bool,
) -> Visit:
    """A visit planned by hand the way the planner bridge publishes one: ``planned_start`` and ``carers``."""
    service = service or f.service("personlig-pleje", name="Personlig pleje")
    planned = aware(day, start)
    visit = Visit.objects.create(
        citizen=citizen,
        service=service,
        date=day,
        window_start=planned - dt.timedelta(minutes=30),
        window_end=planned + dt.timedelta(minutes=30),
        duration=duration,
        planned_start=planned,
        **kw,
    )
    visit.carers.set(carers)
    return visit


@dataclass
class CarerDay:
    day: dt.date
    user: User
    staff: StaffMember
    partner: StaffMember
    citizens: list[Citizen]
    visits: list[Visit]


def build_day(world: World, day: dt.date) -> CarerDay:
    """Citizens north of the office on one meridian: 0.01° of latitude is 1.45 road km, 3 minutes by car."""
    team = world.team_a
    team.office_lat, team.office_lon = OFFICE
    team.save()
    staff = f.staff(team=team, first_name="Sofie", last_name="Holm")
    partner = f.staff(team=team, first_name="Jonas", last_name="Berg")
    user = world.user("carer")
    user.staff = staff
    user.save(update_fields=["staff"])
    citizens = [world.citizen_a] + [
        f.citizen(team=team, first_name=name, last_name="Nielsen") for name in ("Ejnar", "Grethe")
    ]
    for citizen, lat in zip(citizens, (55.054, 55.074, 55.084), strict=True):
        citizen.lat, citizen.lon = lat, OFFICE[1]
        citizen.save(update_fields=["lat", "lon"])
    visits = [
        make_visit(citizens[0], day, dt.time(8, 0), [staff], duration=30),
        make_visit(citizens[1], day, dt.time(8, 40), [staff, partner], duration=20, two_carers=True),
        make_visit(citizens[2], day, dt.time(9, 20), [staff], duration=15),
    ]
    return CarerDay(day, user, staff, partner, citizens, visits)


@pytest.fixture
def carer_day(world: World) -> CarerDay:
    from django.utils import timezone

    return build_day(world, timezone.localdate())
