# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The browser, the live server and the database are wired together."""

from __future__ import annotations

import json

from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer


def test_browser_reaches_the_health_endpoint_through_the_live_server(
    live_server: LiveServer, browser_page: Page
) -> None:
    response = browser_page.goto(f"{live_server.url}/healthz")

    assert response is not None
    assert response.status == 200
    assert json.loads(browser_page.inner_text("body")) == {"status": "ok", "database": "ok"}
