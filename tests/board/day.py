# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A small planned day on team A's board, built row by row so that every time is known.

Birthe Hansen (SSH, no insulin) and Mette Kjær (SSA, insulin) work 07:00-15:00 with a 30-minute
break between 11:00 and 12:30. Everyone lives a two-minute drive from the office.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from naerhed.citizens.models import CarerWish, CarerWishKind, Citizen
from naerhed.grants.models import Service
from naerhed.lib.dates import aware
from naerhed.organisation.models import Team
from naerhed.visits.models import Visit
from naerhed.workforce.models import Profession, RosterShift, ShiftLayer, StaffMember
from tests import factories as f

#: A day next week, so that moves are allowed (a day that is over cannot be changed).
DAY = dt.date.today() + dt.timedelta(days=7)


@dataclass
class BoardDay:
    team: Team
    birthe: StaffMember
    mette: StaffMember
    morning: Visit  # Inger Andersen 07:30-09:00, 25 min: Birthe at 07:30
    nine: Visit  # Ruth Madsen 08:20-10:00, 20 min: Birthe at 08:20
    insulin: Visit  # Ruth Madsen 08:00-08:30, 15 min, needs insulin: Mette at 08:00
    two: Visit  # Inger Andersen 10:00-11:00, 30 min, two carers: Birthe and Mette at 10:00
    late: Visit  # Karl Nielsen 13:00-14:45, 30 min (Karl has blocked Mette): Birthe at 13:00
    tray: Visit  # Karl Nielsen 09:30-11:00, 20 min: unplanned
    long: Visit  # Karl Nielsen 14:00-14:30, 60 min: unplanned (cannot end before 15:00)


def _shift(member: StaffMember) -> None:
    RosterShift.objects.create(
        staff=member,
        date=DAY,
        layer=ShiftLayer.DAY,
        starts_at=aware(DAY, dt.time(7, 0)),
        ends_at=aware(DAY, dt.time(15, 0)),
        break_earliest=aware(DAY, dt.time(11, 0)),
        break_latest=aware(DAY, dt.time(12, 30)),
        break_minutes=30,
        break_start=aware(DAY, dt.time(11, 0)),
    )


def visit(
    citizen: Citizen,
    service: Service,
    window: tuple[dt.time, dt.time],
    duration: int,
    *,
    at: dt.time | None = None,
    carers: tuple[StaffMember, ...] = (),
    **kw: object,
) -> Visit:
    row = Visit.objects.create(
        citizen=citizen,
        service=service,
        date=DAY,
        window_start=aware(DAY, window[0]),
        window_end=aware(DAY, window[1]),
        duration=duration,
        planned_start=aware(DAY, at) if at else None,
        **kw,
    )
    row.carers.set(carers)
    return row


def board_day(team: Team, inger: Citizen) -> BoardDay:
    birthe = f.staff(team=team, first_name="Birthe", last_name="Hansen")
    mette = f.staff(
        team=team, first_name="Mette", last_name="Kjær", profession=Profession.SSA, competences=["insulin"]
    )
    for member in (birthe, mette):
        _shift(member)
    ruth = f.citizen(team=team, first_name="Ruth", last_name="Madsen", lat=55.046, lon=9.421)
    karl = f.citizen(team=team, first_name="Karl", last_name="Nielsen", lat=55.049, lon=9.421)
    Citizen.objects.filter(pk=inger.pk).update(lat=55.045, lon=9.416)
    CarerWish.objects.create(citizen=karl, staff=mette, kind=CarerWishKind.BLOCKED)
    care = f.service("personlig-pleje", name="Personlig pleje")
    insulin = f.service("insulin", name="Insulin", competences=["insulin"])
    t = dt.time
    return BoardDay(
        team=team,
        birthe=birthe,
        mette=mette,
        morning=visit(inger, care, (t(7, 30), t(9, 0)), 25, at=t(7, 30), carers=(birthe,)),
        nine=visit(ruth, care, (t(8, 20), t(10, 0)), 20, at=t(8, 20), carers=(birthe,)),
        insulin=visit(ruth, insulin, (t(8, 0), t(8, 30)), 15, at=t(8, 0), carers=(mette,)),
        two=visit(
            inger, care, (t(10, 0), t(11, 0)), 30, at=t(10, 0), carers=(birthe, mette), two_carers=True
        ),
        late=visit(karl, care, (t(13, 0), t(14, 45)), 30, at=t(13, 0), carers=(birthe,)),
        tray=visit(karl, care, (t(9, 30), t(11, 0)), 20),
        long=visit(karl, care, (t(14, 0), t(14, 30)), 60),
    )
