# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from tests.management.dataset import Week, build_week
from tests.personas import World


@pytest.fixture
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def week(world: World) -> Week:
    return build_week(world)
