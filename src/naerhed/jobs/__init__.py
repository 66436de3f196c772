# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Background jobs: ``enqueue(task_name, *args)`` runs a registered job outside the request.

Jobs run in a thread of the web process by default, so ``make demo`` needs
nothing else; with ``NAERHED_JOBS=celery`` (the default when ``REDIS_URL`` is
set) they go to Celery workers through Redis (``celery -A
naerhed.jobs.celery_app worker``). Jobs take ids only and must be idempotent:
a broker may deliver a message twice.
"""

from __future__ import annotations

from naerhed.jobs.registry import JobArg


def enqueue(task_name: str, *args: JobArg) -> None:
    """Run the job registered as ``task_name`` with ``args`` on the configured backend."""
    from naerhed.jobs.backends import current_backend

    current_backend().enqueue(task_name, args)
