# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The T-card board in a browser: dragging a card legally and illegally, everyone seeing a saved move,
and two people moving cards at the same time without losing either move.

With ``NAERHED_BOARD_SCREENSHOTS=1`` one more test loads the demo municipality, plans one team's week
and writes docs/screenshots/board.png and board-big-screen.png.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from naerhed.accounts.models import User
from naerhed.demo.planning_bridge import DEMO_TIME_LIMIT
from naerhed.lib.dates import aware, monday_of
from naerhed.planning.services import plan_week
from naerhed.visits.models import Visit
from tests.board.day import DAY, BoardDay, board_day
from tests.factories import PASSWORD
from tests.personas import World

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LAPTOP = ViewportSize(width=1440, height=900)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def day(world: World) -> BoardDay:
    return board_day(world.team_a, world.citizen_a)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def _open(
    contexts: list[BrowserContext], browser: Browser, live_server: LiveServer, user: str, url: str
) -> Page:
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen", viewport=LAPTOP)
    context.set_default_timeout(30_000)
    contexts.append(context)
    page = context.new_page()
    page.goto(f"{live_server.url}{url}")
    page.get_by_label("Brugernavn").fill(user)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_test_id("board")).to_be_visible()
    return page


def _board_url(day: BoardDay) -> str:
    return f"/board/{day.team.pk}/{DAY.isoformat()}/"


def _column(page: Page, day: BoardDay, member: Any) -> Any:
    return page.get_by_test_id(f"column-{member.pk}-0")


def _drop_on_top_of(page: Page, card_pk: int, target_pk: int) -> None:
    """Drag a card and drop it on the upper edge of another card: it lands just before that card
    (for a two-carer card, before the first of its copies)."""
    page.get_by_test_id(f"card-{card_pk}").first.drag_to(
        page.get_by_test_id(f"card-{target_pk}").first, target_position={"x": 30, "y": 4}
    )


def _carers(visit: Visit) -> list[int]:
    return list(Visit.objects.get(pk=visit.pk).carers.values_list("pk", flat=True))


def test_a_legal_drag_is_saved_and_everyone_looking_sees_it(
    live_server: LiveServer, browser: Browser, contexts: list[BrowserContext], day: BoardDay, settings: Any
) -> None:
    settings.NAERHED_BOARD_POLL_SECONDS = 1
    leader = _open(contexts, browser, live_server, "teamleader", _board_url(day))
    carer = _open(contexts, browser, live_server, "carer", _board_url(day))
    expect(carer.get_by_test_id(f"card-{day.tray.pk}")).to_have_attribute("data-source", "tray")

    _drop_on_top_of(leader, day.tray.pk, day.two.pk)

    expect(leader.get_by_test_id("board-message")).to_have_text("Flytningen er gemt.")
    moved = _column(leader, day, day.birthe).get_by_test_id(f"card-{day.tray.pk}")
    expect(moved).to_contain_text("09:30–09:50")
    expect(_column(carer, day, day.birthe).get_by_test_id(f"card-{day.tray.pk}")).to_be_visible()
    assert _carers(day.tray) == [day.birthe.pk]
    assert Visit.objects.get(pk=day.tray.pk).planned_start == aware(DAY, dt.time(9, 30))


def test_an_illegal_drag_is_refused_with_the_reason(
    live_server: LiveServer, browser: Browser, contexts: list[BrowserContext], day: BoardDay
) -> None:
    page = _open(contexts, browser, live_server, "teamleader", _board_url(day))

    _drop_on_top_of(page, day.insulin.pk, day.nine.pk)

    expect(page.get_by_test_id("board-message")).to_have_text("Birthe Hansen har ikke kompetencen insulin")
    expect(_column(page, day, day.mette).get_by_test_id(f"card-{day.insulin.pk}")).to_be_visible()
    assert _carers(day.insulin) == [day.mette.pk]


def test_two_people_moving_cards_at_once_lose_nothing(
    live_server: LiveServer, browser: Browser, contexts: list[BrowserContext], day: BoardDay, settings: Any
) -> None:
    settings.NAERHED_BOARD_POLL_SECONDS = 600  # neither board refreshes by itself during the test
    leader = _open(contexts, browser, live_server, "teamleader", _board_url(day))
    planner = _open(contexts, browser, live_server, "planner", _board_url(day))

    _drop_on_top_of(leader, day.tray.pk, day.two.pk)
    expect(leader.get_by_test_id("board-message")).to_have_text("Flytningen er gemt.")
    _drop_on_top_of(planner, day.morning.pk, day.insulin.pk)

    expect(planner.get_by_test_id("board-message")).to_have_text(
        "Tavlen er ændret af en anden – genindlæs og prøv igen"
    )
    # The planner's board was re-rendered with the team leader's move; the planner tries again.
    expect(_column(planner, day, day.birthe).get_by_test_id(f"card-{day.tray.pk}")).to_be_visible()
    _drop_on_top_of(planner, day.morning.pk, day.insulin.pk)
    expect(planner.get_by_test_id("board-message")).to_have_text("Flytningen er gemt.")
    assert _carers(day.tray) == [day.birthe.pk] and _carers(day.morning) == [day.mette.pk]


def test_the_keyboard_form_moves_a_card_without_dragging(
    live_server: LiveServer, browser: Browser, contexts: list[BrowserContext], day: BoardDay
) -> None:
    page = _open(contexts, browser, live_server, "nurse", _board_url(day))
    card = page.get_by_test_id(f"card-{day.late.pk}")
    card.get_by_text("Flyt", exact=True).first.click()
    card.get_by_label("Flyt til").select_option(label="Uplanlagte")
    card.get_by_role("button", name="Flyt").click()

    expect(page.get_by_role("status")).to_contain_text("Flytningen er gemt.")
    expect(page.get_by_test_id("tray").get_by_test_id(f"card-{day.late.pk}")).to_be_visible()


@pytest.mark.skipif(not os.environ.get("NAERHED_BOARD_SCREENSHOTS"), reason="set NAERHED_BOARD_SCREENSHOTS=1")
def test_screenshots_of_the_demo_board(
    live_server: LiveServer, browser: Browser, contexts: list[BrowserContext], settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    call_command("demo", "--no-plan")
    leader = User.objects.get(username="teamleader")
    assert leader.team is not None
    plan_week(team=leader.team, start=monday_of(timezone.localdate()), by=leader, time_limit=DEMO_TIME_LIMIT)
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen", viewport=LAPTOP)
    contexts.append(context)
    page = context.new_page()
    page.goto(f"{live_server.url}/board/")
    page.get_by_label("Brugernavn").fill("teamleader")
    page.get_by_label("Adgangskode").fill("demo")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_test_id("board")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "board.png"), full_page=True)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(page.url + "?skaerm=1")
    expect(page.get_by_test_id("board")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "board-big-screen.png"))
