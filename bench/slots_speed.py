# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""How fast :func:`naerhed.planner.slots.slots` answers, for one carer and for two, on a big week.

    python -m bench.slots_speed [--citizens 200] [--seed 1]

Generates an urban week, builds a plan quickly by inserting every visit greedily with the
engine's repair board (no solver run: the point is a full plan, not a good one), then times
requests for the citizen with most visits: one day 10:00–14:00, one day in hourly windows,
and the portal's whole week in hourly windows 08:00–14:00; every two-carer option of the
last is applied and checked with :func:`naerhed.planner.check.check`.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import replace

from naerhed.planner.check import check
from naerhed.planner.eligibility import Eligibility
from naerhed.planner.generate import generate
from naerhed.planner.model import MINUTES_PER_DAY, Problem, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Plan, Route, Unassigned, VisitStop
from naerhed.planner.repair import Board, insert_group, linked_group
from naerhed.planner.slots import SlotOption, SlotRequest, slots

Windows = tuple[tuple[int, int], ...]


def greedy_plan(problem: Problem) -> Plan:
    """Every visit inserted where it fits, earliest window first, nothing moved afterwards."""
    board, eligible = Board(problem, SolveParams(), {}), Eligibility(problem).shifts
    pending = {v.id for v in problem.visits}
    for visit in sorted(problem.visits, key=lambda v: (v.window[0], v.id)):
        if visit.id in pending:
            group = linked_group(problem, visit, pending)
            insert_group(problem, board, group, eligible)
            pending -= {g.id for g in group}
    routes = tuple(
        board.route(ref, stops)
        for ref, stops in sorted(board.stops.items(), key=lambda i: (i[0].carer, i[0].shift))
    )
    placed = {s.visit for r in routes for s in r.visit_stops}
    return Plan(problem.name, routes, tuple(Unassigned(v.id) for v in problem.visits if v.id not in placed))


def booked(problem: Problem, plan: Plan, option: SlotOption, request: SlotRequest) -> tuple[Problem, Plan]:
    new = Visit(
        "new",
        request.citizen,
        (option.start, option.start),
        request.duration,
        request.competences,
        carers=request.carers,
    )
    routes = {(r.carer, r.shift): r for r in plan.routes}
    for key in option.shifts:
        old = routes[key].stops if key in routes else ()
        routes[key] = Route(
            *key, tuple(sorted((*old, VisitStop("new", option.start)), key=lambda s: s.start))
        )
    return replace(problem, visits=(*problem.visits, new)), replace(plan, routes=tuple(routes.values()))


def timed(problem: Problem, plan: Plan, request: SlotRequest, limit: int) -> tuple[float, list[SlotOption]]:
    t0 = time.monotonic()
    options = slots(problem, plan, request, limit=limit)
    return time.monotonic() - t0, options


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    problem = generate("urban", args.citizens, args.seed)
    plan = greedy_plan(problem)
    print(f"{len(problem.visits)} visits, {len(plan.unassigned)} left out by the greedy plan")
    citizen = Counter(v.citizen for v in problem.visits).most_common(1)[0][0]
    day = 3 * MINUTES_PER_DAY
    cases: list[tuple[str, Windows, int]] = [
        ("Thursday 10-14", ((day + 600, day + 840),), 5),
        ("Thursday hourly", tuple((day + h * 60, day + h * 60 + 59) for h in range(8, 14)), 5),
        (
            "week hourly",
            tuple(
                (d * MINUTES_PER_DAY + h * 60, d * MINUTES_PER_DAY + h * 60 + 59)
                for d in range(7)
                for h in range(8, 14)
            ),
            40,
        ),
    ]
    for name, windows, limit in cases:
        for carers in (1, 2):
            request = SlotRequest(citizen, 30, windows, frozenset({"personal-care"}), carers=carers)
            seconds, options = timed(problem, plan, request, limit)
            broken = sum(bool(check(*booked(problem, plan, o, request))) for o in options)
            print(
                f"{name:16} carers={carers}: {seconds:.3f} s, {len(options)} options, {broken} break a rule"
            )


if __name__ == "__main__":
    main()
