# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Browser tests: Playwright's sync API driving Debian's chromium against ``live_server``.

Playwright's own browser downloads are not used; ``NAERHED_CHROMIUM`` names
another chromium binary. A failing test leaves a screenshot in
``var/test-screenshots/``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.system_tools import missing_tool

# Playwright's sync API keeps an asyncio loop running in the test thread, and
# Django refuses database calls from a thread with a running loop. The calls
# are in fact synchronous, so tell Django so.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("NAERHED_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "test-screenshots"
# Generous: a busy two-core CI machine can take several seconds to load a page.
TIMEOUT_MS = int(os.environ.get("NAERHED_E2E_TIMEOUT_MS", "30000"))
_reports_key = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    # Keep each phase's report on the item so browser_page can tell a failure.
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    item.stash.setdefault(_reports_key, {})[report.when] = report


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """One headless chromium per session (per xdist worker)."""
    if not os.access(CHROMIUM, os.X_OK):
        missing_tool(f"chromium not found at {CHROMIUM}")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def browser_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh browser context (own cookies and storage) for one test."""
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    reports = request.node.stash.get(_reports_key, {})
    if any(report.failed for report in reports.values()):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)
    context.close()
