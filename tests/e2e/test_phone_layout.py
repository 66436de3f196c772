# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""On a phone a wide table scrolls inside itself: the page never scrolls sideways.

Found walking through ``make demo`` at 390 px: the citizen list, the staff list, the audit log and
most other tables made the whole page 100–700 px wider than the screen, and on the board meeting the
colour choice (its options are long) made each agenda item 520 px wide.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.quality.services import board
from tests import factories as f
from tests.factories import PASSWORD
from tests.personas import World

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _sideways(page: Page) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


def _log_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_the_citizen_list_fits_a_phone_and_its_table_scrolls_inside_itself(
    live_server: LiveServer, browser_page: Page, world: World
) -> None:
    key = f.staff(team=world.team_a, first_name="Marianne", last_name="Christiansen-Andersen")
    world.citizen_a.key_person = key
    world.citizen_a.save()
    page = browser_page
    _log_in(page, live_server, "visitator")
    page.goto(f"{live_server.url}/citizens/")

    table = page.locator("main table").first
    assert table.evaluate("t => t.scrollWidth > t.clientWidth"), "the table should be wider than a phone"
    assert _sideways(page) <= 1


def test_the_board_meeting_agenda_fits_a_phone(
    live_server: LiveServer, browser_page: Page, world: World
) -> None:
    leader = world.user("teamleader")
    leader.staff = f.staff(team=world.team_a, first_name="Mette", last_name="Lund")
    leader.save(update_fields=["staff"])
    board.set_triage_colour(
        citizen=world.citizen_a, colour="yellow", reason="Drikker for lidt", by=leader, at=timezone.now()
    )
    page = browser_page
    _log_in(page, live_server, "teamleader")
    page.goto(f"{live_server.url}/quality/teams/{world.team_a.pk}/board/")

    colour = page.get_by_test_id("agenda-item").first.get_by_label("Farve")
    expect(colour).to_be_visible()
    box = colour.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    assert _sideways(page) <= 1
