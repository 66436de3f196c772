# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every plan ``solve`` returns on random small instances passes ``check``."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naerhed.planner.check import check
from naerhed.planner.model import Problem
from naerhed.planner.params import SolveParams
from naerhed.planner.solve import solve
from tests.planner.builders import carer, citizen, problem, shift, visit

SKILLS = ("insulin", "lifting")


@st.composite
def instances(draw: st.DrawFn) -> Problem:
    """Two days, 2-3 carers with random shifts, breaks and skills, 2-4 citizens, up to 8 visits
    with random windows, two-carer, remote, priority and ``after`` options."""
    carers = []
    for k in range(draw(st.integers(2, 3))):
        shifts = []
        for day in range(2):
            if draw(st.booleans()):
                start = 1440 * day + draw(st.sampled_from([420, 480, 600]))
                brk = (start + 180, start + 240, 30) if draw(st.booleans()) else None
                shifts.append(shift(start, start + 360, brk))
        skills = draw(st.lists(st.sampled_from(SKILLS), unique=True, max_size=2))
        carers.append(
            carer(
                f"e-{k}",
                team=f"t{1 + k % 2}",
                competences=skills,
                shifts=shifts,
                transport=draw(st.sampled_from(["car", "bike"])),
            )
        )
    n_citizens = draw(st.integers(2, 4))
    citizens = [
        citizen(f"z{i}", f"c{1 + i}", blocked=["e-0"] if draw(st.booleans()) and i == 0 else [])
        for i in range(n_citizens)
    ]
    visits = []
    for i in range(draw(st.integers(1, 8))):
        day, start = draw(st.integers(0, 1)), draw(st.integers(420, 900))
        width, needs = (
            draw(st.sampled_from([0, 30, 120])),
            draw(st.lists(st.sampled_from(SKILLS), max_size=1)),
        )
        after = ("v0", 10, 40) if i > 0 and draw(st.integers(0, 4)) == 0 else None
        visits.append(
            visit(
                f"v{i}",
                f"z{draw(st.integers(0, n_citizens - 1))}",
                (1440 * day + start, 1440 * day + start + width),
                draw(st.sampled_from([10, 30, 60])),
                competences=needs,
                carers=draw(st.sampled_from([1, 1, 2])),
                remote=draw(st.integers(0, 5)) == 0,
                priority=draw(st.integers(1, 3)),
                after=after,
            )
        )
    return problem(carers=carers, citizens=citizens, visits=visits)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.integers(0, 3))
def test_every_plan_is_feasible(p: Problem, seed: int) -> None:
    result = solve(p, SolveParams(time_limit=1.0), seed=seed)
    assert check(p, result) == []
    planned = set(result.starts())
    assert planned | {u.visit for u in result.unassigned} == {v.id for v in p.visits}
