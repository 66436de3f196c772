# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The board in the JSON API: read a team's day, and move a card (the same service as the page)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut
from naerhed.board import queries, services
from naerhed.board.access import get_board_team
from naerhed.board.forms import LAST, parse_column
from naerhed.planning.plan_store import StaleVisitError

router = Router(tags=["board"])


class CardOut(Schema):
    visit_id: int
    version: int
    start: str = Field(description='Planned start "HH:MM"; empty for an unplanned visit.')
    end: str
    window: str
    citizen_id: int
    citizen: str
    service: str
    competences: list[str]
    two_carers: bool
    partners: list[str]
    remote: bool = Field(description="A screen visit.")
    travel_minutes: int = Field(description="Travel from the previous stop.")
    warnings: list[str]


class BreakOut(Schema):
    start: str
    end: str
    minutes: int


class ColumnOut(Schema):
    key: str = Field(description='"<staff id>-<shift index>": name it as from_column or to_column of a move.')
    staff_id: int
    shift_index: int
    name: str
    profession: str
    shift: str
    cards: list[CardOut]
    breaks: list[BreakOut]
    travel_home_minutes: int


class FiguresOut(Schema):
    carers_per_citizen_week: float
    travel_minutes: int
    care_time_share: float
    unplanned: int


class BoardOut(Schema):
    team_id: int
    day: dt.date
    version: str = Field(description="Changes whenever the board changes.")
    editable: bool = Field(description="False for a day that is over: its moves are refused.")
    columns: list[ColumnOut]
    tray: list[CardOut]
    figures: FiguresOut


class MoveIn(Schema):
    visit_id: int
    version: int = Field(description="The visit's version as you read it.")
    from_column: str | None = Field(None, description="The card's column key; null for the tray.")
    to_column: str | None = Field(None, description="The target column key; null for the tray.")
    place: int | None = Field(None, ge=1, description="1 = first; null = last.")
    partner_column: str | None = Field(None, description="Second carer of a two-carer visit from the tray.")
    expected_versions: dict[int, int] | None = Field(
        None, description="Visit id → version of the board you read; a move on a changed board is refused."
    )


class MoveOut(Schema):
    changed_visits: list[int]
    board: BoardOut


class RefusedOut(Schema):
    detail: str
    reasons: list[str]


@router.get(
    "/teams/{team_id}/board/{day}",
    response={200: BoardOut, 403: ErrorOut},
    summary="A team's T-card board for one day",
)
def get_board(request: HttpRequest, team_id: int, day: dt.date) -> dict[str, object]:
    user = api_user(request)
    team = get_board_team(user, team_id)
    board = queries.load_board(team, day)
    services.log_board_viewed(user=user, team=team, day=day, citizen_pks=board.citizen_pks)
    return board_out(board)


@router.post(
    "/teams/{team_id}/board/{day}/moves",
    response={200: MoveOut, 403: ErrorOut, 409: ErrorOut, 422: RefusedOut},
    summary="Move a card: saved at once, or refused with the reasons",
)
def post_move(request: HttpRequest, team_id: int, day: dt.date, payload: MoveIn) -> Status[dict[str, object]]:
    user = api_user(request)
    team = get_board_team(user, team_id)
    source = parse_column(payload.from_column or "", "from_column")
    target = parse_column(payload.to_column or "", "to_column")
    partner = parse_column(payload.partner_column or "", "partner_column") if target else None
    move = services.CardMove(
        visit_pk=payload.visit_id,
        version=payload.version,
        from_staff=source[0] if source else None,
        to_staff=target[0] if target else None,
        to_shift=target[1] if target else 0,
        position=payload.place - 1 if payload.place else LAST,
        partner=partner,
    )
    try:
        changes = services.move_card(team=team, day=day, move=move, by=user, seen=payload.expected_versions)
    except services.MoveRefused as refused:
        return Status(422, {"detail": " ".join(refused.reasons), "reasons": refused.reasons})
    except StaleVisitError:
        return Status(409, {"detail": _("The board has been changed by someone else – reload and try again")})
    board = queries.load_board(team, day)
    return Status(200, {"changed_visits": [c.visit_pk for c in changes], "board": board_out(board)})


def board_out(board: queries.Board) -> dict[str, object]:
    return {
        "team_id": board.team.pk,
        "day": board.day,
        "version": board.version,
        "editable": not services.is_past(board.day),
        "columns": [
            {
                "key": col.key,
                "staff_id": col.staff_pk,
                "shift_index": col.shift_index,
                "name": col.name,
                "profession": col.profession,
                "shift": col.shift,
                "cards": [_card(c) for c in col.items if isinstance(c, queries.Card)],
                "breaks": [vars(b) for b in col.items if isinstance(b, queries.BreakCard)],
                "travel_home_minutes": col.travel_home,
            }
            for col in board.columns
        ],
        "tray": [_card(c) for c in board.tray],
        "figures": vars(board.figures),
    }


def _card(card: queries.Card) -> dict[str, object]:
    return {
        "visit_id": card.visit_pk,
        "version": card.version,
        "start": card.start,
        "end": card.end,
        "window": card.window,
        "citizen_id": card.citizen_pk,
        "citizen": card.citizen,
        "service": card.service,
        "competences": list(card.competences),
        "two_carers": card.two_carers,
        "partners": list(card.partners),
        "remote": card.remote,
        "travel_minutes": card.travel,
        "warnings": list(card.warnings),
    }
