# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Celery apps for the jobs: one task, ``naerhed.run_job``, runs any job the apps registered by name
(see :mod:`naerhed.jobs.registry`), so jobs are written once for both backends.
"""

from __future__ import annotations

import functools

from celery import Celery
from django.core.exceptions import ImproperlyConfigured

from naerhed.jobs.registry import JobArg, run_job


def make_app(broker_url: str) -> Celery:
    """A Celery app sending to and reading from the Redis at ``broker_url``."""
    app = Celery("naerhed", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        # A job is acknowledged when it ends, so a worker that dies mid-solve leaves it
        # for another; jobs are idempotent, so a second delivery does no harm.
        task_acks_late=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    # `celery -A naerhed.jobs.celery_app beat` sends the periodic jobs (the messages tick) on schedule.
    app.conf.beat_schedule = beat_schedule()

    @app.task(name="naerhed.run_job", shared=False)  # type: ignore[untyped-decorator]
    def run(name: str, *args: JobArg) -> None:
        run_job(name, args)

    return app


def beat_schedule() -> dict[str, dict[str, object]]:
    """Celery beat entries for ``settings.NAERHED_PERIODIC_JOBS`` (name -> seconds; 0 is off)."""
    from django.conf import settings

    jobs: dict[str, int] = getattr(settings, "NAERHED_PERIODIC_JOBS", {}) if settings.configured else {}
    return {
        name: {"task": "naerhed.run_job", "schedule": float(seconds), "args": (name,)}
        for name, seconds in jobs.items()
        if seconds > 0
    }


@functools.cache
def app_for(broker_url: str | None) -> Celery:
    if not broker_url:
        raise ImproperlyConfigured("REDIS_URL must be set to use Celery (NAERHED_JOBS=celery)")
    return make_app(broker_url)
