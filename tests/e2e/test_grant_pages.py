# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A needs assessor adds a time-limited SUL §138 nursing grant from the citizen record and sees it there."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.audit.models import Action, AuditEvent
from naerhed.grants.forms import months_ahead
from naerhed.grants.models import Grant, LawParagraph
from tests import factories as f
from tests.e2e.screenshots import doc_screenshot
from tests.factories import PASSWORD
from tests.personas import World

SCREENSHOT = doc_screenshot("grant-form.png")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_visitator_adds_a_time_limited_nursing_grant_and_sees_it_on_the_record(
    live_server: LiveServer, browser_page: Page, world: World
) -> None:
    page, citizen, today = browser_page, world.citizen_a, timezone.localdate()
    f.service("morgenpakke", name="Morgenpakke")
    nursing = f.service("ojendryp", name="Øjendryp", paragraph=LawParagraph.SUL_138, default_duration=10)
    page.goto(f"{live_server.url}/citizens/{citizen.pk}/")
    page.get_by_label("Brugernavn").fill("visitator")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(citizen.full_name)

    page.get_by_role("link", name="Tilføj bevilling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ny bevilling for {citizen.full_name}")
    expect(page.get_by_test_id("nursing-hint")).to_be_hidden()
    page.get_by_label("Ydelse").select_option(label="Øjendryp")
    expect(page.get_by_test_id("nursing-hint")).to_be_visible()
    expected_end = months_ahead(today, 3)
    expect(page.get_by_label("Til og med")).to_have_value(expected_end.isoformat())
    expect(page.get_by_label("Varighed (minutter)")).to_have_value("10")
    page.get_by_label("Gentagelse").select_option(label="Hver dag")
    page.get_by_label("Tidligste start").fill("19:00")
    page.get_by_label("Seneste start").fill("21:00")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.get_by_role("button", name="Tilføj bevilling").click()

    expect(page.get_by_text("Bevillingen er oprettet.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Øjendryp")
    expect(row).to_contain_text("tidsbegrænset")
    expect(row).to_contain_text("19:00–21:00")
    grant = Grant.objects.get(citizen=citizen, service=nursing)
    assert (grant.starts_on, grant.ends_on) == (today, expected_end)
    assert AuditEvent.objects.filter(
        username="visitator", action=Action.CREATE, object_type="grant", citizen_id=citizen.pk
    ).exists()
