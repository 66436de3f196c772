# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Jobs that run every N seconds while the server runs: ``settings.NAERHED_PERIODIC_JOBS``.

With the in-process backend a daemon thread of the web process hands each due job to the job
thread (started from ``naerhed.wsgi``, so ``runserver`` and gunicorn get it, tests and management
commands do not). A job still waiting or running is not queued a second time, so a long solve
in the job thread never piles ticks up behind it. With Celery, ``celery -A naerhed.jobs.celery_app
beat`` sends the same schedule (see :mod:`naerhed.jobs.celery_factory`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future

from django.conf import settings

from naerhed.jobs.backends import InProcessBackend, in_process_backend

logger = logging.getLogger(__name__)


class Scheduler:
    """Submits each job of ``schedule`` (name -> seconds; 0 turns it off) every so many seconds."""

    def __init__(
        self,
        schedule: Mapping[str, int],
        *,
        backend: InProcessBackend,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.schedule = {name: seconds for name, seconds in schedule.items() if seconds > 0}
        self.backend = backend
        self.clock = clock
        self._next = dict.fromkeys(self.schedule, 0.0)
        self._running: dict[str, Future[None]] = {}
        self._stop = threading.Event()

    def run_due(self) -> list[str]:
        """Submit every job whose time has come and that is not still queued or running."""
        now, submitted = self.clock(), []
        for name, seconds in self.schedule.items():
            if now < self._next[name]:
                continue
            previous = self._running.get(name)
            if previous is not None and not previous.done():
                continue
            self._next[name] = now + seconds
            self._running[name] = self.backend.submit(name, ())
            submitted.append(name)
        return submitted

    def run_forever(self, *, poll_seconds: float = 1.0) -> None:
        while not self._stop.is_set():
            try:
                self.run_due()
            except Exception:  # the scheduler must outlive one bad submit
                logger.exception("periodic job scheduler")
            self._stop.wait(poll_seconds)

    def stop(self) -> None:
        self._stop.set()


_started: Scheduler | None = None
_lock = threading.Lock()


def start_scheduler() -> Scheduler | None:
    """Start the in-process scheduler once per process; ``None`` if jobs go to Celery or none are due."""
    global _started
    with _lock:
        if _started is not None:
            return _started
        schedule: Mapping[str, int] = getattr(settings, "NAERHED_PERIODIC_JOBS", {})
        if settings.NAERHED_JOBS != "inprocess" or not any(s > 0 for s in schedule.values()):
            return None
        _started = Scheduler(schedule, backend=in_process_backend())
        threading.Thread(target=_started.run_forever, name="naerhed-periodic", daemon=True).start()
        logger.info("periodic jobs: %s", ", ".join(f"{n} every {s} s" for n, s in _started.schedule.items()))
        return _started
