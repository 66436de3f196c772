# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A straightforward, continuity-blind OR-Tools routing model: the baseline peer.

What a competent engineer would build first with OR-Tools routing, and nothing more:
one model per day and team, plus one per night for the night shifts (a night shift
belongs to the day its middle falls on); vehicles are those carer shifts; competences
and blocked carers as allowed vehicles; start windows as cumul ranges; the shift break
as an OR-Tools break interval; a two-carer visit as two copies with equal start times
(on different vehicles, which the equal start implies); every visit optional with a
penalty by priority; the objective is travel minutes. Guided local search runs for a
share of the time limit proportional to each model's number of visits. Who visits whom
is not considered at all, which is the point of the comparison.

OR-Tools cannot say "a remote visit leaves the carer where they were", so remote visits
stay out of the model and go afterwards into gaps of the timed routes where they fit
(:mod:`naerhed.planner.peers.remote`). OR-Tools may also take a break during travel,
which the format does not allow, so the routes are timed again exactly
(:mod:`naerhed.planner.peers.retime`) and any visit that no longer fits is dropped:
every plan passes ``check``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from naerhed.planner.model import MINUTES_PER_DAY, Problem, Shift, Visit
from naerhed.planner.peers import remote
from naerhed.planner.peers.retime import Draft, finish
from naerhed.planner.plan import Plan, Route, Unassigned

NAME = "ortools-blind"
PENALTY = {1: 1_000_000, 2: 100_000, 3: 10_000}
NIGHT_ENDS = 360  # visits starting before 06:00 belong to the night shifts


@dataclass
class DayModel:
    """One day's nodes and vehicles. Nodes are the depots first, then one node per visit copy."""

    key: tuple[int, str]  # (day, team) or (day, "night")
    vehicles: list[tuple[str, int]] = field(default_factory=list)  # (carer id, shift index)
    visits: list[Visit] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)  # per node
    node_visit: list[Visit | None] = field(default_factory=list)  # per node

    def add_node(self, location: str, visit: Visit | None) -> int:
        self.locations.append(location)
        self.node_visit.append(visit)
        return len(self.locations) - 1


def shift_day(shift: Shift) -> int:
    """The day a shift belongs to: where its middle falls, so a night shift joins the night's visits."""
    return (shift.start + shift.end) // 2 // MINUTES_PER_DAY


def _is_night_shift(shift: Shift) -> bool:
    """A shift over midnight, or the tail of one at the start of the horizon."""
    return (
        shift.start // MINUTES_PER_DAY != (shift.end - 1) // MINUTES_PER_DAY
        or shift.start % MINUTES_PER_DAY < NIGHT_ENDS
    )


def _is_night_visit(visit: Visit) -> bool:
    return visit.window[0] % MINUTES_PER_DAY < NIGHT_ENDS


def solve(problem: Problem, time_limit: float = 60.0, *, seed: int = 0) -> Plan:
    """Plan ``problem`` model by model (day and team, or night) within ``time_limit`` seconds.

    ``seed`` is recorded only: OR-Tools routing search is deterministic for a given model.
    """
    started = time.monotonic()
    days = _split(problem)
    drafts: list[Draft] = []
    sync: dict[str, int] = {}
    unplanned: dict[str, str] = {}
    for k, day in enumerate(days):
        left = time_limit - (time.monotonic() - started)
        share = max(0.1, left * len(day.visits) / max(1, sum(len(d.visits) for d in days[k:])))
        d_drafts, d_sync, d_unplanned = _solve_day(problem, day, share)
        drafts += d_drafts
        sync.update(d_sync)
        unplanned.update(d_unplanned)
    routes, unassigned = finish(problem, drafts, sync, unplanned)
    routes, unassigned = _add_remote(problem, routes, unassigned)
    meta = {
        "solver": NAME,
        "seconds": round(time.monotonic() - started, 2),
        "seed": seed,
        "models": len(days),
    }
    return Plan(instance=problem.name, routes=routes, unassigned=unassigned, meta=meta)


def _add_remote(
    problem: Problem, routes: tuple[Route, ...], unassigned: tuple[Unassigned, ...]
) -> tuple[tuple[Route, ...], tuple[Unassigned, ...]]:
    """Remote visits into the timed routes; those that do not fit stay unassigned."""
    todo = [v for v in problem.visits if v.remote]
    with_remote, left = remote.insert(problem, routes, todo)
    planned = {s.visit for r in with_remote for s in r.visit_stops}
    reason = "no timed route had room for the screen visit"
    rest = tuple(
        Unassigned(u.visit, reason if u.visit in left else u.reason)
        for u in unassigned
        if u.visit not in planned
    )
    return tuple(with_remote), rest


def _split(problem: Problem) -> list[DayModel]:
    """One model per day and team, and one per night for the night shifts, which serve all teams.

    Solving a whole day at once does not scale: with the two-carer start constraints OR-Tools
    finds no first solution for a 540-visit day in 30 seconds, so the day is cut where home
    care cuts it, by team. A visit no carer of its group may take stays unplanned.
    """
    groups: dict[tuple[int, str], DayModel] = {}
    for carer in problem.carers:
        for k, shift in enumerate(carer.shifts):
            key = (shift_day(shift), "night" if _is_night_shift(shift) else carer.team)
            groups.setdefault(key, DayModel(key)).vehicles.append((carer.id, k))
    for visit in problem.visits:
        if visit.remote:
            continue  # added afterwards, see the module docstring
        team = problem.citizen_by_id[visit.citizen].team
        key = (visit.day, "night" if _is_night_visit(visit) else team)
        groups.setdefault(key, DayModel(key)).visits.append(visit)
    return [groups[k] for k in sorted(groups)]


def _solve_day(
    problem: Problem, day: DayModel, seconds: float
) -> tuple[list[Draft], dict[str, int], dict[str, str]]:
    """Build and search one day's model; returns the routes, synchronised starts and unplanned visits."""
    depot_of = {loc: day.add_node(loc, None) for loc in _depots(problem, day)}
    copies: dict[str, list[int]] = defaultdict(list)
    allowed = {v.id: _allowed(problem, day, v) for v in day.visits}
    for visit in day.visits:
        if len(allowed[visit.id]) < visit.carers:
            continue
        for _ in range(visit.carers):
            copies[visit.id].append(day.add_node(problem.visit_location(visit), visit))
    carers = [problem.carer_by_id[c] for c, _ in day.vehicles]
    if not carers or not copies:
        return [], {}, {v.id: "no carer of its team on shift that day" for v in day.visits}
    manager = pywrapcp.RoutingIndexManager(
        len(day.locations),
        len(carers),
        [depot_of[c.start_location] for c in carers],
        [depot_of[c.end_location] for c in carers],
    )
    routing = pywrapcp.RoutingModel(manager)
    time_dim = _time_dimension(problem, day, manager, routing)
    _restrict(problem, manager, routing, time_dim, copies, allowed)
    solution = routing.SolveWithParameters(_search(seconds))
    if solution is None:
        return [], {}, {v.id: "OR-Tools found no solution for the day" for v in day.visits}
    drafts, sync, unplanned = _read(day, manager, routing, time_dim, solution, copies)
    for visit in day.visits:
        if visit.id not in copies:
            unplanned[visit.id] = "no carer of its team on shift that day may take it"
    return drafts, sync, unplanned


def _depots(problem: Problem, day: DayModel) -> list[str]:
    seen: dict[str, None] = {}
    for carer_id, _ in day.vehicles:
        carer = problem.carer_by_id[carer_id]
        seen[carer.start_location] = None
        seen[carer.end_location] = None
    return list(seen)


def _time_dimension(
    problem: Problem, day: DayModel, manager: pywrapcp.RoutingIndexManager, routing: pywrapcp.RoutingModel
) -> pywrapcp.RoutingDimension:
    """Travel minutes (per carer's mode) plus service, as arc cost and time dimension, with shift bounds."""
    idx = problem.location_index
    service = [v.duration if v is not None else 0 for v in day.node_visit]
    loc = [idx[x] for x in day.locations]
    callbacks: dict[str, tuple[int, int]] = {}
    for mode in sorted({problem.carer_by_id[c].transport for c, _ in day.vehicles}):
        travel = _travel_callback(manager, problem.travel[mode].minutes, loc)

        def transit(i: int, j: int, travel: Callable[[int, int], int] = travel) -> int:
            node: int = manager.IndexToNode(i)
            return service[node] + travel(i, j)

        callbacks[mode] = (routing.RegisterTransitCallback(travel), routing.RegisterTransitCallback(transit))
    vehicle_modes = [problem.carer_by_id[c].transport for c, _ in day.vehicles]
    for v, mode in enumerate(vehicle_modes):
        routing.SetArcCostEvaluatorOfVehicle(callbacks[mode][0], v)
    horizon = (problem.horizon.days + 2) * MINUTES_PER_DAY
    routing.AddDimensionWithVehicleTransits(
        [callbacks[m][1] for m in vehicle_modes], horizon, horizon, False, "time"
    )
    time_dim = routing.GetDimensionOrDie("time")
    node_service = [service[manager.IndexToNode(i)] for i in range(routing.Size())]
    solver = routing.solver()
    for v, (carer_id, k) in enumerate(day.vehicles):
        shift = problem.carer_by_id[carer_id].shifts[k]
        time_dim.CumulVar(routing.Start(v)).SetRange(shift.start, shift.end)
        time_dim.CumulVar(routing.End(v)).SetRange(shift.start, shift.end)
        if shift.break_ is not None:
            b = shift.break_
            interval = solver.FixedDurationIntervalVar(b.earliest, b.latest, b.duration, False, f"break-{v}")
            time_dim.SetBreakIntervalsOfVehicle([interval], v, node_service)
    return time_dim


def _travel_callback(
    manager: pywrapcp.RoutingIndexManager,
    matrix: tuple[tuple[int, ...], ...],
    loc: list[int],
) -> Callable[[int, int], int]:
    """Travel minutes between routing indices."""

    def travel(i: int, j: int) -> int:
        a: int = manager.IndexToNode(i)
        b: int = manager.IndexToNode(j)
        return matrix[loc[a]][loc[b]]

    return travel


def _restrict(
    problem: Problem,
    manager: pywrapcp.RoutingIndexManager,
    routing: pywrapcp.RoutingModel,
    time_dim: pywrapcp.RoutingDimension,
    copies: dict[str, list[int]],
    allowed: dict[str, list[int]],
) -> None:
    """Windows, allowed vehicles, penalties, and the two-carer copies' shared start on different carers."""
    solver = routing.solver()
    for visit_id, nodes in copies.items():
        visit = problem.visit_by_id[visit_id]
        indices = [manager.NodeToIndex(n) for n in nodes]
        for index in indices:
            time_dim.CumulVar(index).SetRange(visit.window[0], visit.latest_start)
            # VehicleVar domain rather than SetAllowedVehiclesForIndex, whose list argument
            # the 9.15 Python wrapper does not accept.
            routing.VehicleVar(index).SetValues([-1, *allowed[visit_id]])
            routing.AddDisjunction([index], PENALTY[visit.priority])
        if len(indices) == 2:
            # Only the start is tied: tying the copies' activity too makes every insertion
            # heuristic fail, so a lone copy is dropped afterwards instead. Different carers
            # follow from the equal start: along one route the start strictly increases,
            # because every visit lasts at least a minute.
            a, b = indices
            solver.Add(time_dim.CumulVar(a) == time_dim.CumulVar(b))


def _allowed(problem: Problem, day: DayModel, visit: Visit) -> list[int]:
    """Vehicles with the competences, not blocked, whose shift can hold the visit."""
    out = []
    for v, (carer_id, k) in enumerate(day.vehicles):
        carer = problem.carer_by_id[carer_id]
        shift = carer.shifts[k]
        fits = (
            shift.start <= visit.latest_start
            and max(shift.start, visit.window[0]) + visit.duration <= shift.end
        )
        if fits and problem.can_serve(carer, visit):
            out.append(v)
    return out


def _search(seconds: float) -> pywrapcp.DefaultRoutingSearchParameters:
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(max(100, int(seconds * 1000)))
    return params


def _read(
    day: DayModel,
    manager: pywrapcp.RoutingIndexManager,
    routing: pywrapcp.RoutingModel,
    time_dim: pywrapcp.RoutingDimension,
    solution: pywrapcp.Assignment,
    copies: dict[str, list[int]],
) -> tuple[list[Draft], dict[str, int], dict[str, str]]:
    drafts, planned = [], set()
    starts: dict[str, int] = {}
    for v, (carer_id, k) in enumerate(day.vehicles):
        index, visits = solution.Value(routing.NextVar(routing.Start(v))), []
        while not routing.IsEnd(index):
            visit = day.node_visit[manager.IndexToNode(index)]
            assert visit is not None
            visits.append(visit.id)
            planned.add(visit.id)
            starts[visit.id] = solution.Min(time_dim.CumulVar(index))
            index = solution.Value(routing.NextVar(index))
        if visits:
            drafts.append(Draft(carer_id, k, tuple(visits)))
    lone = {v for v, n in copies.items() if len(n) == 2 and sum(d.visits.count(v) for d in drafts) == 1}
    drafts = [Draft(d.carer, d.shift, tuple(v for v in d.visits if v not in lone)) for d in drafts]
    sync = {v: starts[v] for v, nodes in copies.items() if len(nodes) == 2 and v in planned - lone}
    unplanned = {v.id: "left out by OR-Tools" for v in day.visits if v.id not in planned}
    unplanned.update({v: "OR-Tools planned only one of its two carers" for v in lone})
    return drafts, sync, unplanned
