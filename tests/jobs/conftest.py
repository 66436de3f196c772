# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Helpers for the job backend tests: waiting for a run a background worker solves."""

from __future__ import annotations

import time
from typing import Any

import pytest

from naerhed.planning.models import PlanningRun, RunStatus

ENDED = (RunStatus.DRAFT, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.PUBLISHED)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def wait_for_end(run_id: int, *, timeout: float = 30.0) -> PlanningRun:
    """The run once a worker has ended it; fails the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        run = PlanningRun.objects.get(pk=run_id)
        if run.status in ENDED:
            return run
        if time.monotonic() > deadline:
            pytest.fail(f"run {run_id} is still {run.status} after {timeout} s")
        time.sleep(0.1)
