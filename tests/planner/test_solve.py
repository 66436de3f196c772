# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``solve`` keeps every hard rule on tiny instances with known answers."""

from __future__ import annotations

import pytest

from naerhed.planner.check import check
from naerhed.planner.io import dump_plan
from naerhed.planner.model import Problem
from naerhed.planner.params import Progress, SolveParams
from naerhed.planner.plan import BreakStop, Plan
from naerhed.planner.solve import solve
from tests.planner.builders import carer, citizen, problem, shift, visit

FAST = SolveParams(time_limit=2.0)


def planned(p: Problem, seed: int = 0) -> Plan:
    """Solve, assert the plan is feasible, return it."""
    result = solve(p, FAST, seed=seed)
    assert check(p, result) == []
    return result


def carers_of(result: Plan, visit_id: str) -> list[str]:
    return sorted(c for c, _ in result.starts().get(visit_id, []))


def test_insulin_visit_goes_to_the_only_carer_with_insulin() -> None:
    """2 carers, 1 insulin visit, only e-b has insulin."""
    p = problem(
        carers=[carer("e-a"), carer("e-b", competences=["insulin"])],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (480, 540), 15, competences=["insulin"])],
    )
    assert carers_of(planned(p), "v1") == ["e-b"]


def test_blocked_carer_is_never_used() -> None:
    """2 carers, the citizen blocks e-a, who is also their team's only own-team carer."""
    p = problem(
        carers=[carer("e-a"), carer("e-b", team="t2")],
        citizens=[citizen("z1", "c1", blocked=["e-a"])],
        visits=[visit(f"v{d}", "z1", (480, 540), 20) for d in range(1)],
    )
    assert carers_of(planned(p), "v0") == ["e-b"]


def test_two_carer_visit_gets_two_carers_at_the_same_minute() -> None:
    """3 carers, one lifting visit for two."""
    p = problem(
        carers=[carer("e-a"), carer("e-b"), carer("e-c")],
        citizens=[citizen("z1", "c2")],
        visits=[visit("v1", "z1", (480, 600), 30, carers=2)],
    )
    starts = planned(p).starts()["v1"]
    assert len({c for c, _ in starts}) == 2 and len({s for _, s in starts}) == 1


def test_remote_visit_adds_no_travel() -> None:
    """One carer: a home visit at c3 then a screen visit; travel is out and back only."""
    p = problem(
        carers=[carer("e-a")],
        citizens=[citizen("z1", "c3"), citizen("z2", "c4")],
        visits=[visit("v1", "z1", (480, 490), 20), visit("v2", "z2", (520, 560), 15, remote=True)],
    )
    result = planned(p)
    assert result.meta["figures"]["travel_minutes"] == 60


def test_break_is_placed_inside_its_window() -> None:
    """One carer with a break 11:00-12:00 and a visit at 11:00."""
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 900, (660, 720, 30))])],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (660, 670), 30)],
    )
    stops = planned(p).routes[0].stops
    breaks = [s for s in stops if isinstance(s, BreakStop)]
    assert len(breaks) == 1 and 660 <= breaks[0].start <= 720


def test_visit_outside_every_shift_is_unassigned_with_reason() -> None:
    """The only shift ends at 15:00; the visit is at 20:00."""
    p = problem(
        carers=[carer("e-a")], citizens=[citizen("z1", "c1")], visits=[visit("v1", "z1", (1200, 1210), 20)]
    )
    result = planned(p)
    assert [(u.visit, u.reason) for u in result.unassigned] == [
        ("v1", "no eligible carer has a shift covering its window")
    ]


@pytest.mark.parametrize(
    ("competence", "blocked", "reason"),
    [
        ("wound-care", (), "no carer has the competences wound-care"),
        ("", ("e-a",), "all eligible carers are blocked"),
    ],
)
def test_unplannable_visits_name_the_reason(competence: str, blocked: tuple[str, ...], reason: str) -> None:
    """One carer; the visit needs a competence nobody has, or the citizen blocks the carer."""
    p = problem(
        carers=[carer("e-a")],
        citizens=[citizen("z1", "c1", blocked=blocked)],
        visits=[visit("v1", "z1", (480, 500), 20, competences=[competence] if competence else [])],
    )
    assert [u.reason for u in planned(p).unassigned] == [reason]


def test_priority_1_is_kept_over_priority_3_when_capacity_is_short() -> None:
    """One carer, two 50-minute visits that both must start 08:00-08:10."""
    p = problem(
        carers=[carer("e-a")],
        citizens=[citizen("z1", "c1"), citizen("z2", "c1")],
        visits=[visit("v3", "z1", (480, 490), 50, priority=3), visit("v1", "z2", (480, 490), 50, priority=1)],
    )
    result = planned(p)
    assert "v1" in result.starts()
    assert [(u.visit, u.reason) for u in result.unassigned] == [("v3", "capacity of eligible carers used up")]


def test_seven_daily_visits_of_one_citizen_go_to_one_carer() -> None:
    """Three carers work every day; the citizen has a morning visit each day."""
    week = [shift(420 + 1440 * d, 900 + 1440 * d) for d in range(7)]
    p = problem(
        carers=[carer(c, shifts=week) for c in ("e-a", "e-b", "e-c")],
        citizens=[citizen("z1", "c2"), citizen("z2", "c3")],
        visits=[
            visit(f"v{z}{d}", z, (480 + 1440 * d, 540 + 1440 * d), 30) for d in range(7) for z in ("z1", "z2")
        ],
    )
    assert planned(p).meta["distinct_carers"] == {"z1": 1, "z2": 1}


def test_after_gap_is_respected() -> None:
    """Eye drops twice, the second 5-15 minutes after the first starts."""
    p = problem(
        carers=[carer("e-a")],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (480, 600), 5), visit("v2", "z1", (480, 600), 5, after=("v1", 5, 15))],
    )
    starts = planned(p).starts()
    assert 5 <= starts["v2"][0][1] - starts["v1"][0][1] <= 15


def test_after_linked_visits_are_both_dropped_when_one_cannot_be_planned() -> None:
    """The follow-up falls outside the shift, so neither visit is planned."""
    p = problem(
        carers=[carer("e-a")],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (880, 880), 10), visit("v2", "z1", (880, 1000), 5, after=("v1", 60, 90))],
    )
    assert sorted(u.visit for u in planned(p).unassigned) == ["v1", "v2"]


def test_same_seed_gives_the_same_plan() -> None:
    """A small busy day solved twice with seed 3."""
    p = problem(
        carers=[carer("e-a"), carer("e-b", team="t2")],
        citizens=[citizen(f"z{i}", f"c{1 + i % 4}", team="t1" if i % 2 else "t2") for i in range(6)],
        visits=[visit(f"v{i}", f"z{i}", (480 + 30 * i, 600 + 30 * i), 25) for i in range(6)],
    )
    first, second = (dump_plan(solve(p, FAST, seed=3)) for _ in range(2))
    for doc in (first, second):
        doc["meta"].pop("seconds")
    assert first == second


def test_progress_is_reported() -> None:
    """The callback hears at least the final report."""
    p = problem(
        carers=[carer("e-a")], citizens=[citizen("z1", "c1")], visits=[visit("v1", "z1", (480, 540), 20)]
    )
    seen: list[Progress] = []
    solve(p, FAST, on_progress=seen.append)
    assert seen and seen[-1].unassigned == 0


def test_an_instance_without_visits_gives_an_empty_plan() -> None:
    """One carer, one citizen, nothing to do."""
    p = problem(carers=[carer("e-a")], citizens=[citizen("z1", "c1")], visits=[])
    result = planned(p)
    assert result.routes == () and result.unassigned == ()


def test_an_instance_without_carers_leaves_every_visit_unassigned() -> None:
    """A visit and nobody to do it."""
    p = problem(carers=[], citizens=[citizen("z1", "c1")], visits=[visit("v1", "z1", (480, 500), 20)])
    assert [u.reason for u in planned(p).unassigned] == ["no eligible carer has a shift covering its window"]
