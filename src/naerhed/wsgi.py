# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""WSGI entry point for gunicorn: ``gunicorn naerhed.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naerhed.settings")
application = get_wsgi_application()

# Periodic jobs (the messages tick) run in this process when jobs do; a no-op with Celery.
from naerhed.jobs.periodic import start_scheduler  # noqa: E402 (needs the settings configured above)

start_scheduler()
