# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 2a: one OR-Tools routing model per day decides which shift takes each visit.

Vehicles are the day's carer shifts; each vehicle's arc cost is travel plus a
continuity charge for arriving at a citizen whose carers on other days do not
include this carer (:mod:`naerhed.planner.weekly_routing`). Competences,
blocked carers and shifts restrict the vehicles; windows are cumul ranges,
lateness a soft upper bound at the window's end priced per minute; breaks are
break intervals; a two-carer visit is two copies starting together on different
vehicles; ``after`` gaps are cumul constraints. Remote visits are left to the
exact stages (routing cannot say "the carer stays where they are"). Only the
choice of shift and the order are used: the exact times come from the CP-SAT
stage afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.model import MINUTES_PER_DAY, Problem, Visit
from naerhed.planner.params import SolveParams


@dataclass
class DayInput:
    """One day's vehicles (shifts), visits with their allowed shifts, and continuity charges."""

    vehicles: list[ShiftRef]
    visits: list[Visit]
    allowed: Mapping[str, Sequence[ShiftRef]]
    charge: Mapping[tuple[str, int], int] = field(default_factory=dict)  # (visit id, carer) -> cost
    count_limit: bool = True  # also stop after a number of solutions (deterministic); else the clock only
    initial: Mapping[ShiftRef, Sequence[str]] = field(default_factory=dict)  # visit ids per shift, in order


@dataclass
class _Nodes:
    locations: list[str] = field(default_factory=list)
    visit: list[Visit | None] = field(default_factory=list)
    copies: dict[str, list[int]] = field(default_factory=dict)

    def add(self, location: str, visit: Visit | None) -> int:
        self.locations.append(location)
        self.visit.append(visit)
        return len(self.locations) - 1


Routed = dict[ShiftRef, list[tuple[str, int]]]


SOLUTIONS_PER_NODE = 4
NEIGHBOURS_RATIO = 0.1
MIN_NEIGHBOURS = 10


def route_day(
    problem: Problem, params: SolveParams, day: DayInput, *, seconds: float, initial: Routed | None = None
) -> Routed:
    """Per shift, the visits OR-Tools routes there in order with their start minutes.

    With ``initial`` (routes of these vehicles, e.g. from an earlier pass with other
    charges) the search starts from those routes where OR-Tools accepts them.
    """
    nodes = _Nodes()
    depot = {}
    for ref in day.vehicles:
        carer = problem.carers[ref.carer]
        for loc in (carer.start_location, carer.end_location):
            if loc not in depot:
                depot[loc] = nodes.add(loc, None)
    index = {ref: k for k, ref in enumerate(day.vehicles)}
    for v in day.visits:
        if len(day.allowed.get(v.id, ())) >= v.carers:
            nodes.copies[v.id] = [nodes.add(problem.visit_location(v), v) for _ in range(v.carers)]
    if not nodes.copies:
        return {}
    carers = [problem.carers[r.carer] for r in day.vehicles]
    manager = pywrapcp.RoutingIndexManager(
        len(nodes.locations),
        len(carers),
        [depot[c.start_location] for c in carers],
        [depot[c.end_location] for c in carers],
    )
    routing = pywrapcp.RoutingModel(manager)
    time_dim = _dimension(problem, params, day, nodes, manager, routing)
    _restrict(problem, params, day, nodes, index, manager, routing, time_dim)
    search = pywrapcp.DefaultRoutingSearchParameters()
    search.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    search.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    if not day.count_limit:
        # The main search of a long run: moves only towards each node's nearest neighbours
        # make large days search faster (measured on Mankowska 200, no change at 10-75).
        search.ls_operator_neighbors_ratio = NEIGHBOURS_RATIO
        search.ls_operator_min_neighbors = MIN_NEIGHBOURS
    # A count of solutions bounds the search before the clock does on small days, so that they are
    # solved the same way however loaded the machine is; larger days stop on the clock.
    if day.count_limit:
        search.solution_limit = SOLUTIONS_PER_NODE * len(nodes.locations) + 50
    search.time_limit.FromMilliseconds(max(100, int(seconds * 1000)))
    solution = None
    if initial:
        start = routing.ReadAssignmentFromRoutes(_node_routes(day, nodes, manager, initial), True)
        if start is not None:
            solution = routing.SolveFromAssignmentWithParameters(start, search)
    elif day.initial:
        first = _initial(day, nodes, manager, routing)
        if first is not None:
            solution = routing.SolveFromAssignmentWithParameters(first, search)
    if solution is None:
        solution = routing.SolveWithParameters(search)
    if solution is None:
        return {}
    return _read(day, nodes, manager, routing, time_dim, solution)


def _node_routes(
    day: DayInput, nodes: _Nodes, manager: pywrapcp.RoutingIndexManager, initial: Routed
) -> list[list[int]]:
    """``initial`` as routing indices per vehicle, the copies of a two-carer visit in vehicle order."""
    used: dict[str, int] = {}
    out: list[list[int]] = []
    for ref in day.vehicles:
        route = []
        for vid, _ in sorted(initial.get(ref, []), key=lambda x: x[1]):
            copies = nodes.copies.get(vid, [])
            k = used.get(vid, 0)
            if k < len(copies):
                route.append(manager.NodeToIndex(copies[k]))
                used[vid] = k + 1
        out.append(route)
    return out


def _dimension(
    problem: Problem,
    params: SolveParams,
    day: DayInput,
    nodes: _Nodes,
    manager: pywrapcp.RoutingIndexManager,
    routing: pywrapcp.RoutingModel,
) -> pywrapcp.RoutingDimension:
    idx = problem.location_index
    loc = [idx[x] for x in nodes.locations]
    service = [v.duration if v is not None else 0 for v in nodes.visit]
    transits = {}
    for mode in sorted({problem.carers[r.carer].transport for r in day.vehicles}):
        m = problem.travel[mode].minutes
        travel = np.asarray(m, dtype=np.int64)[np.ix_(loc, loc)]
        transits[mode] = routing.RegisterTransitMatrix((travel + np.asarray(service)[:, None]).tolist())
        for k, ref in enumerate(day.vehicles):
            carer = problem.carers[ref.carer]
            if carer.transport != mode:
                continue
            extra = [day.charge.get((v.id, ref.carer), 0) if v is not None else 0 for v in nodes.visit]
            cost = params.travel_per_minute * travel + np.asarray(extra, dtype=np.int64)[None, :]
            routing.SetArcCostEvaluatorOfVehicle(routing.RegisterTransitMatrix(cost.tolist()), k)
    horizon = (problem.horizon.days + 2) * MINUTES_PER_DAY
    routing.AddDimensionWithVehicleTransits(
        [transits[problem.carers[r.carer].transport] for r in day.vehicles], horizon, horizon, False, "time"
    )
    time_dim = routing.GetDimensionOrDie("time")
    node_service = [service[manager.IndexToNode(i)] for i in range(routing.Size())]
    solver = routing.solver()
    for k, ref in enumerate(day.vehicles):
        shift = problem.carers[ref.carer].shifts[ref.shift]
        time_dim.CumulVar(routing.Start(k)).SetRange(shift.start, shift.end)
        time_dim.CumulVar(routing.End(k)).SetRange(shift.start, shift.end)
        if shift.break_ is not None:
            b = shift.break_
            brk = solver.FixedDurationIntervalVar(b.earliest, b.latest, b.duration, False, f"break-{k}")
            time_dim.SetBreakIntervalsOfVehicle([brk], k, node_service)
    return time_dim


def _restrict(
    problem: Problem,
    params: SolveParams,
    day: DayInput,
    nodes: _Nodes,
    index: Mapping[ShiftRef, int],
    manager: pywrapcp.RoutingIndexManager,
    routing: pywrapcp.RoutingModel,
    time_dim: pywrapcp.RoutingDimension,
) -> None:
    solver = routing.solver()
    for vid, copies in nodes.copies.items():
        visit = problem.visit_by_id[vid]
        indices = [manager.NodeToIndex(n) for n in copies]
        allowed = sorted(index[r] for r in day.allowed[vid] if r in index)
        for i in indices:
            time_dim.CumulVar(i).SetRange(visit.window[0], visit.latest_start)
            if visit.late_allowed and params.late_per_minute:
                # Lateness is priced, not forbidden: a start past window[1] costs per minute.
                time_dim.SetCumulVarSoftUpperBound(i, visit.window[1], params.late_per_minute)
            routing.VehicleVar(i).SetValues([-1, *allowed])
            routing.AddDisjunction([i], params.unassigned_penalty[visit.priority])
        if len(indices) == 2:
            a, b = indices
            # Tying the copies' activity too makes the insertion heuristics fail; a lone
            # copy is dropped when reading the solution instead.
            solver.Add(time_dim.CumulVar(a) == time_dim.CumulVar(b))
            solver.Add(
                solver.IsDifferentVar(routing.VehicleVar(a), routing.VehicleVar(b)) >= routing.ActiveVar(a)
            )
        after = visit.after
        if after is not None and after.visit in nodes.copies:
            # The gap holds when both are routed. Both-or-neither is left to the drop penalties
            # and to reading the solution: as a constraint it stops the insertion heuristics
            # from placing the pair one visit at a time, and whole pairs go unrouted.
            # The cumul of an unrouted visit is free inside its window, so the gap can be a
            # plain constraint (the windows must admit it, see :func:`gap_fits`).
            a, b = manager.NodeToIndex(nodes.copies[after.visit][0]), indices[0]
            if not _gap_fits(problem.visit_by_id[after.visit], visit):
                routing.VehicleVar(b).SetValues([-1])  # never both: leave this one out
                continue
            gap = time_dim.CumulVar(b) - time_dim.CumulVar(a)
            solver.Add(gap >= after.min_gap)
            solver.Add(gap <= after.max_gap)


def _gap_fits(first: Visit, second: Visit) -> bool:
    """Can ``second`` start inside its window at a gap ``second.after`` allows after ``first``?"""
    assert second.after is not None
    lo = max(second.window[0], first.window[0] + second.after.min_gap)
    hi = min(second.latest_start, first.latest_start + second.after.max_gap)
    return lo <= hi


def _initial(
    day: DayInput, nodes: _Nodes, manager: pywrapcp.RoutingIndexManager, routing: pywrapcp.RoutingModel
) -> pywrapcp.Assignment | None:
    """The search's first solution from ``day.initial`` (``None`` if OR-Tools rejects it)."""
    used: dict[str, int] = {}
    routes: list[list[int]] = []
    for ref in day.vehicles:
        route = []
        for vid in day.initial.get(ref, ()):
            copies = nodes.copies.get(vid, [])
            k = used.get(vid, 0)
            if k < len(copies):
                route.append(manager.NodeToIndex(copies[k]))
                used[vid] = k + 1
        routes.append(route)
    result: pywrapcp.Assignment | None = routing.ReadAssignmentFromRoutes(routes, True)
    return result


def _read(
    day: DayInput,
    nodes: _Nodes,
    manager: pywrapcp.RoutingIndexManager,
    routing: pywrapcp.RoutingModel,
    time_dim: pywrapcp.RoutingDimension,
    solution: pywrapcp.Assignment,
) -> Routed:
    out: Routed = {}
    count: dict[str, int] = {}
    for k, ref in enumerate(day.vehicles):
        i = solution.Value(routing.NextVar(routing.Start(k)))
        while not routing.IsEnd(i):
            visit = nodes.visit[manager.IndexToNode(i)]
            if visit is not None:
                out.setdefault(ref, []).append((visit.id, solution.Min(time_dim.CumulVar(i))))
                count[visit.id] = count.get(visit.id, 0) + 1
            i = solution.Value(routing.NextVar(i))
    # A two-carer visit with only one copy routed is left out, and so is a pair of visits
    # linked by ``after`` of which only one is routed.
    full = {v for v, n in count.items() if n == len(nodes.copies[v])}
    pairs = [
        (v.id, v.after.visit)
        for v in (nodes.visit[c[0]] for c in nodes.copies.values())
        if v is not None and v.after is not None and v.after.visit in nodes.copies
    ]
    while any((a in full) != (b in full) for a, b in pairs):
        full -= {x for a, b in pairs if (a in full) != (b in full) for x in (a, b)}
    return {ref: [(v, t) for v, t in seq if v in full] for ref, seq in out.items()}
