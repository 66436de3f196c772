# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The week's routing, the route-to-carer assignment and repair by ejection, on tiny instances."""

from __future__ import annotations

import time

from naerhed.planner.backends.cpsat_carers import DayRoute, assign_routes
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.evict import insert_ejecting
from naerhed.planner.explain import lower_bound_distinct_carers
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import VisitStop
from naerhed.planner.repair import Board
from naerhed.planner.retime import retime_into, retime_pair_into
from naerhed.planner.solve import solve
from naerhed.planner.weekly_routing import priority_one_left, route_week, split
from tests.planner.builders import carer, citizen, problem, shift, visit

PARAMS = SolveParams(time_limit=2.0)


def test_visits_are_split_by_day_and_team_and_night() -> None:
    """Two teams and a night carer; a 02:00 visit goes to the night model."""
    p = problem(
        carers=[carer("e-a"), carer("e-b", team="t2"), carer("e-n", shifts=[shift(1320, 1860)])],
        citizens=[citizen("z1", "c1"), citizen("z2", "c2", team="t2")],
        visits=[
            visit("v1", "z1", (480, 540), 20),
            visit("v2", "z2", (480, 540), 20),
            visit("v3", "z1", (1560, 1620), 20),
        ],
    )
    groups = {g.key: [v.id for v in g.visits] for g in split(p, Eligibility(p), p.visits)}
    assert groups == {(0, "t1"): ["v1"], (0, "t2"): ["v2"], (1, "night"): ["v3"]}


def test_a_visit_only_the_night_carer_can_take_goes_to_the_night_model() -> None:
    """A 23:00 visit (after the day shifts) of a team citizen: only the night shift covers it."""
    p = problem(
        carers=[carer("e-a"), carer("e-n", shifts=[shift(1320, 1860)])],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (1380, 1400), 20)],
    )
    assert [g.key for g in split(p, Eligibility(p), p.visits)] == [(1, "night")]


def test_routing_repeats_the_first_days_carer() -> None:
    """Two equal carers every day, one citizen with a visit each day: one carer all week."""
    week = [shift(420 + 1440 * d, 900 + 1440 * d) for d in range(7)]
    p = problem(
        carers=[carer("e-a", shifts=week), carer("e-b", shifts=week)],
        citizens=[citizen("z1", "c2")],
        visits=[visit(f"v{d}", "z1", (480 + 1440 * d, 540 + 1440 * d), 30) for d in range(7)],
    )
    routed = route_week(p, PARAMS, Eligibility(p), p.visits, deadline=time.monotonic() + 2.0)
    assert len({ref.carer for ref, seq in routed.items() if seq}) == 1
    assert sum(len(seq) for seq in routed.values()) == 7


def test_whole_route_goes_to_the_carer_the_citizen_had_the_day_before() -> None:
    """Day 0 only e-a may drive z1's route; day 1 it was routed on e-b but e-a may drive it too."""
    params = SolveParams()
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v0", "z1", (480, 540), 20), visit("v1", "z1", (1920, 1980), 20)],
    )
    a0, a1, b1 = ShiftRef(0, 0), ShiftRef(0, 1), ShiftRef(1, 1)
    routes = [
        DayRoute([("v0", 500)], a0, {a0: 20}),
        DayRoute([("v1", 1940)], b1, {b1: 20, a1: 20}),
    ]
    assert assign_routes(p, params, routes, budget=1.0) == [a0, a1]


def test_two_carer_routes_never_go_to_one_carer() -> None:
    """Both copies of a two-carer visit sit on routes that e-a could each drive."""
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 600), shift(600, 780)]), carer("e-b")],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (480, 540), 20, carers=2)],
    )
    a0, a1, b0 = ShiftRef(0, 0), ShiftRef(0, 1), ShiftRef(1, 0)
    routes = [DayRoute([("v1", 500)], a0, {a0: 20, a1: 20}), DayRoute([("v1", 500)], b0, {b0: 20, a1: 20})]
    chosen = assign_routes(p, SolveParams(), routes, budget=1.0)
    assert len({ref.carer for ref in chosen}) == 2


def test_priority_1_visit_ejects_a_priority_3_visit() -> None:
    """One carer is full with a priority-3 visit at the only time a priority-1 visit can start."""
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 600)])],
        citizens=[citizen("z1", "c1"), citizen("z2", "c1")],
        visits=[visit("v3", "z1", (480, 490), 60, priority=3), visit("v1", "z2", (480, 490), 60, priority=1)],
    )
    board = Board(p, SolveParams(), {ShiftRef(0, 0): (VisitStop("v3", 480),)})
    elig = Eligibility(p)
    out = insert_ejecting(p, board, [p.visit_by_id["v1"]], elig.shifts, deadline=time.monotonic() + 5)
    assert out == "v3"
    assert [s.visit for s in board.stops[ShiftRef(0, 0)] if isinstance(s, VisitStop)] == ["v1"]


def test_equal_priority_visit_is_not_ejected_for_nothing() -> None:
    """As above, but both visits have priority 1: the board stays as it was."""
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 600)])],
        citizens=[citizen("z1", "c1"), citizen("z2", "c1")],
        visits=[visit("v3", "z1", (480, 490), 60, priority=1), visit("v1", "z2", (480, 490), 60, priority=1)],
    )
    before = {ShiftRef(0, 0): (VisitStop("v3", 480),)}
    board = Board(p, SolveParams(), before)
    elig = Eligibility(p)
    assert (
        insert_ejecting(p, board, [p.visit_by_id["v1"]], elig.shifts, deadline=time.monotonic() + 5) is False
    )
    assert board.stops == before


def test_ejected_visit_moves_to_another_carer_when_it_can() -> None:
    """e-a holds v2, which e-b could also take; v1 fits only with e-a (competence): both planned."""
    p = problem(
        carers=[carer("e-a", competences=["insulin"], shifts=[shift(420, 600)]), carer("e-b")],
        citizens=[citizen("z1", "c1"), citizen("z2", "c1")],
        visits=[
            visit("v2", "z1", (480, 490), 60, priority=1),
            visit("v1", "z2", (480, 490), 60, priority=1, competences=["insulin"]),
        ],
    )
    board = Board(p, SolveParams(), {ShiftRef(0, 0): (VisitStop("v2", 480),)})
    elig = Eligibility(p)
    assert (
        insert_ejecting(p, board, [p.visit_by_id["v1"]], elig.shifts, deadline=time.monotonic() + 5) is None
    )
    assert set(board.start) == {"v1", "v2"}


def test_remote_visit_stays_with_the_citizens_carer_by_retiming() -> None:
    """e-a's home visit sits where the screen visit must go; moving it 30 minutes makes room."""
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 600)]), carer("e-b", shifts=[shift(420, 600)])],
        citizens=[citizen("z1", "c1")],
        visits=[
            visit("v1", "z1", (450, 560), 30),
            visit("v2", "z1", (480, 510), 20, remote=True),
        ],
    )
    result = solve(p, PARAMS)
    assert {c for c, _ in result.starts()["v1"]} == {c for c, _ in result.starts()["v2"]}


def test_lower_bound_never_below_the_carers_one_visit_needs() -> None:
    """A two-carer visit alone needs two carers."""
    p = problem(
        carers=[carer("e-a"), carer("e-b"), carer("e-c")],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (480, 540), 20, carers=2)],
    )
    assert lower_bound_distinct_carers(p, Eligibility(p), ["v1"]) == 2


def test_two_carer_visit_gets_room_by_retiming_two_shifts() -> None:
    """e-a and e-b each have a visit at 08:00 that may wait; a lift must start 08:00-08:10."""
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 660)]), carer("e-b", shifts=[shift(420, 660)])],
        citizens=[citizen("z1", "c1"), citizen("z2", "c1"), citizen("z3", "c1")],
        visits=[
            visit("v1", "z1", (480, 600), 30),
            visit("v2", "z2", (480, 600), 30),
            visit("v3", "z3", (480, 490), 30, carers=2),
        ],
    )
    a, b = ShiftRef(0, 0), ShiftRef(1, 0)
    board = Board(p, SolveParams(), {a: (VisitStop("v1", 490),), b: (VisitStop("v2", 490),)})
    assert retime_pair_into(p, board, p.visit_by_id["v3"], [a, b], 0, pairs=1)
    assert set(board.start) == {"v1", "v2", "v3"}
    assert board.start["v3"] <= 490


def test_no_pair_of_shifts_is_retimed_once_the_deadline_has_passed() -> None:
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 660)]), carer("e-b", shifts=[shift(420, 660)])],
        citizens=[citizen("z1", "c1"), citizen("z3", "c1")],
        visits=[visit("v1", "z1", (480, 600), 30), visit("v3", "z3", (480, 490), 30, carers=2)],
    )
    a, b = ShiftRef(0, 0), ShiftRef(1, 0)
    board = Board(p, SolveParams(), {a: (VisitStop("v1", 490),)})

    placed = retime_pair_into(
        p, board, p.visit_by_id["v3"], [a, b], 0, pairs=5, deadline=time.monotonic() - 1
    )

    assert not placed
    assert set(board.start) == {"v1"}


def test_a_priority_one_home_visit_missing_from_the_routes_is_noticed() -> None:
    home, remote = visit("v1", "z1", (480, 600), 30), visit("v2", "z1", (480, 600), 10, remote=True)
    low = visit("v3", "z1", (480, 600), 10, priority=2)
    routes = {ShiftRef(0, 0): [("v3", 480)]}

    assert priority_one_left([home, remote, low], routes)
    assert not priority_one_left([remote, low], routes)


def test_retiming_keeps_a_two_carer_copy_where_it_is() -> None:
    """e-a's shift holds one copy of a lift (the other is e-b's); a screen visit still gets in."""
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 660)]), carer("e-b", shifts=[shift(420, 660)])],
        citizens=[citizen("z1", "c1"), citizen("z2", "c1")],
        visits=[
            visit("v1", "z1", (480, 490), 30, carers=2),
            visit("v2", "z2", (520, 600), 30),
            visit("v3", "z2", (520, 530), 20, remote=True),
        ],
    )
    a, b = ShiftRef(0, 0), ShiftRef(1, 0)
    board = Board(
        p, SolveParams(), {a: (VisitStop("v1", 480), VisitStop("v2", 520)), b: (VisitStop("v1", 480),)}
    )
    assert retime_into(p, board, p.visit_by_id["v3"], [a], 0, 0)
    assert board.start["v1"] == 480 and "v3" in board.start
