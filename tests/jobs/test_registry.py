# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Jobs are found by registered name only, and the in-process backend runs them in its thread."""

from __future__ import annotations

import logging
import threading

import pytest

from naerhed.jobs import enqueue
from naerhed.jobs.backends import in_process_backend
from naerhed.jobs.registry import find_job, job

SEEN: list[tuple[int, str]] = []


@job("tests.remember")
def remember(number: int) -> None:
    SEEN.append((number, threading.current_thread().name))


@job("tests.explode")
def explode(number: int) -> None:
    raise RuntimeError(f"job {number} went wrong")


def test_a_name_no_app_registered_is_refused_when_enqueued() -> None:
    with pytest.raises(LookupError, match=r"no job is registered as 'os\.system'"):
        enqueue("os.system", "true")


def test_one_name_cannot_be_given_to_two_jobs() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        job("tests.remember")(explode)


def test_the_apps_tasks_modules_are_found_without_being_imported_first() -> None:
    assert find_job("planning.execute_run").__module__ == "naerhed.planning.tasks"


def test_the_in_process_backend_runs_a_job_in_its_worker_thread() -> None:
    in_process_backend().submit("tests.remember", (7,)).result(timeout=5)

    assert SEEN[-1][0] == 7 and SEEN[-1][1].startswith("naerhed-job")


def test_a_failing_in_process_job_is_logged_and_the_worker_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="naerhed.jobs.backends"):
        failed = in_process_backend().submit("tests.explode", (3,))
        assert isinstance(failed.exception(timeout=5), RuntimeError)
        in_process_backend().submit("tests.remember", (8,)).result(timeout=5)

    assert SEEN[-1][0] == 8
    assert any("background job failed" in r.message for r in caplog.records)


GATE = threading.Event()


@job("tests.long")
def long_job(seconds: int) -> None:
    GATE.wait(timeout=seconds)


@job("tests.quick", quick=True)
def quick_job(number: int) -> None:
    SEEN.append((number, threading.current_thread().name))


def test_a_quick_job_runs_in_its_own_lane_while_a_long_job_holds_the_solve_thread() -> None:
    backend = in_process_backend()
    blocked = backend.submit("tests.long", (10,))
    try:
        backend.submit("tests.quick", (7,)).result(timeout=5)
    finally:
        GATE.set()
    blocked.result(timeout=5)

    number, thread = SEEN[-1]
    assert number == 7 and thread.startswith("naerhed-quick-job")
