# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A team leader logs in, reads a citizen of their own team, and is refused a citizen of another team."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.audit.models import Action, AuditEvent
from naerhed.citizens.fsiii import function_areas
from naerhed.citizens.models import CarerWish, CarerWishKind, FunctionLevel, Relative
from naerhed.grants.models import LawParagraph
from naerhed.lib.cpr import format_cpr
from naerhed.visits.services import expand_grants
from naerhed.workforce.models import Profession
from tests import factories as f
from tests.e2e.screenshots import doc_screenshot
from tests.factories import PASSWORD
from tests.personas import World

SCREENSHOT = doc_screenshot("citizen-record.png")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _fill_record(world: World) -> None:
    """A record worth a screenshot: key person, wishes, a relative, function levels, grants and visits."""
    today, citizen = timezone.localdate(), world.citizen_a
    leader = world.user("teamleader")
    leader.first_name, leader.last_name = "Tove", "Lund"
    leader.save()
    key = f.staff(team=world.team_a, first_name="Mette", last_name="Kjær", profession=Profession.SSA)
    citizen.key_person, citizen.lives_alone, citizen.phone = key, True, "74 62 18 30"
    citizen.wishes = "Kaffe før badet. Vil gerne have radioen tændt (P4 Syd). Datteren ringer hver søndag."
    citizen.save()
    Relative.objects.create(
        citizen=citizen,
        name="Lis Andersen",
        relation="datter",
        phone="21 43 65 87",
        consent_to_share=True,
        consent_recorded_on=dt.date(2025, 1, 6),
        is_primary=True,
    )
    CarerWish.objects.create(citizen=citizen, staff=key, kind=CarerWishKind.PREFERRED, reason="kontaktperson")
    for code, level in zip(list(function_areas())[12:15], (1, 3, 2), strict=True):
        FunctionLevel.objects.create(
            citizen=citizen,
            fsiii_code=code,
            level=level,
            assessed_on=dt.date(2026, 10, 2),
            assessor_name="Mette Kjær",
        )
    f.grant(citizen=citizen, service=f.service("dagpakke-2", name="Dagpakke 2"), starts_on=today)
    eyes = f.service("ojendryp", name="Øjendryp", paragraph=LawParagraph.SUL_138, default_duration=10)
    f.grant(
        citizen=citizen,
        service=eyes,
        starts_on=today,
        ends_on=today + dt.timedelta(days=13),
        window_start=dt.time(19, 0),
        window_end=dt.time(21, 0),
        duration=10,
    )
    expand_grants(team=world.team_a, start=today, days=2)


def test_team_leader_reads_own_teams_citizen_and_is_refused_another_teams(
    live_server: LiveServer, browser_page: Page, world: World
) -> None:
    page, own, other = browser_page, world.citizen_a, world.citizen_b
    _fill_record(world)
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
