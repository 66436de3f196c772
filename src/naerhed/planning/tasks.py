# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Background entry points of planning: ids in, the work is in :mod:`naerhed.planning.services`."""

from __future__ import annotations

from naerhed.jobs.registry import job
from naerhed.planning import services
from naerhed.planning.services import EXECUTE_RUN


@job(EXECUTE_RUN)
def execute_run(run_id: int) -> None:
    """Solve a queued run; a second delivery, or a run cancelled meanwhile, does nothing."""
    services.execute_run(run_id=run_id)
