# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Where browser tests save the pictures the docs show.

A normal test run must not change tracked files, so the pictures go to a temporary folder;
``NAERHED_SCREENSHOTS=1 make test`` (or pytest) writes them to ``docs/screenshots/`` instead.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def doc_screenshot(name: str) -> Path:
    """The path for the docs picture ``name``; its folder exists."""
    folder = (
        DOCS
        if os.environ.get("NAERHED_SCREENSHOTS") == "1"
        else Path(tempfile.gettempdir()) / "naerhed-screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
