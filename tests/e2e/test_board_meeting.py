# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A team leader runs the day's board meeting (tavlemøde) in the browser: opens it from the navigation,
names the captain and note-taker, turns a yellow citizen red, closes an overdue action from an earlier
meeting, agrees a new action with an owner and a due date, and sees the rehab board."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.quality.models import BoardAction, BoardMeeting, TriageAssessment
from naerhed.quality.services import board
from naerhed.workforce.models import Profession, StaffMember
from tests import factories as f
from tests.e2e.screenshots import doc_screenshot
from tests.factories import PASSWORD
from tests.personas import World

SCREENSHOT = doc_screenshot("board-meeting.png")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _team(world: World) -> dict[str, StaffMember]:
    team = world.team_a
    people = {
        "leader": f.staff(team=team, first_name="Mette", last_name="Lund", profession=Profession.SSA),
        "nurse": f.staff(team=team, first_name="Lene", last_name="Kjær", profession=Profession.NURSE),
        "ssa": f.staff(team=team, first_name="Anders", last_name="Bach", profession=Profession.SSA),
        "carer": f.staff(team=team, first_name="Sofie", last_name="Holm", profession=Profession.SSH),
    }
    leader = world.user("teamleader")
    leader.staff = people["leader"]
    leader.save(update_fields=["staff"])
    today = timezone.localdate()
    board.set_triage_colour(
        citizen=world.citizen_a,
        colour="yellow",
        reason="Drikker for lidt",
        by=leader,
        at=timezone.now() - dt.timedelta(days=1),
    )
    home = f.citizen(team=team, first_name="Ejnar", last_name="Nielsen")
    stay = board.record_admission(
        citizen=home, by=leader, admitted_on=today - dt.timedelta(days=5), loss_of_function=True
    )
    board.record_discharge(
        stay=stay, by=leader, discharged_on=today - dt.timedelta(days=1), loss_of_function=True
    )
    earlier = board.open_board_meeting(team=team, date=today - dt.timedelta(days=3), by=leader)
    board.add_board_action(
        meeting=earlier,
        by=leader,
        text="Ring til egen læge om blodtrykket",
        owner=people["nurse"],
        due_date=today - dt.timedelta(days=2),
        citizen=world.citizen_a,
    )
    return people


def test_a_team_leader_runs_the_days_board_meeting(
    live_server: LiveServer, browser_page: Page, world: World
) -> None:
    people, page, today = _team(world), browser_page, timezone.localdate()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill("teamleader")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Kvalitet i plejen").click()
    page.get_by_role("link", name="Dagens tavlemøde").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tavlemøde – Team Hjordkær")

    roles = page.get_by_test_id("meeting-roles")
    roles.get_by_label("Kaptajn").select_option(label="Anders Bach")
    roles.get_by_label("Referent").select_option(label="Sofie Holm")
    roles.get_by_role("button", name="Gem").click()
    expect(page.get_by_test_id("captain")).to_have_text("Anders Bach")

    agenda = page.get_by_test_id("agenda")
    expect(agenda.get_by_test_id("agenda-item")).to_have_count(2)
    inger = agenda.get_by_test_id("agenda-item").filter(has_text="Inger Andersen")
    expect(inger).to_contain_text("Gul")
    inger.get_by_label("Farve").select_option("red")
    inger.get_by_label("Hvorfor").fill("Feber og forvirret")
    inger.get_by_role("button", name="Sæt farven").click()
    expect(page.get_by_role("status")).to_contain_text("Farven for Inger Andersen er sat.")
    expect(agenda.get_by_test_id("agenda-item").first).to_contain_text("Rød")

    overdue = page.get_by_test_id("overdue-actions")
    expect(overdue).to_contain_text("Ring til egen læge om blodtrykket")
    overdue.get_by_role("button", name="Markér som udført").click()
    expect(page.get_by_test_id("overdue-actions")).to_contain_text("Ingen handlinger over tid.")

    decisions = page.get_by_test_id("decisions")
    decisions.get_by_label("Beslutning eller handling").fill("Mål TOBS i morgen tidlig")
    decisions.get_by_label("Ansvarlig").select_option(label="Lene Kjær")
    decisions.get_by_label("Senest").fill((today + dt.timedelta(days=1)).isoformat())
    decisions.get_by_label("Borger").select_option(label="Inger Andersen")
    decisions.get_by_role("button", name="Tilføj handlingen").click()
    expect(page.get_by_test_id("decisions")).to_contain_text("Mål TOBS i morgen tidlig")
    expect(page.get_by_test_id("rehab-board")).to_contain_text("Ejnar Nielsen")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    results = Axe().run(page)
    critical = [v["id"] for v in results.response["violations"] if v.get("impact") == "critical"]
    assert critical == [], results.generate_report()

    meeting = BoardMeeting.objects.get(team=world.team_a, date=today)
    assert (meeting.captain, meeting.note_taker) == (people["ssa"], people["carer"])
    latest = TriageAssessment.objects.filter(citizen=world.citizen_a).first()
    assert latest is not None and (latest.colour, latest.meeting) == ("red", meeting)
    new = BoardAction.objects.get(meeting=meeting)
    assert (new.owner, new.due_date, new.citizen) == (
        people["nurse"],
        today + dt.timedelta(days=1),
        world.citizen_a,
    )
    assert BoardAction.objects.filter(done_at__isnull=True).count() == 1
