# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The board pages: who may open them and move cards, what they show and log, the polling version,
and the answers board.js gets to a move (saved, refused, stale)."""

from __future__ import annotations

import pytest
from django.test import Client

from naerhed.audit.models import Action, AuditEvent
from naerhed.visits.models import Visit, VisitStatus
from tests.board.day import DAY, BoardDay
from tests.personas import World

pytestmark = pytest.mark.django_db

ALL = ("carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "visitator", "manager", "admin")
VIEWERS = {"carer", "teamleader", "nurse", "planner"}
MOVERS = {"teamleader", "nurse", "planner"}


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def _url(day: BoardDay, tail: str = "") -> str:
    return f"/board/{day.team.pk}/{DAY.isoformat()}/{tail}"


def _seen(day: BoardDay) -> str:
    return ",".join(f"{pk}:{v}" for pk, v in Visit.objects.values_list("pk", "version"))


def _move_body(day: BoardDay, visit: Visit, source: str, target: str, place: str = "") -> dict[str, object]:
    visit.refresh_from_db()
    body = {"visit": visit.pk, "version": visit.version, "source": source, "target": target, "place": place}
    return {**body, "seen": _seen(day)}


@pytest.mark.parametrize("persona", ALL)
def test_the_team_and_the_districts_planners_see_the_board(world: World, day: BoardDay, persona: str) -> None:
    response = _client(world, persona).get(_url(day))
    assert response.status_code == (200 if persona in VIEWERS else 403)


@pytest.mark.parametrize("persona", ALL)
def test_team_leaders_nurses_and_planners_move_cards_carers_only_look(
    world: World, day: BoardDay, persona: str
) -> None:
    body = _move_body(day, day.tray, "tray", f"{day.birthe.pk}-0", "3")
    response = _client(world, persona).post(_url(day, "move/"), body)
    assert response.status_code == (302 if persona in MOVERS else 403)
    day.tray.refresh_from_db()
    assert (day.tray.planned_start is not None) == (persona in MOVERS)


def test_the_board_shows_columns_cards_tray_and_figures_and_logs_each_citizen(
    world: World, day: BoardDay
) -> None:
    response = _client(world, "teamleader").get(_url(day))
    html = response.content.decode()

    assert "Birthe Hansen" in html and "Mette Kjær" in html and "07:00–15:00" in html
    assert f'data-testid="card-{day.insulin.pk}"' in html and "insulin" in html
    assert "med Mette Kjær" in html and "med Birthe Hansen" in html  # the two-carer card on both columns
    assert "Uplanlagte" in html and "Medarbejdere pr. borger i ugen" in html
    assert 'data-testid="unplanned-count">2<' in html
    assert "Pause" in html and "Flyt" in html
    viewed = AuditEvent.objects.filter(username="teamleader", action=Action.VIEW, object_type="citizen")
    assert set(viewed.values_list("citizen_id", flat=True)) == {
        day.morning.citizen_id,
        day.nine.citizen_id,
        day.late.citizen_id,
    }
    assert viewed.count() == 3


def test_carers_and_the_big_screen_get_no_editing_controls(world: World, day: BoardDay) -> None:
    carer = _client(world, "carer").get(_url(day)).content.decode()
    screen = _client(world, "teamleader").get(_url(day) + "?skaerm=1").content.decode()
    for html in (carer, screen):
        assert 'draggable="true"' not in html and 'name="target"' not in html
    assert "board--big" in screen and "Forlad storskærm" in screen


def test_the_version_changes_when_a_card_is_moved(world: World, day: BoardDay) -> None:
    client = _client(world, "teamleader")
    before = client.get(_url(day, "version/")).json()["version"]
    client.post(_url(day, "move/"), _move_body(day, day.tray, "tray", f"{day.birthe.pk}-0", "3"))
    assert client.get(_url(day, "version/")).json()["version"] != before


def test_board_js_gets_the_saved_board_back(world: World, day: BoardDay) -> None:
    body = _move_body(day, day.tray, "tray", f"{day.birthe.pk}-0", "3")
    response = _client(world, "teamleader").post(_url(day, "move/"), body, HTTP_X_BOARD="fragment")
    reply = response.json()
    assert response.status_code == 200 and reply["status"] == "saved"
    assert reply["message"] == "Flytningen er gemt."
    assert f'data-testid="card-{day.tray.pk}"' in reply["html"]


def test_board_js_gets_the_refusal_in_plain_danish(world: World, day: BoardDay) -> None:
    body = _move_body(day, day.insulin, f"{day.mette.pk}-0", f"{day.birthe.pk}-0", "1")
    response = _client(world, "teamleader").post(_url(day, "move/"), body, HTTP_X_BOARD="fragment")
    assert response.status_code == 422
    assert response.json()["message"].startswith("Birthe Hansen har ikke kompetencen insulin")


def test_board_js_gets_409_and_the_reload_message_on_a_changed_board(world: World, day: BoardDay) -> None:
    body = _move_body(day, day.morning, f"{day.birthe.pk}-0", f"{day.mette.pk}-0", "1")
    Visit.objects.filter(pk=day.nine.pk).update(version=7)  # someone else changed Birthe's route
    response = _client(world, "teamleader").post(_url(day, "move/"), body, HTTP_X_BOARD="fragment")
    assert response.status_code == 409
    assert response.json()["message"] == "Tavlen er ændret af en anden – genindlæs og prøv igen"
    day.morning.refresh_from_db()
    assert list(day.morning.carers.values_list("pk", flat=True)) == [day.birthe.pk]


def test_a_bad_target_names_the_field(world: World, day: BoardDay) -> None:
    body = _move_body(day, day.tray, "tray", "nobody")
    response = _client(world, "teamleader").post(_url(day, "move/"), body, HTTP_X_BOARD="fragment")
    assert response.status_code == 400 and "medarbejder" in response.json()["message"]


def test_the_team_page_links_to_todays_board(world: World, day: BoardDay) -> None:
    html = _client(world, "carer").get(f"/teams/{day.team.pk}/").content.decode()
    assert f"/board/{day.team.pk}/" in html and "Dagens tavle" in html


def test_the_board_is_in_the_navigation_of_those_who_see_it(world: World, day: BoardDay) -> None:
    assert 'href="/board/"' in _client(world, "nurse").get("/").content.decode()
    assert 'href="/board/"' not in _client(world, "manager").get("/").content.decode()


def test_a_delivered_visit_stays_on_the_board_as_a_card_that_cannot_be_moved(
    world: World, day: BoardDay
) -> None:
    Visit.objects.filter(pk=day.morning.pk).update(status=VisitStatus.DELIVERED)
    html = _client(world, "teamleader").get(_url(day)).content.decode()
    card = html[html.index(f'data-testid="card-{day.morning.pk}"') :]
    card = card[: card.index("</li>")]
    assert "Udført" in card and "draggable" not in card and 'name="target"' not in card
