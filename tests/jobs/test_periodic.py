# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The periodic scheduler: each job every N seconds, never queued twice while one is still waiting."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from naerhed.jobs import periodic
from naerhed.jobs.celery_factory import beat_schedule
from naerhed.jobs.registry import JobArg


class FakeBackend:
    def __init__(self) -> None:
        self.submitted: list[str] = []
        self.futures: list[Future[None]] = []

    def submit(self, name: str, args: tuple[JobArg, ...]) -> Future[None]:
        self.submitted.append(name)
        future: Future[None] = Future()
        self.futures.append(future)
        return future


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _scheduler(schedule: dict[str, int]) -> tuple[periodic.Scheduler, FakeBackend, Clock]:
    backend, clock = FakeBackend(), Clock()
    return periodic.Scheduler(schedule, backend=backend, clock=clock), backend, clock  # type: ignore[arg-type]


def test_a_job_runs_at_once_and_then_every_interval() -> None:
    scheduler, backend, clock = _scheduler({"tick": 60})
    assert scheduler.run_due() == ["tick"]
    backend.futures[-1].set_result(None)
    clock.now += 59
    assert scheduler.run_due() == []
    clock.now += 1
    assert scheduler.run_due() == ["tick"]


def test_a_job_still_waiting_or_running_is_not_queued_again() -> None:
    scheduler, backend, clock = _scheduler({"tick": 60})
    scheduler.run_due()
    clock.now += 600
    assert scheduler.run_due() == []
    backend.futures[-1].set_result(None)
    assert scheduler.run_due() == ["tick"]


def test_an_interval_of_zero_turns_a_job_off() -> None:
    scheduler, _, _ = _scheduler({"tick": 0, "other": 30})
    assert scheduler.run_due() == ["other"]


def test_nothing_starts_when_jobs_go_to_celery(settings: Any) -> None:
    settings.NAERHED_JOBS = "celery"
    assert periodic.start_scheduler() is None


def test_celery_beat_gets_the_same_schedule(settings: Any) -> None:
    settings.NAERHED_PERIODIC_JOBS = {"messaging.tick": 60, "off": 0}
    assert beat_schedule() == {
        "messaging.tick": {"task": "naerhed.run_job", "schedule": 60.0, "args": ("messaging.tick",)}
    }
