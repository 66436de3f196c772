# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The worker's entry point: ``celery -A naerhed.jobs.celery_app worker`` (needs ``REDIS_URL``)."""

from __future__ import annotations

import os

import django
from celery import Celery
from django.conf import settings

from naerhed.jobs.celery_factory import app_for


def _worker_app() -> Celery:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naerhed.settings")
    django.setup()
    return app_for(settings.REDIS_URL)


app = _worker_app()
