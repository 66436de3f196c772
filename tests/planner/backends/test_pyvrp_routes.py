# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""PyVRP routing with pinned ties (:mod:`naerhed.planner.backends.pyvrp_routes`) on tiny instances.

Places are on the builders' line: ``office``, ``c1`` … ``c4``, 10 minutes apart by car.
"""

from __future__ import annotations

from naerhed.planner.backends.ortools_routing import Routed
from naerhed.planner.backends.pyvrp_routes import route_days
from naerhed.planner.check import check
from naerhed.planner.eligibility import Eligibility
from naerhed.planner.model import Problem
from naerhed.planner.params import SolveParams
from naerhed.planner.solve import solve
from tests.planner.builders import carer, citizen, problem, shift, visit


def candidates(p: Problem) -> list[Routed]:
    return route_days(p, Eligibility(p), p.visits, seconds=2.0, seed=0)


def routed(p: Problem) -> Routed:
    """The pinned candidate."""
    return candidates(p)[0]


def starts(p: Problem, found: Routed) -> dict[str, list[tuple[str, int]]]:
    """Per visit id, (carer id, start) of every copy."""
    out: dict[str, list[tuple[str, int]]] = {}
    for ref, seq in found.items():
        for vid, t in seq:
            out.setdefault(vid, []).append((p.carers[ref.carer].id, t))
    return out


def two_carers_and_a_gap() -> Problem:
    """3 carers; a two-carer visit at c2 (08:00–09:00), and at c3 a visit of competence s1
    followed 30–40 minutes after its start by one of competence s2; only e-a has s1, only e-c has s2."""
    return problem(
        carers=[carer("e-a", competences=["s1"]), carer("e-b"), carer("e-c", competences=["s2"])],
        citizens=[citizen("z1", "c2"), citizen("z2", "c3")],
        visits=[
            visit("lift", "z1", (480, 540), 30, carers=2),
            visit("first", "z2", (480, 600), 20, competences=["s1"]),
            visit("second", "z2", (480, 660), 20, competences=["s2"], after=("first", 30, 40)),
        ],
    )


def test_a_two_carer_visit_is_pinned_to_one_minute_on_two_carers() -> None:
    found = starts(two_carers_and_a_gap(), routed(two_carers_and_a_gap()))
    (a, ta), (b, tb) = found["lift"]
    assert a != b and ta == tb and 480 <= ta <= 540


def test_a_gap_pair_keeps_its_gap() -> None:
    found = starts(two_carers_and_a_gap(), routed(two_carers_and_a_gap()))
    [(_, first)], [(_, second)] = found["first"], found["second"]
    assert 30 <= second - first <= 40


def test_competences_decide_the_carer() -> None:
    found = starts(two_carers_and_a_gap(), routed(two_carers_and_a_gap()))
    assert [c for c, _ in found["first"]] == ["e-a"] and [c for c, _ in found["second"]] == ["e-c"]


def test_every_candidate_keeps_the_ties() -> None:
    p = two_carers_and_a_gap()
    for found in map(lambda r: starts(p, r), candidates(p)):
        (a, ta), (b, tb) = found["lift"]
        assert a != b and ta == tb
        assert 30 <= found["second"][0][1] - found["first"][0][1] <= 40


def test_the_same_seed_gives_the_same_routes() -> None:
    p = two_carers_and_a_gap()
    assert candidates(p) == candidates(p)


def test_a_day_with_breaks_and_ties_solves_to_a_plan_that_passes_check() -> None:
    """A single day (so the routing-first path with PyVRP) with breaks, a two-carer visit,
    a synchronised pair (gap 0–0) and competences."""
    brk = (690, 780, 30)
    p = problem(
        carers=[
            carer("e-a", competences=["s1"], shifts=[shift(420, 900, brk)]),
            carer("e-b", shifts=[shift(420, 900, brk)]),
            carer("e-c", competences=["s2"], shifts=[shift(420, 900, brk)]),
        ],
        citizens=[citizen(f"z{k}", f"c{k}") for k in range(1, 5)],
        visits=[
            visit("lift", "z1", (480, 540), 30, carers=2),
            visit("s1", "z2", (500, 560), 20, competences=["s1"]),
            visit("s2", "z2", (500, 560), 20, competences=["s2"], after=("s1", 0, 0)),
            visit("noon", "z3", (700, 760), 30),
            visit("late", "z4", (800, 820), 15, late_allowed=30),
        ],
    )
    result = solve(p, SolveParams(time_limit=3.0))
    assert check(p, result) == []
    assert not result.unassigned
    (_, a), (_, b) = result.starts()["lift"]
    assert a == b
