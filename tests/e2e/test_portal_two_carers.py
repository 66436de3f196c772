# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""On a phone, Inger books her bath that needs two carers (a lift) herself: the times offered name
both carers, and the booked visit has Sofie and Jonas."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.visits.models import Visit
from tests.e2e.test_portal_booking import no_critical_violations, phone  # noqa: F401  # the fixture
from tests.personas import World
from tests.portal.conftest import build_booking, code_sent_to


def test_a_citizen_books_a_bath_for_two_carers_on_a_phone(
    live_server: LiveServer,
    phone: Page,  # noqa: F811  # the fixture imported above
    world: World,
) -> None:
    today = timezone.localdate()
    booking = build_booking(world, days=(today + dt.timedelta(days=2), today + dt.timedelta(days=3)))
    booking.bath.two_carers = True
    booking.bath.save()
    page = phone
    page.goto(f"{live_server.url}/borger/log-ind/")
    page.get_by_label("Dit telefonnummer").fill("20 30 40 50")
    page.get_by_role("button", name="Send mig en kode").click()
    page.get_by_label("Koden fra sms'en").fill(code_sent_to("+4520304050"))
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_test_id("two-carers")).to_contain_text("Der kommer to hjælpere hver gang")

    page.get_by_role("link", name="Bestil hjælp").first.click()
    page.get_by_label("Bad (30 minutter, to hjælpere)").check()
    page.get_by_role("button", name="Vis ledige tider").click()
    expect(page.get_by_test_id("time-options")).to_contain_text("Sofie og Jonas kommer")
    no_critical_violations(page)
    page.get_by_role("button", name="Bestil denne tid").click()

    expect(page.get_by_role("status")).to_contain_text("Dit besøg er bestilt")
    expect(page.get_by_test_id("visit")).to_contain_text(
        re.compile(r"(Sofie og Jonas|Jonas og Sofie) kommer\.")
    )
    visit = Visit.objects.get(grant=booking.bath)
    assert visit.two_carers and set(visit.carers.all()) == {booking.sofie, booking.jonas}
