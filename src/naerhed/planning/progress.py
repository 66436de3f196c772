# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The engine's progress reports, written onto the running run at most once a second."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError

from naerhed.planner.params import Progress
from naerhed.planning.models import PlanningRun, RunStatus

MIN_INTERVAL = 1.0
logger = logging.getLogger(__name__)


def progress_dict(progress: Progress) -> dict[str, Any]:
    """The report as JSON; a figure not known yet (infinite or NaN, which JSON cannot hold) is None."""
    return {
        "elapsed": round(progress.elapsed, 1),
        "objective": _finite(progress.objective),
        "unassigned": progress.unassigned,
        "distinct_carers": _finite(round(progress.distinct_carers, 2)),
        "travel_minutes": progress.travel_minutes,
    }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


class ProgressWriter:
    """An ``on_progress`` callback for :func:`naerhed.planner.solve.solve`.

    Reports closer than ``interval`` seconds to the last one written are only
    kept in :attr:`latest` (the caller stores the last one with the result), so
    a fast search does not hammer the database. A run that is no longer running
    (it was cancelled) is left alone.

    The engine also calls back from its solver's own threads. Those reports are
    only kept; the thread that runs the solve writes the latest one at its next
    report (the engine reports from it after every stage). Writing from the
    solver's threads would open a second connection that waits for the run's
    own write lock on SQLite. A failed write is logged, never raised: progress
    is for watching, it must not stop a solve.
    """

    def __init__(
        self, run_id: int, *, interval: float = MIN_INTERVAL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.run_id = run_id
        self.interval = interval
        self.clock = clock
        self.latest: dict[str, Any] | None = None
        self._last_write: float | None = None
        self._owner = threading.get_ident()
        self._lock = threading.Lock()

    def __call__(self, progress: Progress) -> None:
        with self._lock:
            self.latest = progress_dict(progress)
            if threading.get_ident() != self._owner:
                return
            now = self.clock()
            if self._last_write is not None and now - self._last_write < self.interval:
                return
            self._last_write = now
            self._write(self.latest)

    def _write(self, values: dict[str, Any]) -> None:
        try:
            PlanningRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(progress=values)
        except DatabaseError:
            logger.warning("could not store the progress of planning run %s", self.run_id, exc_info=True)
