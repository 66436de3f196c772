# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A small week to plan: team A of the personas with two carers and two citizens with daily visits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from naerhed.organisation.models import Team
from tests import factories as f
from tests.personas import World

MONDAY = dt.date(2026, 11, 16)
#: Time limits stay tiny: the plans are small and the tests are about the app, not the engine.
SECONDS = 1.0


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def small_week(team: Team) -> None:
    """Two carers; two citizens, each with one morning visit a day."""
    f.staff(team=team, first_name="Mette", last_name="Kjær")
    f.staff(team=team, first_name="Anders", last_name="Holm")
    for citizen in (f.citizen(team=team), f.citizen(team=team)):
        f.grant(citizen=citizen, starts_on=MONDAY)


@pytest.fixture
def planned_team(world: World) -> Team:
    small_week(world.team_a)
    return world.team_a
