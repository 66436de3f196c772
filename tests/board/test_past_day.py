# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A day that is over is a record of what happened: its board shows no move controls, and a move is
refused in plain Danish on the page, in board.js's reply and in the API. Today can still be changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from freezegun import freeze_time

from naerhed.board.services import CardMove, MoveRefused, move_card
from naerhed.lib.dates import aware
from naerhed.visits.models import Visit
from tests.board.day import DAY, BoardDay
from tests.personas import World

pytestmark = pytest.mark.django_db

PAST = "Dagen er gået – tidligere dage kan ikke ændres"
THE_DAY_AFTER = aware(DAY + dt.timedelta(days=1), dt.time(0, 30))


def _client(world: World) -> Client:
    client = Client()
    client.force_login(world.user("teamleader"))
    return client


def _url(day: BoardDay, tail: str = "") -> str:
    return f"/board/{day.team.pk}/{DAY.isoformat()}/{tail}"


def _body(day: BoardDay) -> dict[str, object]:
    seen = ",".join(f"{pk}:{v}" for pk, v in Visit.objects.values_list("pk", "version"))
    return {
        "visit": day.tray.pk,
        "version": 1,
        "source": "tray",
        "target": f"{day.birthe.pk}-0",
        "seen": seen,
    }


def _unplanned(day: BoardDay) -> bool:
    day.tray.refresh_from_db()
    return day.tray.planned_start is None and not day.tray.carers.exists()


def test_the_board_of_a_past_day_has_no_move_controls_and_says_why(world: World, day: BoardDay) -> None:
    with freeze_time(THE_DAY_AFTER):
        html = _client(world).get(_url(day)).content.decode()
    assert PAST in html
    assert 'draggable="true"' not in html and 'name="target"' not in html
    assert f'data-testid="card-{day.insulin.pk}"' in html  # the cards are still shown


def test_the_board_of_today_still_has_move_controls(world: World, day: BoardDay) -> None:
    with freeze_time(aware(DAY, dt.time(23, 30))):
        html = _client(world).get(_url(day)).content.decode()
    assert PAST not in html and 'draggable="true"' in html


def test_a_move_on_a_past_day_is_refused_on_the_page(world: World, day: BoardDay) -> None:
    with freeze_time(THE_DAY_AFTER):
        client = _client(world)
        response = client.post(_url(day, "move/"), _body(day), follow=True)
    assert PAST in response.content.decode()
    assert _unplanned(day)


def test_a_move_on_a_past_day_is_refused_to_board_js(world: World, day: BoardDay) -> None:
    with freeze_time(THE_DAY_AFTER):
        response = _client(world).post(_url(day, "move/"), _body(day), HTTP_X_BOARD="fragment")
    assert response.status_code == 422
    assert response.json()["status"] == "refused" and response.json()["message"] == PAST
    assert 'name="target"' not in response.json()["html"]
    assert _unplanned(day)


def test_a_move_on_a_past_day_is_refused_by_the_api(world: World, day: BoardDay) -> None:
    body = {"visit_id": day.tray.pk, "version": 1, "to_column": f"{day.birthe.pk}-0", "place": 3}
    with freeze_time(THE_DAY_AFTER):
        response = _client(world).post(
            f"/api/v1/teams/{day.team.pk}/board/{DAY.isoformat()}/moves",
            body,
            content_type="application/json",
        )
        board = _client(world).get(f"/api/v1/teams/{day.team.pk}/board/{DAY.isoformat()}").json()
    assert response.status_code == 422
    assert response.json() == {"detail": PAST, "reasons": [PAST]}
    assert board["editable"] is False
    assert _unplanned(day)


def test_the_service_refuses_a_past_day(world: World, day: BoardDay) -> None:
    move = CardMove(visit_pk=day.tray.pk, version=1, from_staff=None, to_staff=day.birthe.pk)
    with freeze_time(THE_DAY_AFTER), pytest.raises(MoveRefused) as refused:
        move_card(team=day.team, day=DAY, move=move, by=world.user("teamleader"))
    assert refused.value.reasons == [PAST]
    assert _unplanned(day)
