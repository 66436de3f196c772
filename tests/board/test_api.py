# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The board in /api/v1/: the same board, the same moves, the same Danish reasons."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from naerhed.visits.models import Visit
from tests.board.day import DAY, BoardDay
from tests.personas import World

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def _board(day: BoardDay) -> str:
    return f"/api/v1/teams/{day.team.pk}/board/{DAY.isoformat()}"


def _post(client: Client, day: BoardDay, body: dict[str, Any]) -> Any:
    return client.post(_board(day) + "/moves", body, content_type="application/json")


def test_the_board_as_json(world: World, day: BoardDay) -> None:
    response = _client(world, "planner").get(_board(day))
    board = response.json()
    assert response.status_code == 200
    columns = {c["name"]: c for c in board["columns"]}
    assert [card["start"] for card in columns["Mette Kjær"]["cards"]] == ["08:00", "10:00"]
    assert columns["Mette Kjær"]["cards"][0]["competences"] == ["insulin"]
    assert columns["Birthe Hansen"]["breaks"] == [{"start": "11:00", "end": "11:30", "minutes": 30}]
    assert {c["visit_id"] for c in board["tray"]} == {day.tray.pk, day.long.pk}
    assert board["figures"]["unplanned"] == 2
    assert board["editable"] is True


def test_the_board_of_another_district_is_forbidden(world: World, day: BoardDay) -> None:
    assert _client(world, "planner_far").get(_board(day)).status_code == 403


def test_a_move_through_the_api_is_saved(world: World, day: BoardDay) -> None:
    body = {"visit_id": day.tray.pk, "version": 1, "to_column": f"{day.birthe.pk}-0", "place": 3}
    response = _post(_client(world, "teamleader"), day, body)
    assert response.status_code == 200 and response.json()["changed_visits"] == [day.tray.pk]
    day.tray.refresh_from_db()
    assert day.tray.version == 2


def test_a_refused_move_gives_the_danish_reasons(world: World, day: BoardDay) -> None:
    body = {
        "visit_id": day.late.pk,
        "version": 1,
        "from_column": f"{day.birthe.pk}-0",
        "to_column": f"{day.mette.pk}-0",
    }
    response = _post(_client(world, "teamleader"), day, body)
    assert response.status_code == 422
    assert response.json()["reasons"][0] == "Mette Kjær er blokeret af borgeren (Karl Nielsen)"


def test_a_move_on_a_changed_board_is_a_conflict(world: World, day: BoardDay) -> None:
    seen = dict(Visit.objects.values_list("pk", "version"))
    Visit.objects.filter(pk=day.nine.pk).update(version=3)
    body = {
        "visit_id": day.morning.pk,
        "version": 1,
        "from_column": f"{day.birthe.pk}-0",
        "to_column": f"{day.mette.pk}-0",
        "place": 1,
        "expected_versions": {str(pk): v for pk, v in seen.items()},
    }
    response = _post(_client(world, "teamleader"), day, body)
    assert response.status_code == 409
    assert response.json()["detail"] == "Tavlen er ændret af en anden – genindlæs og prøv igen"


def test_a_carer_cannot_move_through_the_api(world: World, day: BoardDay) -> None:
    body = {"visit_id": day.tray.pk, "version": 1, "to_column": f"{day.birthe.pk}-0"}
    assert _post(_client(world, "carer"), day, body).status_code == 403


def test_a_malformed_column_names_the_field(world: World, day: BoardDay) -> None:
    body = {"visit_id": day.tray.pk, "version": 1, "to_column": "x"}
    response = _post(_client(world, "teamleader"), day, body)
    assert response.status_code == 400 and "to_column" in response.json()["errors"]
