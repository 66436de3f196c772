# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A team leader logs in, reads a citizen of their own team, and is refused a citizen of another team."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.audit.models import Action, AuditEvent
from naerhed.lib.cpr import format_cpr
from tests.factories import PASSWORD
from tests.personas import World

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "citizen-record.png"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_team_leader_reads_own_teams_citizen_and_is_refused_another_teams(
    live_server: LiveServer, browser_page: Page, world: World
) -> None:
    page, own, other = browser_page, world.citizen_a, world.citizen_b
    page.goto(f"{live_server.url}/citizens/{own.pk}/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/citizens/{own.pk}/")
    page.get_by_label("Brugernavn").fill("teamleader")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(own.full_name)
    expect(page.get_by_test_id("cpr")).to_have_text(format_cpr(own.cpr))
    expect(page).not_to_have_title(re.compile(own.cpr[:6]))
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    response = page.goto(f"{live_server.url}/citizens/{other.pk}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Adgang nægtet")
    expect(page.get_by_text(other.last_name)).to_have_count(0)

    actions = list(AuditEvent.objects.filter(username="teamleader").values_list("action", "citizen_id"))
    assert actions == [(Action.DENIED, other.pk), (Action.VIEW, own.pk)]
