# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A team leader plans next week: starts a run, watches it finish, reads the comparison and publishes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.audit.models import AuditEvent
from naerhed.planning.models import PlanningRun, RunStatus
from naerhed.visits.models import Visit
from tests.factories import PASSWORD
from tests.personas import World
from tests.planning.conftest import MONDAY, small_week


@pytest.fixture(autouse=True)
def fast_password_hashing_and_in_process_jobs(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.NAERHED_JOBS = "inprocess"


def test_team_leader_starts_a_run_sees_it_finish_compares_and_publishes(
    live_server: LiveServer, browser_page: Page, world: World
) -> None:
    page = browser_page
    small_week(world.team_a)
    page.goto(f"{live_server.url}/planning/new/")
    page.get_by_label("Brugernavn").fill("teamleader")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    expect(page.get_by_label("Team")).to_have_value(str(world.team_a.pk))
    page.get_by_label("Uge (mandag)").fill(MONDAY.isoformat())
    page.get_by_label("Tidsgrænse (sekunder)").fill("2")
    page.get_by_role("button", name="Start planlægning").click()

    expect(page).to_have_url(re.compile(r"/planning/\d+/$"))
    expect(page.get_by_test_id("run-state")).to_have_text("Udkast klar", timeout=30_000)
    expect(page.get_by_test_id("run-progress")).to_be_visible()
    diff = page.get_by_test_id("run-diff")
    expect(diff).to_contain_text("Der er endnu ikke offentliggjort en plan")
    expect(diff).to_contain_text(re.compile(r"\d+ af 14 besøg ændres"))
    expect(diff.get_by_test_id("changes").locator("tbody tr").first).to_be_visible()

    page.get_by_role("button", name="Offentliggør planen").click()

    expect(page.get_by_role("status")).to_contain_text("Planen er offentliggjort: 14 besøg opdateret.")
    expect(page.get_by_test_id("run-state")).to_have_text("Offentliggjort")
    run = PlanningRun.objects.get()
    assert run.status == RunStatus.PUBLISHED
    assert Visit.objects.filter(citizen__team=world.team_a, planned_start__isnull=False).exists()
    assert AuditEvent.objects.filter(username="teamleader", summary__startswith="published").count() == 1
