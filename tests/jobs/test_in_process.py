# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The default backend end to end: a requested run is solved in the web process's job thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from naerhed.jobs.backends import in_process_backend
from naerhed.jobs.registry import job
from naerhed.planning import services
from naerhed.planning.models import RunStatus
from tests.jobs.conftest import wait_for_end
from tests.personas import World
from tests.planning.conftest import MONDAY, SECONDS, small_week

RELEASE = threading.Event()


@job("tests.hold")
def hold(seconds: int) -> None:
    RELEASE.wait(timeout=seconds)


@pytest.fixture(autouse=True)
def in_process(settings: Any) -> None:
    settings.NAERHED_JOBS = "inprocess"


def test_a_requested_run_is_solved_in_the_background_and_becomes_a_draft(
    transactional_db: None, world: World
) -> None:
    small_week(world.team_a)

    run = services.request_run(
        team=world.team_a, start=MONDAY, by=world.user("teamleader"), time_limit=SECONDS
    )

    done = wait_for_end(run.pk)
    assert done.status == RunStatus.DRAFT, done.error
    assert done.figures is not None and done.plan is not None


def test_a_run_cancelled_while_queued_behind_another_job_is_never_solved(
    transactional_db: None, world: World
) -> None:
    small_week(world.team_a)
    leader = world.user("teamleader")
    in_process_backend().submit("tests.hold", (10,))  # keeps the one job thread busy until released
    first = services.request_run(team=world.team_a, start=MONDAY, by=leader, time_limit=SECONDS)
    second = services.request_run(team=world.team_a, start=MONDAY, by=leader, time_limit=SECONDS)

    services.cancel_run(run=second, by=leader)
    RELEASE.set()

    assert wait_for_end(first.pk).status == RunStatus.DRAFT
    assert wait_for_end(second.pk).started_at is None
