# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from __future__ import annotations

from typing import Any

import pytest

from tests.board.day import BoardDay, board_day
from tests.personas import World


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def day(world: World) -> BoardDay:
    return board_day(world.team_a, world.citizen_a)
