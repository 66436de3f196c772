# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Team A's people for the quality tests: the personas carer (an SSH), nurse and team leader are linked to
staff records, so that they can be owners, captains and TOBS measurers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from naerhed.accounts.models import User
from naerhed.lib.dates import aware
from naerhed.workforce.models import Profession, RosterShift, ShiftLayer, StaffMember
from tests import factories as f
from tests.personas import World
from tests.web.conftest import fast_password_hashing

__all__ = ["Team", "client_for", "fast_password_hashing", "on_rota", "team_people"]


@dataclass
class Team:
    carer: StaffMember
    nurse: StaffMember
    leader: StaffMember
    ssa: StaffMember


def _link(user: User, member: StaffMember) -> None:
    user.staff = member
    user.save(update_fields=["staff"])


@pytest.fixture
def team_people(world: World) -> Team:
    a = world.team_a
    people = Team(
        carer=f.staff(team=a, first_name="Sofie", last_name="Holm", profession=Profession.SSH),
        nurse=f.staff(team=a, first_name="Lene", last_name="Kjær", profession=Profession.NURSE),
        leader=f.staff(team=a, first_name="Mette", last_name="Lund", profession=Profession.SSA),
        ssa=f.staff(team=a, first_name="Anders", last_name="Bach", profession=Profession.SSA),
    )
    _link(world.user("carer"), people.carer)
    _link(world.user("nurse"), people.nurse)
    _link(world.user("teamleader"), people.leader)
    return people


def client_for(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def on_rota(member: StaffMember, day: dt.date, *, brk: bool = False) -> RosterShift:
    """A day shift 07:00–15:00 on the rota; with ``brk`` a 30-minute break between 12:30 and 13:30."""
    return RosterShift.objects.create(
        staff=member,
        date=day,
        layer=ShiftLayer.DAY,
        starts_at=aware(day, dt.time(7)),
        ends_at=aware(day, dt.time(15)),
        break_earliest=aware(day, dt.time(12, 30)) if brk else None,
        break_latest=aware(day, dt.time(13, 30)) if brk else None,
        break_minutes=30 if brk else 0,
    )
