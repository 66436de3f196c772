# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""What a test does when a program it needs (redis-server, chromium) is missing."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing_tool(message: str) -> NoReturn:
    """Fail, or skip when ``NAERHED_ALLOW_SKIP`` is set (never set it in CI)."""
    if os.environ.get("NAERHED_ALLOW_SKIP"):
        pytest.skip(message)
    pytest.fail(f"{message} (run scripts/bootstrap.sh, or set NAERHED_ALLOW_SKIP=1 to skip)", pytrace=False)
