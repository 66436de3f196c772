# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Where jobs run: a thread of this process, or Celery workers behind Redis (``settings.NAERHED_JOBS``)."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Protocol

from django.conf import settings

from naerhed.jobs.registry import JobArg, find_job, is_quick, run_job

if TYPE_CHECKING:
    from celery import Celery

logger = logging.getLogger(__name__)


class JobBackend(Protocol):
    def enqueue(self, name: str, args: tuple[JobArg, ...]) -> None: ...


class InProcessBackend:
    """Two worker threads in the web process, each running its jobs one at a time in the order
    they came: one for long jobs (solves), one for quick jobs (messages).

    One thread for solves because a solve already uses the machine's cores, and SQLite takes one
    writer at a time; quick jobs have their own so a solve never delays them. Jobs queued when the
    process stops are lost; their runs stay queued and are failed as lost later.
    """

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="naerhed-job")
        self._quick = ThreadPoolExecutor(max_workers=1, thread_name_prefix="naerhed-quick-job")

    def enqueue(self, name: str, args: tuple[JobArg, ...]) -> None:
        find_job(name)  # an unknown name fails here, in the caller, not silently in the thread
        self.submit(name, args)

    def submit(self, name: str, args: tuple[JobArg, ...]) -> Future[None]:
        lane = self._quick if is_quick(name) else self._executor
        future = lane.submit(run_job, name, args)
        future.add_done_callback(_log_failure)
        return future


class CeleryBackend:
    """Sends jobs to Celery workers; every job goes through the one Celery task ``naerhed.run_job``."""

    def __init__(self, app: Celery) -> None:
        self.app = app

    def enqueue(self, name: str, args: tuple[JobArg, ...]) -> None:
        find_job(name)
        self.app.send_task("naerhed.run_job", args=(name, *args))


def _log_failure(future: Future[None]) -> None:
    if (error := future.exception()) is not None:
        logger.error("background job failed", exc_info=error)


_in_process = InProcessBackend()


def in_process_backend() -> InProcessBackend:
    return _in_process


def current_backend() -> JobBackend:
    """The backend ``settings.NAERHED_JOBS`` names (read on every call, so tests can switch it)."""
    if settings.NAERHED_JOBS == "celery":
        from naerhed.jobs.celery_factory import app_for

        return CeleryBackend(app_for(settings.REDIS_URL))
    return _in_process
