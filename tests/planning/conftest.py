# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A small week to plan: team A of the personas with two carers and two citizens with daily visits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from naerhed.lib.dates import aware, date_range
from naerhed.organisation.models import Team
from naerhed.workforce.models import RosterShift, ShiftLayer
from tests import factories as f
from tests.personas import World

MONDAY = dt.date(2026, 11, 16)
#: Time limits stay tiny: the plans are small and the tests are about the app, not the engine.
SECONDS = 1.0


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def small_week(team: Team) -> None:
    """Two carers on day shifts (7-15) every day of the week; two citizens, each with one morning visit a day.

    The shifts are made here, not by the default rota, so the week is plannable
    whatever the rota's rules and the records' ids.
    """
    carers = [
        f.staff(team=team, first_name="Mette", last_name="Kjær"),
        f.staff(team=team, first_name="Anders", last_name="Holm"),
    ]
    for member in carers:
        for day in date_range(MONDAY, 7):
            RosterShift.objects.create(
                staff=member,
                date=day,
                layer=ShiftLayer.DAY,
                starts_at=aware(day, dt.time(7, 0)),
                ends_at=aware(day, dt.time(15, 0)),
                break_earliest=aware(day, dt.time(11, 0)),
                break_latest=aware(day, dt.time(12, 30)),
                break_minutes=30,
            )
    # Placed near the office: the factory's default coordinates drift with every citizen it makes.
    for lat in (55.046, 55.049):
        f.grant(citizen=f.citizen(team=team, lat=lat, lon=9.421), starts_on=MONDAY)


@pytest.fixture
def planned_team(world: World) -> Team:
    small_week(world.team_a)
    return world.team_a
