# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``optimise_rest`` fills in and tidies the rest of a day; ``place_visit`` moves one visit by hand."""

from __future__ import annotations

from naerhed.planner.check import check
from naerhed.planner.events import Absence
from naerhed.planner.model import Problem
from naerhed.planner.plan import Plan
from naerhed.planner.rest_of_day import LEFT_UNPLANNED, optimise_rest, place_visit, plan_changes
from tests.planner.builders import at, carer, citizen, plan, problem, route, visit


def two_carers_one_far_citizen() -> tuple[Problem, Plan]:
    """Carers a and b; Inger at c4 (40 minutes out) has v1 at 08:00 with a and v2 at 09:00 with b;
    Poul at c1 has v3 at 08:00 with b; v4 (Poul, 10:00–12:00) is unplanned."""
    p = problem(
        carers=[carer("a"), carer("b")],
        citizens=[citizen("inger", "c4"), citizen("poul", "c1")],
        visits=[
            visit("v1", "inger", (480, 480), 30),
            visit("v2", "inger", (540, 600), 30),
            visit("v3", "poul", (480, 500), 20),
            visit("v4", "poul", (600, 720), 20),
        ],
    )
    return p, plan(route("a", at("v1", 480)), route("b", at("v3", 480), at("v2", 540)), unassigned=["v4"])


def test_an_unplanned_visit_is_inserted_from_now_on() -> None:
    p, pl = two_carers_one_far_citizen()
    result = optimise_rest(p, pl, now=560)
    assert check(p, result.plan) == []
    starts = result.plan.starts()
    assert starts["v4"][0][1] >= 600
    assert ("v4", "added") in {(c.visit, c.kind) for c in result.changes}


def test_a_visit_whose_window_is_over_stays_unplanned() -> None:
    p, pl = two_carers_one_far_citizen()
    result = optimise_rest(p, pl, now=730)
    assert "v4" not in result.plan.starts()
    assert result.changes == []


def test_an_absent_carer_gets_nothing() -> None:
    p, pl = two_carers_one_far_citizen()
    result = optimise_rest(p, pl, now=560, absences=[Absence("b", 560, 900), Absence("a", 560, 900)])
    assert "v4" not in result.plan.starts()


def test_a_visit_moves_to_a_carer_the_citizen_has_when_it_saves_travel() -> None:
    p, pl = two_carers_one_far_citizen()
    result = optimise_rest(p, pl, now=500)
    assert result.plan.starts()["v2"][0][0] == "a"
    assert ("v2", "carer_changed") in {(c.visit, c.kind) for c in result.changes}
    assert check(p, result.plan) == []


def test_started_visits_and_visits_before_now_never_move() -> None:
    p, pl = two_carers_one_far_citizen()
    frozen = optimise_rest(p, pl, now=500, frozen={"v2"})
    late = optimise_rest(p, pl, now=545)
    assert frozen.plan.starts()["v2"] == [("b", 540)]
    assert late.plan.starts()["v2"] == [("b", 540)]


def test_placing_a_visit_on_a_shift_with_room_gives_a_feasible_plan() -> None:
    p, pl = two_carers_one_far_citizen()
    moved = place_visit(p, pl, "v4", ("a", 0))
    assert moved is not None and check(p, moved) == []
    assert moved.starts()["v4"][0][0] == "a"
    assert [(c.visit, c.kind) for c in plan_changes(pl, moved)] == [("v4", "added")]


def test_placing_a_visit_where_it_cannot_fit_gives_none_and_unplanned_keeps_a_reason() -> None:
    p, pl = two_carers_one_far_citizen()
    assert place_visit(p, pl, "v1", ("b", 0)) is None  # b is with Poul at 08:00, v1 must start at 08:00
    left = place_visit(p, pl, "v2", None)
    assert left is not None and check(p, left) == []
    assert {u.visit: u.reason for u in left.unassigned}["v2"] == LEFT_UNPLANNED
    assert [(c.visit, c.kind) for c in plan_changes(pl, left)] == [("v2", "unassigned")]
