# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Lower bounds on distinct carers are true bounds, and tight where shifts force them."""

from __future__ import annotations

from naerhed.planner.eligibility import Eligibility
from naerhed.planner.explain import lower_bound_distinct_carers, unplannable
from naerhed.planner.params import SolveParams
from naerhed.planner.solve import solve
from tests.planner.builders import carer, citizen, problem, shift, visit


def test_shifts_on_different_days_force_two_carers() -> None:
    """e-a works Monday only and e-b Tuesday only; the citizen has a visit each day."""
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 900)]), carer("e-b", shifts=[shift(1860, 2340)])],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (480, 540), 20), visit("v2", "z1", (1920, 1980), 20)],
    )
    result = solve(p, SolveParams(time_limit=2.0))
    assert result.meta["lower_bound_distinct_carers"] == {"z1": 2}
    assert result.meta["distinct_carers"] == {"z1": 2}


def test_clashing_visits_of_one_citizen_need_two_carers() -> None:
    """Two 30-minute visits that must both start at 08:00."""
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (480, 480), 30), visit("v2", "z1", (480, 480), 30)],
    )
    assert lower_bound_distinct_carers(p, Eligibility(p), ["v1", "v2"]) == 2


def test_a_two_carer_visit_needs_two_carers() -> None:
    """One lifting visit for two."""
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (480, 540), 30, carers=2)],
    )
    assert lower_bound_distinct_carers(p, Eligibility(p), ["v1"]) == 2


def test_lower_bound_never_exceeds_the_plan() -> None:
    """A week of 3 carers with mixed competences and 3 citizens."""
    week = [shift(420 + 1440 * d, 900 + 1440 * d) for d in range(0, 7, 2)]
    other = [shift(420 + 1440 * d, 900 + 1440 * d) for d in range(1, 7, 2)]
    p = problem(
        carers=[
            carer("e-a", shifts=week, competences=["insulin"]),
            carer("e-b", shifts=other),
            carer("e-c", shifts=sorted(week + other, key=lambda s: s.start)),
        ],
        citizens=[citizen(f"z{i}", f"c{i}") for i in range(1, 4)],
        visits=[
            visit(
                f"v{i}{d}",
                f"z{i}",
                (480 + 1440 * d, 560 + 1440 * d),
                20,
                competences=["insulin"] if i == 1 else [],
            )
            for d in range(7)
            for i in range(1, 4)
        ],
    )
    result = solve(p, SolveParams(time_limit=2.0))
    bounds, actual = result.meta["lower_bound_distinct_carers"], result.meta["distinct_carers"]
    assert set(bounds) == set(actual)
    assert all(bounds[z] <= actual[z] for z in bounds)


def test_a_follow_up_of_an_unplannable_visit_is_unplannable_too() -> None:
    """v1 needs wound care nobody has; v2 must follow it."""
    p = problem(
        carers=[carer("e-a")],
        citizens=[citizen("z1", "c1")],
        visits=[
            visit("v1", "z1", (480, 500), 20, competences=["wound-care"]),
            visit("v2", "z1", (480, 600), 5, after=("v1", 10, 30)),
        ],
    )
    reasons = unplannable(p, Eligibility(p))
    assert reasons["v1"] == "no carer has the competences wound-care"
    assert reasons["v2"].startswith("it must follow visit v1")
