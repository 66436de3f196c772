# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A team leader follows the record's link to the citizen's messages, reads the reminder the rules
made, and records that the citizen wants no more messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.messaging.models import CitizenMessagePreference, Participation
from naerhed.messaging.tick import run_tick
from tests import factories as f
from tests.carer_day.conftest import make_visit
from tests.e2e.screenshots import doc_screenshot
from tests.factories import PASSWORD
from tests.personas import World

SCREENSHOT = doc_screenshot("citizen-messages.png")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_team_leader_reads_a_citizens_messages_and_records_an_opt_out(
    live_server: LiveServer, browser_page: Page, world: World, settings: Any, tmp_path: Path
) -> None:
    settings.NAERHED_SMS_FILE = tmp_path / "sms.jsonl"
    page, citizen = browser_page, world.citizen_a
    citizen.lives_alone, citizen.phone = True, "74 62 18 30"
    citizen.save()
    birthe = f.staff(team=world.team_a, first_name="Birthe", last_name="Holm")
    now = timezone.localtime()
    make_visit(citizen, (now - dt.timedelta(days=7)).date(), now.time(), [birthe])  # Birthe is known
    soon = now + dt.timedelta(hours=2)
    make_visit(citizen, soon.date(), soon.time().replace(second=0, microsecond=0), [birthe])
    run_tick()

    page.goto(f"{live_server.url}/login/?next=/citizens/{citizen.pk}/")
    page.get_by_label("Brugernavn").fill("teamleader")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Beskeder til borgeren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Beskeder til {citizen.full_name}")
    expect(page.get_by_test_id("messages")).to_contain_text("kommer Birthe fra hjemmeplejen")
    expect(page.get_by_test_id("receives")).to_have_text("Får beskeder")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    page.get_by_role("link", name="Ændr valg om beskeder").click()
    page.get_by_label("Ingen beskeder").check()
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_test_id("receives")).to_have_text("Får ingen beskeder")
    assert CitizenMessagePreference.objects.get(citizen=citizen).participation == Participation.OPT_OUT
