# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""PyVRP on a relaxation of the problem: a travel reference, not a plan.

PyVRP routes very well but cannot express everything ``naerhed-plan/1`` asks, so this
peer solves a *relaxed* problem, day by day (a night shift belongs to the day its
middle falls on):

- **breaks** are dropped; each shift's usable time is shortened by the break instead;
- **two-carer visits** become two independent visits (no equal start, maybe one carer);
- **remote visits** cost no travel to reach or to leave (the carer's position is lost);
- **blocked carers** are ignored; competences are kept, as capacities per competence.

Its plans generally break the format's rules (no break stops, unsynchronised pairs) and
must not be compared as plans: only its travel is a reference, and an optimistic one,
because every relaxation can only lower the best travel there is. ``plan.meta["relaxed"]``
says so.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from pyvrp import Client, Depot, Location, ProblemData, VehicleType
from pyvrp import solve as pyvrp_solve
from pyvrp.stop import MaxRuntime

from naerhed.planner.model import Problem, Visit
from naerhed.planner.peers.ortools_blind import shift_day
from naerhed.planner.plan import Plan, Route, Unassigned, VisitStop

NAME = "pyvrp-reference"
PRIZE = {1: 1_000_000, 2: 100_000, 3: 10_000}
PLENTY = 1_000_000
RELAXED = (
    "no breaks (shift shortened by the break)",
    "two-carer visits as two independent visits",
    "remote visits cost no travel in or out",
    "blocked carers ignored",
)


@dataclass
class Day:
    vehicles: list[tuple[str, int]] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)


def solve(problem: Problem, time_limit: float = 60.0, *, seed: int = 0) -> Plan:
    """Solve the relaxation day by day within ``time_limit`` seconds; see the module docstring."""
    started = time.monotonic()
    days: dict[int, Day] = {}
    for carer in problem.carers:
        for k, shift in enumerate(carer.shifts):
            days.setdefault(shift_day(shift), Day()).vehicles.append((carer.id, k))
    for visit in problem.visits:
        days.setdefault(visit.day, Day()).visits.append(visit)
    routes: list[Route] = []
    order = sorted(days)
    for n, d in enumerate(order):
        left = time_limit - (time.monotonic() - started)
        rest = sum(len(days[x].visits) for x in order[n:]) or 1
        routes += _solve_day(problem, days[d], max(0.1, left * len(days[d].visits) / rest), seed)
    planned = {s.visit for r in routes for s in r.visit_stops}
    unassigned = tuple(
        Unassigned(v.id, "not planned in the relaxation") for v in problem.visits if v.id not in planned
    )
    meta = {
        "solver": NAME,
        "seconds": round(time.monotonic() - started, 2),
        "seed": seed,
        "relaxed": list(RELAXED),
    }
    return Plan(instance=problem.name, routes=tuple(routes), unassigned=unassigned, meta=meta)


def _solve_day(problem: Problem, day: Day, seconds: float, seed: int) -> list[Route]:
    if not day.vehicles or not day.visits:
        return []
    data, copies = _data(problem, day)
    result = pyvrp_solve(data, stop=MaxRuntime(seconds), seed=seed, display=False)
    routes = []
    for route in result.best.routes():
        carer, k = day.vehicles[route.vehicle_type()]
        stops = [
            VisitStop(visit=copies[activity.idx].id, start=activity.start_time)
            for activity in route.schedule()
            if activity.is_client()
        ]
        routes.append(Route(carer=carer, shift=k, stops=tuple(stops)))
    return routes


def _data(problem: Problem, day: Day) -> tuple[ProblemData, list[Visit]]:
    """Locations are the problem's; one extra location stands for 'wherever the carer is'."""
    idx = problem.location_index
    anywhere = len(problem.locations)
    locations = [Location(x=0, y=0) for _ in range(anywhere + 1)]
    offices = sorted(
        {problem.carer_by_id[c].start_location for c, _ in day.vehicles}
        | {problem.carer_by_id[c].end_location for c, _ in day.vehicles}
    )
    depot_of = {loc: i for i, loc in enumerate(offices)}
    depots = [Depot(location=idx[loc]) for loc in offices]
    competences = sorted({c for v in day.visits for c in v.competences})
    copies = [v for v in day.visits for _ in range(v.carers)]
    clients = [
        Client(
            location=anywhere if v.remote else idx[problem.visit_location(v)],
            delivery=[int(c in v.competences) for c in competences],
            service_duration=v.duration,
            tw_early=v.window[0],
            tw_late=v.latest_start,
            prize=PRIZE[v.priority],
            required=False,
        )
        for v in copies
    ]
    modes = sorted(problem.travel)
    vehicle_types = [
        _vehicle_type(problem, carer_id, k, competences, depot_of, modes) for carer_id, k in day.vehicles
    ]
    # PyVRP's stubs type matrices as ndarray[int], which numpy's own types cannot name.
    matrices: list[Any] = [_matrix(problem.travel[m].minutes) for m in modes]
    data = ProblemData(locations, clients, depots, vehicle_types, matrices, matrices)
    return data, copies


def _vehicle_type(
    problem: Problem,
    carer_id: str,
    k: int,
    competences: list[str],
    depot_of: dict[str, int],
    modes: list[str],
) -> VehicleType:
    carer = problem.carer_by_id[carer_id]
    shift = carer.shifts[k]
    pause = shift.break_.duration if shift.break_ is not None else 0
    return VehicleType(
        capacity=[PLENTY if c in carer.competences else 0 for c in competences],
        start_depot=depot_of[carer.start_location],
        end_depot=depot_of[carer.end_location],
        tw_early=shift.start,
        tw_late=shift.end,
        shift_duration=shift.minutes - pause,
        profile=modes.index(carer.transport),
        name=f"{carer.id}/{k}",
    )


def _matrix(minutes: tuple[tuple[int, ...], ...]) -> npt.NDArray[np.int64]:
    """Travel minutes, plus a last row and column of zeros for the remote 'anywhere'."""
    n = len(minutes)
    out = np.zeros((n + 1, n + 1), dtype=np.int64)
    out[:n, :n] = np.asarray(minutes, dtype=np.int64)
    return out
