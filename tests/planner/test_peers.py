# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The benchmark's peers: the blind OR-Tools model's plans are feasible; PyVRP's are labelled relaxed."""

from __future__ import annotations

import pytest

from naerhed.planner.check import check
from naerhed.planner.generate import generate
from naerhed.planner.model import Problem
from naerhed.planner.peers import ortools_blind, pyvrp_reference
from naerhed.planner.peers.retime import Draft, finish
from naerhed.planner.plan import BreakStop, Plan


@pytest.fixture(scope="module")
def tiny() -> Problem:
    """A generated week for 20 urban citizens: two teams, two-carer, remote and delegated visits."""
    return generate("urban", 20, seed=4)


@pytest.fixture(scope="module")
def blind_plan(tiny: Problem) -> Plan:
    return ortools_blind.solve(tiny, time_limit=2.0)


def test_blind_ortools_plan_passes_check(tiny: Problem, blind_plan: Plan) -> None:
    assert check(tiny, blind_plan) == []


def test_blind_ortools_plans_most_visits(tiny: Problem, blind_plan: Plan) -> None:
    assert len(blind_plan.unassigned) <= 0.1 * len(tiny.visits)


def test_blind_ortools_gives_a_reason_for_every_unassigned_visit(blind_plan: Plan) -> None:
    assert all(u.reason for u in blind_plan.unassigned)


def test_remote_visits_are_planned_in_gaps_of_the_timed_routes(tiny: Problem, blind_plan: Plan) -> None:
    remote = {v.id for v in tiny.visits if v.remote}
    planned = {s.visit for r in blind_plan.routes for s in r.visit_stops}
    assert remote and len(remote & planned) >= 0.8 * len(remote)


def test_every_route_of_a_shift_with_a_break_has_the_break(tiny: Problem, blind_plan: Plan) -> None:
    for route in blind_plan.routes:
        shift = tiny.carer_by_id[route.carer].shifts[route.shift]
        breaks = [s for s in route.stops if isinstance(s, BreakStop)]
        assert len(breaks) == (1 if shift.break_ is not None else 0)


def test_retiming_drops_a_lone_copy_of_a_two_carer_visit(tiny: Problem) -> None:
    """A peer that put only one carer on a two-carer visit gets it dropped, not a broken plan."""
    pair = next(v for v in tiny.visits if v.carers == 2)
    carer, k = next(
        (c.id, k)
        for c in tiny.carers
        for k, s in enumerate(c.shifts)
        if tiny.can_serve(c, pair) and s.start <= pair.window[0] and pair.window[1] + pair.duration <= s.end
    )
    routes, unassigned = finish(tiny, [Draft(carer, k, (pair.id,))], {pair.id: pair.window[0]}, {})
    plan = Plan(instance=tiny.name, routes=routes, unassigned=unassigned)
    assert check(tiny, plan) == []
    assert pair.id in {u.visit for u in plan.unassigned}


def test_pyvrp_reference_is_labelled_a_relaxation(tiny: Problem) -> None:
    plan = pyvrp_reference.solve(tiny, time_limit=1.0)
    assert plan.meta["relaxed"]
    assert plan.routes
