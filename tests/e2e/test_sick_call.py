# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A team leader registers a sick call, sees the proposal, accepts it, and sees the visits moved."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.absences.models import ProposalStatus, ReplanProposal
from naerhed.visits.models import ChangeKind, CitizenChangeEvent
from naerhed.workforce.models import RosterShift
from tests.absences.conftest import build_day
from tests.factories import PASSWORD
from tests.personas import World


@pytest.fixture(autouse=True)
def fast_password_hashing_and_in_process_jobs(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.NAERHED_JOBS = "inprocess"


def test_team_leader_registers_a_sick_call_accepts_the_proposal_and_sees_the_visits_moved(
    live_server: LiveServer, browser_page: Page, world: World
) -> None:
    page = browser_page
    tomorrow = timezone.localdate() + dt.timedelta(days=1)  # always ahead, whatever the hour
    day = build_day(world.team_a, tomorrow)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill("teamleader")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    page.get_by_role("navigation").get_by_role("link", name="Sygemeldinger", exact=True).click()
    page.get_by_test_id("next-day").click()
    form = page.get_by_test_id("absence-form")
    form.get_by_label("Medarbejder og vagt").select_option(label="Mette Kjær (07:00–15:00)")
    form.get_by_label("Årsag").select_option(label="Syg")
    form.get_by_role("button", name="Registrér og planlæg om").click()

    expect(page).to_have_url(re.compile(r"/absences/proposals/\d+/$"))
    expect(page.get_by_test_id("proposal-state")).to_have_text("Foreslået", timeout=30_000)
    rows = page.get_by_test_id("change-row")
    expect(rows).to_have_count(2)
    poul = rows.filter(has_text="Poul Nielsen")
    expect(poul).to_contain_text("Mette Kjær")
    expect(poul).to_contain_text("Anders Holm")
    expect(poul.get_by_test_id("new-to-citizen")).to_be_visible()

    page.get_by_role("button", name="Godkend forslaget").click()

    expect(page.get_by_role("status")).to_contain_text("Forslaget er godkendt: 2 besøg ændret.")
    expect(page.get_by_test_id("proposal-state")).to_have_text("Godkendt")
    assert ReplanProposal.objects.get().status == ProposalStatus.ACCEPTED
    assert day.visit(day.poul).carers.get() == day.anders
    assert RosterShift.objects.get(pk=day.shifts["Mette"].pk).absent
    assert CitizenChangeEvent.objects.filter(kind=ChangeKind.CARER_CHANGED, citizen=day.poul).exists()

    page.get_by_role("link", name=re.compile(r"Team Hjordkær")).click()
    mette = page.get_by_test_id("day-staff").locator("tr", has_text="Mette Kjær")
    expect(mette).to_contain_text("Fraværende")
    visits = page.get_by_test_id("day-visits")
    expect(visits.get_by_test_id("visit-row").filter(has_text="Poul Nielsen")).to_contain_text("Anders Holm")
    expect(visits).not_to_contain_text("Mette Kjær")
