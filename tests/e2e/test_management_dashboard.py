# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A manager opens the figures from the navigation, narrows them to a team and a week, reads the
continuity figure against its baseline, and downloads the spreadsheet for the follow-up."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.factories import PASSWORD
from tests.management.dataset import MONDAY, build_week
from tests.personas import World


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_manager_reads_a_teams_week_of_figures_and_downloads_them(
    live_server: LiveServer, browser_page: Page, world: World
) -> None:
    page = browser_page
    build_week(world)
    page.goto(f"{live_server.url}/")
    page.get_by_label("Brugernavn").fill("manager")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Ledelsestal").click()
    expect(page.get_by_role("heading", name="Ledelsestal", level=1)).to_be_visible()
    page.get_by_label("Tal for").select_option(label=f"Team: {world.team_a.name}")
    page.get_by_label("Periode", exact=True).select_option(label="Uge")
    page.get_by_label("En dag i perioden").fill(MONDAY.isoformat())
    page.get_by_role("button", name="Vis tal").click()

    expect(page.get_by_test_id("figures-heading")).to_contain_text(f"{world.team_a.name} · uge 47 2026")
    continuity = page.get_by_test_id("figure-continuity")
    expect(continuity).to_contain_text("Aabenraas udgangspunkt i 2022 er 5,93")
    expect(continuity.locator("tfoot")).to_contain_text("1,50")
    expect(continuity.get_by_role("img", name="Kontinuitet")).to_be_visible()
    expect(page.get_by_test_id("figure-cost")).to_contain_text("1.597 kr.")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel (XLSX)").click()
    path = download_info.value.path()
    book = load_workbook(io.BytesIO(path.read_bytes()))
    rows = [[c.value for c in row] for row in book["Kontinuitet"].iter_rows()]
    assert ["I alt", 2.0, 1.5] in rows
