# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``move_visit`` moves one card of the T-card board and re-times the routes it touches."""

from __future__ import annotations

import pytest

from naerhed.planner.check import Rule, check
from naerhed.planner.model import Problem
from naerhed.planner.moves import MOVED_TO_TRAY, Move, MoveError, move_visit, new_violations
from naerhed.planner.plan import BreakStop, Plan
from tests.planner.builders import at, carer, citizen, pause, plan, problem, route, shift, visit

BREAK = (660, 750, 30)


def day() -> tuple[Problem, Plan]:
    """e-a visits z1 (c1) at 08:00 and z2 (c2) at 09:00; e-b visits z3 (c3) at 08:00 and has insulin;
    z4 (c4) needs insulin and is unassigned; both shifts 07:00-15:00 with a 30-minute break 11:00-12:30."""
    p = problem(
        carers=[
            carer("e-a", shifts=[shift(420, 900, BREAK)]),
            carer("e-b", competences=["insulin"], shifts=[shift(420, 900, BREAK)]),
        ],
        citizens=[citizen("z1", "c1"), citizen("z2", "c2"), citizen("z3", "c3"), citizen("z4", "c4")],
        visits=[
            visit("v1", "z1", (480, 540), 30),
            visit("v2", "z2", (540, 600), 30),
            visit("v3", "z3", (480, 540), 30),
            visit("v4", "z4", (450, 600), 20, competences=["insulin"]),
        ],
    )
    pl = plan(
        route("e-a", at("v1", 480), at("v2", 540), pause(660, 30)),
        route("e-b", at("v3", 480), pause(660, 30)),
        unassigned=["v4"],
    )
    assert check(p, pl) == []
    return p, pl


def _starts(pl: Plan) -> dict[str, list[tuple[str, int]]]:
    return pl.starts()


def test_moving_a_card_to_another_carer_re_times_it_after_the_travel() -> None:
    p, pl = day()
    result = move_visit(p, pl, Move("v2", "e-a", "e-b", position=1))
    assert _starts(result.plan)["v2"] == [("e-b", 540)]
    assert check(p, result.plan) == []
    assert set(result.routes) == {("e-a", 0), ("e-b", 0)}


def test_other_cards_keep_their_times_when_they_can() -> None:
    p, pl = day()
    result = move_visit(p, pl, Move("v2", "e-a", "e-b", position=1))
    assert _starts(result.plan)["v3"] == [("e-b", 480)] and _starts(result.plan)["v1"] == [("e-a", 480)]


def test_a_card_put_first_pushes_the_later_cards_as_little_as_needed() -> None:
    p, pl = day()
    result = move_visit(p, pl, Move("v2", "e-a", "e-b", position=0))
    # v2 waits for its window (09:00); v3 follows 10 minutes' drive after it ends at 09:30.
    assert _starts(result.plan)["v2"] == [("e-b", 540)] and _starts(result.plan)["v3"] == [("e-b", 580)]
    assert [v.rule for v in new_violations(p, pl, result.plan)] == [Rule.WINDOW]


def test_the_unassigned_visit_can_go_to_a_carer_with_the_competence() -> None:
    p, pl = day()
    result = move_visit(p, pl, Move("v4", None, "e-b", position=0))
    assert _starts(result.plan)["v4"] == [("e-b", 460)] and result.plan.unassigned == ()
    assert new_violations(p, pl, result.plan) == []


def test_a_carer_without_the_competence_breaks_the_competence_rule() -> None:
    p, pl = day()
    result = move_visit(p, pl, Move("v4", None, "e-a", position=2))
    assert [(v.rule, v.carer) for v in new_violations(p, pl, result.plan)] == [(Rule.COMPETENCE, "e-a")]


def test_moving_to_the_tray_unassigns_the_visit() -> None:
    p, pl = day()
    result = move_visit(p, pl, Move("v1", "e-a", None))
    assert "v1" not in _starts(result.plan)
    assert any(u.visit == "v1" and u.reason == MOVED_TO_TRAY for u in result.plan.unassigned)
    assert check(p, result.plan) == []


def test_reordering_within_a_route_re_times_it() -> None:
    p, pl = day()
    result = move_visit(p, pl, Move("v2", "e-a", "e-a", position=0))
    assert [s.visit for s in result.plan.routes[0].visit_stops] == ["v2", "v1"]
    assert new_violations(p, pl, result.plan) != []  # v1 can no longer start by 09:00


def test_the_break_moves_where_the_route_breaks_no_rule() -> None:
    """e-a gets three long visits: the break must sit between them, inside its window."""
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 900, BREAK)])],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (600, 700), 60), visit("v2", "z1", (700, 760), 60)],
    )
    pl = plan(route("e-a", at("v1", 600), pause(690, 30)), unassigned=["v2"])
    result = move_visit(p, pl, Move("v2", None, "e-a", position=1))
    stops = result.plan.routes[0].stops
    assert isinstance(stops[1], BreakStop) and 660 <= stops[1].start <= 750
    assert check(p, result.plan) == []


def test_a_two_carer_visit_from_the_tray_goes_to_both_carers_at_the_same_minute() -> None:
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c1"), citizen("z2", "c3")],
        visits=[visit("v1", "z1", (480, 600), 30, carers=2), visit("v2", "z2", (480, 480), 30)],
    )
    pl = plan(route("e-b", at("v2", 480)), unassigned=["v1"])
    result = move_visit(p, pl, Move("v1", None, "e-a", partner=("e-b", 0)))
    copies = result.plan.starts()["v1"]
    assert sorted(c for c, _ in copies) == ["e-a", "e-b"] and len({s for _, s in copies}) == 1
    assert check(p, result.plan) == []


def test_both_copies_with_one_carer_is_a_broken_rule() -> None:
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (480, 600), 30, carers=2)],
    )
    pl = plan(route("e-a", at("v1", 480)), route("e-b", at("v1", 480)))
    result = move_visit(p, pl, Move("v1", "e-b", "e-a", position=1))
    assert Rule.TWO_CARER_SAME_CARER in {v.rule for v in new_violations(p, pl, result.plan)}


@pytest.mark.parametrize(
    "move",
    [
        Move("nope", "e-a", "e-b"),
        Move("v1", "e-b", "e-a"),
        Move("v1", "e-a", "e-x"),
        Move("v1", "e-a", "e-b", 3),
    ],
)
def test_a_move_that_names_nothing_real_is_an_error(move: Move) -> None:
    p, pl = day()
    with pytest.raises(MoveError):
        move_visit(p, pl, move)


def test_a_moved_visit_never_starts_before_not_before() -> None:
    """At 08:30 on the day, v1 (window 08:00-09:00) moved to e-b cannot be planned for 08:00."""
    p, pl = day()
    result = move_visit(p, pl, Move("v1", "e-a", "e-b", position=0, not_before=510))
    assert _starts(result.plan)["v1"] == [("e-b", 510)]
