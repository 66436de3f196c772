# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Background entry points of accounts: the periodic housekeeping."""

from __future__ import annotations

from django.utils import timezone

from naerhed.accounts.housekeeping import run_housekeeping
from naerhed.jobs.registry import job

HOUSEKEEPING = "accounts.housekeeping"


@job(HOUSEKEEPING, quick=True)
def housekeeping() -> None:
    """Remove old log-in failures and phone request ids."""
    run_housekeeping(now=timezone.now())
