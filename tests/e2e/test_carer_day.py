# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""On a phone (390×844), a carer logs in, opens today's route, opens a visit to a citizen they have
not visited before, checks in and out, and writes a handover note."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.carer_day.models import HandoverNote, VisitExecution, VisitPlan
from naerhed.visits.models import VisitStatus
from tests.carer_day.conftest import CarerDay, build_day
from tests.e2e.screenshots import doc_screenshot
from tests.factories import PASSWORD
from tests.personas import World

SCREENSHOT = doc_screenshot("carer-day.png")
PHONE = ViewportSize(width=390, height=844)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="da-DK", timezone_id="Europe/Copenhagen"
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _day_with_a_plan(world: World) -> CarerDay:
    day = build_day(world, timezone.localdate())
    citizen = day.citizens[0]
    VisitPlan.objects.create(
        citizen=citizen,
        version=1,
        routines="Kaffe og avis før badet. Tøjet ligger klar på stolen.",
        wishes="Radioen tændt på P4 Syd. Kald hende Inger.",
        watch_for="Hævede ben; drikker for lidt om eftermiddagen.",
        triggers="Bliver urolig ved travlhed – tal roligt og fortæl hvad du gør.",
        updated_at=timezone.now(),
    )
    HandoverNote.objects.create(
        citizen=citizen, author_name="Mette Kjær", text="Sov dårligt i nat, var træt."
    )
    return day


def test_a_substitute_carer_checks_in_and_out_and_writes_a_handover_on_a_phone(
    live_server: LiveServer, phone: Page, world: World
) -> None:
    day, page = _day_with_a_plan(world), phone
    citizen, visit = day.citizens[0], day.visits[0]
    page.goto(f"{live_server.url}/day/")
    page.get_by_label("Brugernavn").fill("carer")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Min dag")
    expect(page.get_by_test_id("stop")).to_have_count(3)
    expect(page.get_by_role("link", name="Åbn i kort").first).to_have_attribute(
        "href", f"https://maps.google.com/?q={citizen.lat:.6f},{citizen.lon:.6f}"
    )
    page.get_by_role("link", name=citizen.full_name).click()

    expect(page.get_by_test_id("first-visit")).to_contain_text("Du har ikke været hos Inger før")
    expect(page.get_by_test_id("visit-plan")).to_contain_text("Kaffe og avis før badet.")
    expect(page.get_by_test_id("handovers")).to_contain_text("Sov dårligt i nat")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    page.get_by_role("button", name="Tjek ind").click()
    expect(page.get_by_test_id("visit-state")).to_contain_text("Tjekket ind")
    page.get_by_role("button", name="Tjek ud").click()
    expect(page.get_by_test_id("visit-state")).to_contain_text("Udført")
    page.get_by_label("Overleveringsnotat").fill("Inger ville gerne i bad i morgen i stedet.")
    page.get_by_role("button", name="Gem overleveringsnotat").click()
    expect(page.get_by_test_id("handovers")).to_contain_text("Inger ville gerne i bad i morgen")

    execution = VisitExecution.objects.get(visit=visit)
    assert execution.checked_in_at is not None and execution.checked_out_at is not None
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DELIVERED
    assert HandoverNote.objects.filter(visit=visit, author_name="Sofie Holm").count() == 1
