# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Lateness (``late_allowed``) and start gaps (``after``) through the engine, on tiny instances.

Places are on the builders' line: ``office``, ``c1`` … ``c4``, 10 minutes apart by car.
"""

from __future__ import annotations

import time

import pytest

from naerhed.planner.check import Rule, check, figures
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.lns import cost, improve_routes
from naerhed.planner.model import Problem
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Plan, VisitStop
from naerhed.planner.solve import has_continuity, solve
from tests.planner.builders import at, carer, citizen, plan, problem, route, visit

FAST = SolveParams(time_limit=2.0)


def planned(p: Problem, params: SolveParams = FAST) -> Plan:
    result = solve(p, params)
    assert check(p, result) == []
    return result


def start_of(result: Plan, visit_id: str) -> int:
    return result.starts()[visit_id][0][1]


def one_carer_two_visits(late_allowed: int) -> Problem:
    """1 carer; a visit at c1 08:00–09:00, and one at c1 due 08:20 that can start at 09:00 at
    the earliest (40 minutes late); it may be ``late_allowed`` minutes late."""
    return problem(
        carers=[carer("e-a")],
        citizens=[citizen("z1", "c1"), citizen("z2", "c1")],
        visits=[
            visit("v1", "z1", (480, 480), 60),
            visit("v2", "z2", (500, 500), 10, late_allowed=late_allowed),
        ],
    )


def test_a_late_visit_starts_as_early_as_it_can_and_its_lateness_is_counted() -> None:
    result = planned(one_carer_two_visits(late_allowed=60))
    assert start_of(result, "v2") == 540
    numbers = figures(one_carer_two_visits(60), result)
    assert (numbers.late_minutes, numbers.max_late) == (40, 40)
    assert (result.meta["figures"]["late_minutes"], result.meta["figures"]["max_late"]) == (40, 40)


def test_a_visit_is_never_later_than_late_allowed() -> None:
    result = planned(one_carer_two_visits(late_allowed=20))
    assert [u.visit for u in result.unassigned] == ["v2"]


def test_check_rejects_a_start_beyond_late_allowed() -> None:
    p = one_carer_two_visits(late_allowed=20)
    broken = plan(route("e-a", at("v1", 480), at("v2", 545)))
    assert [v.rule for v in check(p, broken)] == [Rule.LATE_BEYOND_ALLOWED]


def detour_or_late() -> Problem:
    """2 carers at the office; a visit at c3 08:00–09:00 and one at c3 due 08:30 (10 minutes).
    One carer does both, the second 30 minutes late, or the other drives 60 minutes more."""
    return problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c3"), citizen("z2", "c3")],
        visits=[
            visit("v1", "z1", (480, 480), 60),
            visit("v2", "z2", (510, 510), 10, late_allowed=120),
        ],
    )


def test_lateness_priced_above_travel_is_worth_a_detour() -> None:
    """Default weights: 30 late minutes cost 4 + 4 per minute (240), the detour 2 × 60 (120)."""
    result = planned(detour_or_late())
    assert start_of(result, "v2") == 510
    assert {c for v in ("v1", "v2") for c, _ in result.starts()[v]} == {"e-a", "e-b"}


def test_lateness_priced_below_travel_is_not_worth_a_detour() -> None:
    """1 per late minute and nothing for the largest: 30 late minutes (30) beat the detour (120)."""
    cheap = SolveParams(time_limit=2.0, late_per_minute=1, max_late_per_minute=0)
    result = planned(detour_or_late(), cheap)
    assert start_of(result, "v2") == 540


def test_after_gap_with_lateness_takes_the_least_lateness() -> None:
    """1 carer; v2 must start 30–40 minutes after v1 (08:00, 20 minutes) and is due 08:20 at
    the latest, late up to 60: the best is 08:30, 10 minutes late."""
    p = problem(
        carers=[carer("e-a")],
        citizens=[citizen("z1", "c1")],
        visits=[
            visit("v1", "z1", (480, 480), 20),
            visit("v2", "z1", (480, 500), 10, late_allowed=60, after=("v1", 30, 40)),
        ],
    )
    result = planned(p)
    assert (start_of(result, "v1"), start_of(result, "v2")) == (480, 510)


def test_synchronised_pair_of_visits_goes_to_two_carers_at_one_minute() -> None:
    """2 carers with different competences; s2 must start exactly when s1 does (gap 0–0)."""
    p = problem(
        carers=[carer("e-a", competences=["s1"]), carer("e-b", competences=["s2"])],
        citizens=[citizen("z1", "c2")],
        visits=[
            visit("v1", "z1", (500, 520), 30, competences=["s1"], late_allowed=30),
            visit("v2", "z1", (500, 520), 30, competences=["s2"], late_allowed=30, after=("v1", 0, 0)),
        ],
    )
    result = planned(p)
    assert start_of(result, "v1") == start_of(result, "v2") == 500


def test_a_single_day_without_continuity_weights_has_no_continuity_aspect() -> None:
    assert not has_continuity(detour_or_late(), FAST)
    week = problem(
        carers=[carer("e-a")],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (480, 540), 10), visit("v2", "z1", (1920, 1980), 10)],
    )
    assert has_continuity(week, FAST)
    assert not has_continuity(
        week, SolveParams(carer_per_citizen=0, other_team=0, not_preferred=0, not_key_person=0)
    )


def test_neighbourhood_search_moves_a_late_visit_to_an_idle_carer() -> None:
    """The start has e-a do both visits of :func:`detour_or_late` (30 minutes late); one
    CP-SAT step over both shifts finds the detour, which the default weights prefer."""
    p = detour_or_late()
    start = {ShiftRef(0, 0): (VisitStop("v1", 480), VisitStop("v2", 540))}
    better, left = improve_routes(
        p, FAST, Eligibility(p), start, set(), seed=0, deadline=time.monotonic() + 2.0
    )
    assert left == set()
    assert cost(p, FAST, better, 0) < cost(p, FAST, start, 0)
    assert {st.start for stops in better.values() for st in stops if isinstance(st, VisitStop)} == {480, 510}


@pytest.mark.parametrize("dropped", [True, False])
def test_neighbourhood_search_plans_a_dropped_visit_where_it_fits(dropped: bool) -> None:
    """``detour_or_late`` with v2 left out at the start: the search plans it (or keeps it)."""
    p = detour_or_late()
    start = {ShiftRef(0, 0): (VisitStop("v1", 480),)}
    if not dropped:
        start = {ShiftRef(0, 0): (VisitStop("v1", 480),), ShiftRef(1, 0): (VisitStop("v2", 510),)}
    better, left = improve_routes(
        p, FAST, Eligibility(p), start, {"v2"} if dropped else set(), seed=0, deadline=time.monotonic() + 2.0
    )
    assert left == set()
    assert sorted(st.visit for stops in better.values() for st in stops if isinstance(st, VisitStop)) == [
        "v1",
        "v2",
    ]
