# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Moving cards: a legal move is saved and re-timed, an illegal one refused in plain Danish naming the
carer and the fact, a move on a board that changed since it was read is stale and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from freezegun import freeze_time

from naerhed.audit.models import Action, AuditEvent
from naerhed.board.services import CardMove, MoveRefused, move_card
from naerhed.lib.dates import aware
from naerhed.planning.plan_store import StaleVisitError
from naerhed.visits.models import CitizenChangeEvent, Visit
from tests.board.day import DAY, BoardDay
from tests.personas import World

pytestmark = pytest.mark.django_db

LAST = 10_000


def _move(
    day: BoardDay, visit: Visit, source: int | None, target: int | None, position: int = LAST
) -> CardMove:
    """Move ``visit`` behind ``position`` other cards of the target shift."""
    visit.refresh_from_db()
    return CardMove(visit.pk, visit.version, source, target, 0, position)


def _seen(day: BoardDay) -> dict[int, int]:
    return dict(Visit.objects.filter(citizen__team=day.team).values_list("pk", "version"))


def _at(visit: Visit) -> tuple[dt.datetime | None, list[int]]:
    visit.refresh_from_db()
    return visit.planned_start, sorted(visit.carers.values_list("pk", flat=True))


def test_a_card_from_the_tray_is_saved_with_a_time_that_fits_the_route(world: World, day: BoardDay) -> None:
    leader = world.user("teamleader")
    changes = move_card(
        team=day.team, day=DAY, move=_move(day, day.tray, None, day.birthe.pk, 2), by=leader, seen=_seen(day)
    )

    # After Ruth Madsen at 08:20-08:40 Birthe drives on to Karl Nielsen and waits for his 09:30 window.
    assert _at(day.tray) == (aware(DAY, dt.time(9, 30)), [day.birthe.pk])
    assert [c.visit_pk for c in changes] == [day.tray.pk]
    day.tray.refresh_from_db()
    assert day.tray.version == 2
    assert AuditEvent.objects.filter(
        username="teamleader",
        action=Action.UPDATE,
        object_id=str(day.tray.pk),
        citizen_id=day.tray.citizen_id,
    ).exists()


def test_a_card_moved_to_another_carer_is_re_timed_and_the_citizen_is_told(
    world: World, day: BoardDay
) -> None:
    move_card(
        team=day.team,
        day=DAY,
        move=_move(day, day.morning, day.birthe.pk, day.mette.pk, 0),
        by=world.user("planner"),
        seen=_seen(day),
    )

    assert _at(day.morning) == (aware(DAY, dt.time(7, 30)), [day.mette.pk])
    assert _at(day.insulin)[0] == aware(DAY, dt.time(8, 0))  # still fits after Inger
    event = CitizenChangeEvent.objects.get(visit=day.morning)
    assert event.details["source"] == "board" and event.details["new_carers"] == ["Mette Kjær"]


def test_a_card_moved_to_the_tray_loses_its_carer_and_time(world: World, day: BoardDay) -> None:
    move_card(
        team=day.team,
        day=DAY,
        move=_move(day, day.late, day.birthe.pk, None),
        by=world.user("nurse"),
        seen=None,
    )
    assert _at(day.late) == (None, [])


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("competence", "Birthe Hansen har ikke kompetencen insulin"),
        (
            "earliest",
            "Besøget hos Ruth Madsen kan tidligst starte 08:20, så Mette Kjær når ikke frem til Ruth",
        ),
        ("blocked", "Mette Kjær er blokeret af borgeren (Karl Nielsen)"),
        ("shift_end", "Birthe Hansen: Ruten når ikke hjem inden vagten slutter 15:00"),
        ("same_carer", "To-mandsbesøget hos Inger Andersen skal have to forskellige medarbejdere"),
        ("needs_two", "Besøget hos Inger Andersen kræver to medarbejdere"),
    ],
)
def test_an_illegal_move_is_refused_with_the_reason_and_nothing_is_written(
    world: World, day: BoardDay, case: str, expected: str
) -> None:
    moves = {
        "competence": lambda: _move(day, day.insulin, day.mette.pk, day.birthe.pk, 1),
        "earliest": lambda: _move(day, day.nine, day.birthe.pk, day.mette.pk, 0),
        "blocked": lambda: _move(day, day.late, day.birthe.pk, day.mette.pk),
        "shift_end": lambda: _move(day, day.long, None, day.birthe.pk),
        "same_carer": lambda: _move(day, day.two, day.mette.pk, day.birthe.pk),
        "needs_two": lambda: _move(day, _two_in_tray(world, day), None, day.birthe.pk),
    }
    move = moves[case]()
    before, updates = _seen(day), AuditEvent.objects.filter(action=Action.UPDATE).count()

    with pytest.raises(MoveRefused) as refused:
        move_card(team=day.team, day=DAY, move=move, by=world.user("teamleader"), seen=before)

    assert any(reason.startswith(expected) for reason in refused.value.reasons), refused.value.reasons
    assert _seen(day) == before
    assert AuditEvent.objects.filter(action=Action.UPDATE).count() == updates


def _two_in_tray(world: World, day: BoardDay) -> Visit:
    move_card(
        team=day.team, day=DAY, move=_move(day, day.two, day.birthe.pk, None), by=world.user("teamleader")
    )
    return day.two


def test_a_two_carer_visit_from_the_tray_goes_to_both_carers(world: World, day: BoardDay) -> None:
    two = _two_in_tray(world, day)
    two.refresh_from_db()
    move = CardMove(two.pk, two.version, None, day.birthe.pk, 0, 2, partner=(day.mette.pk, 0))

    move_card(team=day.team, day=DAY, move=move, by=world.user("teamleader"), seen=_seen(day))

    assert _at(two) == (aware(DAY, dt.time(10, 0)), sorted([day.birthe.pk, day.mette.pk]))


def test_a_stale_visit_version_is_refused_and_nothing_is_written(world: World, day: BoardDay) -> None:
    seen = _seen(day)
    move = CardMove(day.tray.pk, day.tray.version + 5, None, day.birthe.pk, 0, 2)

    with pytest.raises(StaleVisitError):
        move_card(team=day.team, day=DAY, move=move, by=world.user("teamleader"), seen=seen)

    assert _seen(day) == seen and _at(day.tray) == (None, [])
    assert not CitizenChangeEvent.objects.exists()


def test_a_move_into_a_route_that_changed_since_the_board_was_read_is_stale(
    world: World, day: BoardDay
) -> None:
    seen = _seen(day)
    move_card(
        team=day.team, day=DAY, move=_move(day, day.tray, None, day.birthe.pk, 2), by=world.user("planner")
    )
    # The team leader still looks at the old board and moves Inger's morning visit from Birthe to Mette.
    move = _move(day, day.morning, day.birthe.pk, day.mette.pk, 0)

    with pytest.raises(StaleVisitError):
        move_card(team=day.team, day=DAY, move=move, by=world.user("teamleader"), seen=seen)

    assert _at(day.morning) == (aware(DAY, dt.time(7, 30)), [day.birthe.pk])
    assert _at(day.tray)[1] == [day.birthe.pk]  # the first move is kept


@pytest.mark.parametrize("persona", ["carer", "visitator", "manager"])
def test_only_team_leaders_nurses_and_planners_move_cards(world: World, day: BoardDay, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        move_card(
            team=day.team, day=DAY, move=_move(day, day.tray, None, day.birthe.pk), by=world.user(persona)
        )
    assert _at(day.tray) == (None, [])


def test_on_the_day_itself_a_moved_card_is_not_planned_in_the_past(world: World, day: BoardDay) -> None:
    with freeze_time(aware(DAY, dt.time(8, 0))):
        move_card(
            team=day.team,
            day=DAY,
            move=_move(day, day.morning, day.birthe.pk, day.mette.pk, 0),
            by=world.user("teamleader"),
            seen=_seen(day),
        )

    assert _at(day.morning) == (aware(DAY, dt.time(8, 0)), [day.mette.pk])
    assert _at(day.insulin)[0] == aware(DAY, dt.time(8, 26))  # 08:25 plus a minute's drive
