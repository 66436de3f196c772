# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The Celery backend end to end: a real redis-server (the ``redis_url`` fixture) and a real worker.

The worker runs in a thread of the test process (``celery.contrib.testing``),
so it shares the test database; the test commits its writes (transactional_db).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker

from naerhed.jobs.backends import CeleryBackend, current_backend
from naerhed.jobs.celery_factory import make_app
from naerhed.planning import services
from naerhed.planning.models import RunStatus
from tests.jobs.conftest import wait_for_end
from tests.personas import World
from tests.planning.conftest import MONDAY, SECONDS, small_week


@pytest.fixture
def celery_worker(redis_url: str, settings: Any) -> Iterator[Celery]:
    settings.REDIS_URL, settings.NAERHED_JOBS = redis_url, "celery"
    app = make_app(redis_url)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, loglevel="WARNING"):
        yield app


def test_with_celery_configured_jobs_go_to_the_broker(celery_worker: Celery, redis_url: str) -> None:
    backend = current_backend()

    assert isinstance(backend, CeleryBackend)
    assert backend.app.conf.broker_url == redis_url


def test_a_requested_run_is_solved_by_a_celery_worker_through_redis(
    transactional_db: None, world: World, celery_worker: Celery
) -> None:
    small_week(world.team_a)

    run = services.request_run(team=world.team_a, start=MONDAY, by=world.user("planner"), time_limit=SECONDS)

    done = wait_for_end(run.pk)
    assert done.status == RunStatus.DRAFT, done.error
    assert done.started_at is not None and done.figures is not None
