# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Earliest start times for fixed route orders, in double precision.

With the carer of every service and the order of each route fixed, every rule
of the benchmark is a difference constraint ``t_b >= t_a + w``: the earliest
start ``e``, travel and processing between consecutive services, and both
bounds of a double service's gap (``t2 >= t1 + mind`` and ``t1 >= t2 - maxd``).
The componentwise least solution of such a system — longest paths from a
source, found by label correcting — starts every service as early as any
feasible schedule can. Tardiness only grows with start times and distance does
not depend on them, so this schedule is optimal for the given orders.

Solvers that schedule in whole minutes (the engine, the OR-Tools peer) round
travel up; retiming their orders removes that rounding from the figures.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from naerhed.planner.mankowska.reader import MankowskaInstance
from naerhed.planner.mankowska.solution import MankowskaSolution, ServiceStart

Task = tuple[int, int]
Edges = dict[Task, list[tuple[Task, float]]]
_EPS = 1e-9


def retime(inst: MankowskaInstance, solution: MankowskaSolution) -> MankowskaSolution | None:
    """The solution with the earliest feasible start times for its route orders.

    Returns ``None`` when the orders admit no schedule (a positive cycle, e.g.
    two synchronised pairs met in opposite orders on two routes), or when a
    service appears twice.
    """
    tasks = [(s.patient, s.service) for route in solution.routes for s in route]
    if len(set(tasks)) != len(tasks):
        return None
    start = {t: inst.early[t[0]] for t in tasks}
    edges = _edges(inst, solution, start)
    if not _relax(start, edges):
        return None
    routes = tuple(
        tuple(ServiceStart(s.patient, s.service, start[(s.patient, s.service)]) for s in route)
        for route in solution.routes
    )
    return solution.with_routes(routes)


def _edges(inst: MankowskaInstance, solution: MankowskaSolution, start: dict[Task, float]) -> Edges:
    edges: Edges = defaultdict(list)
    for route in solution.routes:
        if route:
            first = (route[0].patient, route[0].service)
            start[first] = max(start[first], inst.early[0] + inst.dist[0][first[0]])
        for a, b in itertools.pairwise(route):
            w = inst.proc[a.patient][a.service] + inst.dist[a.patient][b.patient]
            edges[(a.patient, a.service)].append(((b.patient, b.service), w))
    for patient in inst.double:
        first, second = ((patient, s) for s in inst.services(patient))
        if first in start and second in start:
            edges[first].append((second, inst.min_gap[patient]))
            edges[second].append((first, -inst.max_gap[patient]))
    return edges


def _relax(start: dict[Task, float], edges: Edges) -> bool:
    """Raise starts until every edge holds; ``False`` if that never ends (a positive cycle)."""
    queue, queued = list(start), set(start)
    relaxations: dict[Task, int] = defaultdict(int)
    while queue:
        a = queue.pop()
        queued.discard(a)
        for b, w in edges.get(a, ()):
            if start[a] + w > start[b] + _EPS:
                start[b] = start[a] + w
                relaxations[b] += 1
                if relaxations[b] > len(start):
                    return False
                if b not in queued:
                    queue.append(b)
                    queued.add(b)
    return True
