# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""On a phone (390×844), Inger logs in to the citizens' pages with a code by SMS (read from the outbox),
books a bath with her key person, moves it, and cancels it; axe-core finds no critical accessibility
violations on the pages she sees (the klippekort too), and the skip link is the first thing the
keyboard reaches."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.visits.models import ChangeKind, CitizenChangeEvent, Visit, VisitStatus
from tests.e2e.screenshots import doc_screenshot
from tests.personas import World
from tests.portal.conftest import Booking, build_booking, code_sent_to

SCREENSHOT = doc_screenshot("portal-booking.png")
PHONE = ViewportSize(width=390, height=844)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="da-DK", timezone_id="Europe/Copenhagen"
    )
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def no_critical_violations(page: Page) -> None:
    results = Axe().run(page)
    critical = [v["id"] for v in results.response["violations"] if v.get("impact") == "critical"]
    assert critical == [], f"{page.url}: {critical}\n{results.generate_report()}"


def _booking(world: World) -> Booking:
    today = timezone.localdate()
    return build_booking(world, days=(today + dt.timedelta(days=2), today + dt.timedelta(days=3)))


def test_a_citizen_books_moves_and_cancels_a_bath_on_a_phone(
    live_server: LiveServer, phone: Page, world: World
) -> None:
    booking, page = _booking(world), phone
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.goto(f"{live_server.url}/borger/log-ind/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Gå til indhold")).to_be_focused()
    no_critical_violations(page)
    page.get_by_label("Dit telefonnummer").fill("20 30 40 50")
    page.get_by_role("button", name="Send mig en kode").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv koden")
    page.get_by_label("Koden fra sms'en").fill(code_sent_to("+4520304050"))
    page.get_by_role("button", name="Log ind").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Goddag, Inger")
    expect(page.get_by_test_id("flexible-help")).to_contain_text("Bad")
    expect(page.get_by_test_id("klippekort-balance")).to_have_text("120")
    no_critical_violations(page)
    page.screenshot(path=str(SCREENSHOT.with_name("portal-home.png")), full_page=True)

    page.get_by_role("link", name="Bestil hjælp").first.click()
    page.get_by_label("Bad (30 minutter)").check()
    page.get_by_label("En jeg kender, hvis det kan lade sig gøre").check()
    page.get_by_role("button", name="Vis ledige tider").click()
    options = page.get_by_test_id("time-options").get_by_role("radio")
    expect(options.first).to_be_checked()
    expect(page.get_by_test_id("time-options")).to_contain_text("Sofie kommer")
    no_critical_violations(page)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.get_by_role("button", name="Bestil denne tid").click()

    expect(page.get_by_role("status")).to_contain_text("Dit besøg er bestilt")
    expect(page.get_by_test_id("visit")).to_contain_text("Sofie kommer.")
    no_critical_violations(page)
    visit = Visit.objects.get(grant=booking.bath)
    booked_at = visit.planned_start
    assert visit.status == VisitStatus.PLANNED and list(visit.carers.all()) == [booking.sofie]

    page.get_by_role("link", name="Flyt besøget").click()
    page.get_by_test_id("time-options").get_by_role("radio").nth(1).check()
    page.get_by_role("button", name="Flyt til denne tid").click()
    expect(page.get_by_role("status")).to_contain_text("Dit besøg er flyttet")
    visit.refresh_from_db()
    assert visit.planned_start != booked_at
    assert CitizenChangeEvent.objects.filter(visit=visit, kind=ChangeKind.TIME_CHANGED).exists()

    page.get_by_role("link", name="Aflys besøget").click()
    no_critical_violations(page)
    page.get_by_role("button", name="Ja, aflys besøget").click()
    expect(page.get_by_role("status")).to_contain_text("Dit besøg er aflyst")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED
    assert CitizenChangeEvent.objects.filter(visit=visit, kind=ChangeKind.CANCELLED).exists()

    page.get_by_role("link", name="Klippekort").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit klippekort")
    expect(page.get_by_role("table")).to_contain_text(re.compile(r"Uge \d+: \+30 min"))  # a week's minutes
    no_critical_violations(page)
