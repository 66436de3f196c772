# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``replan`` keeps the plan feasible after events and changes as little as it can."""

from __future__ import annotations

import pytest

from naerhed.planner.check import check
from naerhed.planner.events import Absence, VisitAdded, VisitCancelled, VisitMoved
from naerhed.planner.model import Problem
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Plan
from naerhed.planner.replan import load_events, replan
from naerhed.planner.schema import FormatError
from naerhed.planner.solve import solve
from tests.planner.builders import at, carer, citizen, plan, problem, route, visit

FAST = SolveParams(time_limit=2.0)


def morning() -> tuple[Problem, Plan]:
    """Three carers, three citizens with preferred carers, two visits each on day 0."""
    p = problem(
        carers=[carer("e-a"), carer("e-b"), carer("e-c")],
        citizens=[citizen(f"z{i}", f"c{i}", preferred=[f"e-{'abc'[i - 1]}"]) for i in range(1, 4)],
        visits=[
            visit(f"v{i}{k}", f"z{i}", (480 + 240 * k, 540 + 240 * k), 30)
            for i in range(1, 4)
            for k in range(2)
        ],
    )
    return p, solve(p, FAST)


def test_sick_carer_loses_every_visit_after_the_call() -> None:
    p, pl = morning()
    sick = pl.routes[0].carer
    result = replan(p, pl, [Absence(sick, 420, 900)])
    assert check(result.problem, result.plan) == []
    assert all(r.carer != sick for r in result.plan.routes)
    assert {c.kind for c in result.changes} <= {"carer_changed", "unassigned"}


def test_visits_before_the_event_time_never_change() -> None:
    p, pl = morning()
    sick = pl.routes[0].carer
    result = replan(p, pl, [Absence(sick, 600, 900)])
    before = {v: s for v, s in pl.starts().items() if s[0][1] < 600}
    after = result.plan.starts()
    assert all(after[v] == s for v, s in before.items())
    assert check(result.problem, result.plan) == []


def test_unaffected_visits_keep_carer_and_time() -> None:
    p, pl = morning()
    result = replan(p, pl, [VisitCancelled("v11")])
    assert [(c.visit, c.kind) for c in result.changes] == [("v11", "cancelled")]
    assert check(result.problem, result.plan) == []


def test_added_visit_is_planned_into_spare_capacity() -> None:
    p, pl = morning()
    new = visit("v99", "z2", (600, 660), 20)
    result = replan(p, pl, [VisitAdded(new)])
    assert [(c.visit, c.kind) for c in result.changes] == [("v99", "added")]
    assert check(result.problem, result.plan) == []


def test_moved_visit_is_retimed_into_its_new_window() -> None:
    p, pl = morning()
    result = replan(p, pl, [VisitMoved("v10", (780, 800))])
    start = result.plan.starts()["v10"][0][1]
    assert 780 <= start <= 800
    assert check(result.problem, result.plan) == []


def test_load_events_names_the_bad_field() -> None:
    p, _ = morning()
    data: list[dict[str, object]] = [
        {"type": "absence", "carer": "e-a", "shift": 0},
        {"type": "cancelled", "visit": "v11"},
        {"type": "absence", "carer": "x", "from": 1, "to": 2},
    ]
    with pytest.raises(FormatError, match=r"events\[2\]\.carer: unknown carer 'x'"):
        load_events(data, p)
    events = load_events(data[:2], p)
    assert events == [Absence("e-a", shift=0), VisitCancelled("v11")]


def test_a_later_visit_is_retimed_to_make_room_for_a_sick_carers_visit() -> None:
    """v1 must start at 08:00; e-b's v2 (same place) may move within 08:00-10:00."""
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c1"), citizen("z2", "c1")],
        visits=[visit("v1", "z1", (480, 480), 30), visit("v2", "z2", (480, 600), 60)],
    )
    pl = plan(route("e-a", at("v1", 480)), route("e-b", at("v2", 480)))
    result = replan(p, pl, [Absence("e-a", 420, 900)])
    assert check(result.problem, result.plan) == []
    assert result.plan.starts()["v1"] == [("e-b", 480)]
    assert {(c.visit, c.kind) for c in result.changes} == {("v1", "carer_changed"), ("v2", "time_changed")}
