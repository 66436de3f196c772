# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""First routes for one routing model from PyVRP, for OR-Tools to start from.

OR-Tools' routing search is weak on a day and team of ~100 visits in a few seconds;
PyVRP's hybrid genetic search is strong there but cannot express every rule. So
PyVRP solves the model's *relaxation* and OR-Tools starts from its routes
(:func:`naerhed.planner.backends.ortools_routing.route_day` with ``DayInput.initial``),
restoring the rules and searching on:

- one vehicle type and routing profile per shift: the arc into a visit costs
  ``travel_per_minute`` per minute plus the model's continuity charge for that
  visit and carer, and a prohibitive charge where the shift may not take it;
- a break is a shorter shift (its duration off the shift's usable time);
- a two-carer visit is two independent visits (PyVRP cannot tie two starts), so
  the routes keep room near where it can go; it and visits linked by ``after``
  are then left out of the start, for OR-Tools to insert under their rules;
- unless the two-carer visit is ``pinned`` at a start (in a later pass, its
  current one): both copies then start at that minute, so on two shifts, and
  they start OR-Tools' search too;
- a route whose order cannot take its break under the format's rules (checked
  here at the earliest times, the break after a visit or before the first) keeps
  the visits that still fit in order; the rest OR-Tools inserts.

The search stops on an iteration count before the clock on small models, so that
they are started the same way however loaded the machine is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from pyvrp import Client, Depot, Location, ProblemData, VehicleType
from pyvrp import solve as pyvrp_solve
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria

from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import SolveParams

FORBIDDEN = 10**9  # arc cost into a visit the shift may not take: more than any prize
ITERATIONS_PER_VISIT = 40  # genetic search iterations per visit before the clock stops it


def pyvrp_routes(
    problem: Problem,
    params: SolveParams,
    vehicles: Sequence[ShiftRef],
    visits: Sequence[Visit],
    allowed: Mapping[str, Sequence[ShiftRef]],
    charge: Mapping[tuple[str, int], int],
    *,
    seconds: float,
    seed: int = 0,
    pinned: Mapping[str, int] | None = None,
) -> dict[ShiftRef, list[str]]:
    """Visit ids per shift, in order: PyVRP's routes of the relaxation, cut to what the
    shifts' breaks allow; empty when there is nothing PyVRP can route."""
    linked = {v.after.visit for v in visits if v.after is not None}
    # Every copy of a two-carer visit is routed (so the routes keep room for it), but only
    # visits on their own and without ``after`` links start OR-Tools' search.
    single = [
        v for v in visits if not v.remote and len(allowed.get(v.id, ())) >= v.carers for _ in range(v.carers)
    ]
    pinned = pinned or {}
    kept_ids = {
        v.id for v in single if (v.carers == 1 or v.id in pinned) and v.after is None and v.id not in linked
    }
    window = {
        v.id: (pinned[v.id], pinned[v.id]) if v.id in pinned else (v.window[0], v.latest_start)
        for v in single
    }
    if not kept_ids or not vehicles:
        return {}
    depots = sorted(
        {problem.carers[r.carer].start_location for r in vehicles}
        | {problem.carers[r.carer].end_location for r in vehicles}
    )
    depot_of = {loc: i for i, loc in enumerate(depots)}
    idx = problem.location_index
    where = [idx[loc] for loc in depots] + [idx[problem.visit_location(v)] for v in single]
    n, first = len(where), len(depots)
    penalty = params.unassigned_penalty
    clients = [
        Client(
            location=first + k,
            service_duration=v.duration,
            tw_early=window[v.id][0],
            tw_late=window[v.id][1],
            prize=penalty[v.priority],
            required=False,
        )
        for k, v in enumerate(single)
    ]
    durations: dict[str, Any] = {}
    matrices: list[Any] = []
    types = []
    for k, ref in enumerate(vehicles):
        carer = problem.carers[ref.carer]
        if carer.transport not in durations:
            minutes = np.asarray(problem.travel[carer.transport].minutes, dtype=np.int64)
            durations[carer.transport] = minutes[np.ix_(where, where)]
        travel = durations[carer.transport]
        extra = np.zeros(n, dtype=np.int64)
        for j, v in enumerate(single):
            extra[first + j] = charge.get((v.id, ref.carer), 0) if ref in allowed[v.id] else FORBIDDEN
        cost = params.travel_per_minute * travel + extra[None, :]
        np.fill_diagonal(cost, 0)
        matrices.append(cost)
        shift = carer.shifts[ref.shift]
        pause = shift.break_.duration if shift.break_ is not None else 0
        types.append(
            VehicleType(
                start_depot=depot_of[carer.start_location],
                end_depot=depot_of[carer.end_location],
                tw_early=shift.start,
                tw_late=shift.end,
                shift_duration=shift.end - shift.start - pause,
                profile=k,
                name=f"{k}",
            )
        )
    data = ProblemData(
        [Location(x=0, y=0) for _ in range(n)],
        clients,
        [Depot(location=i) for i in range(first)],
        types,
        matrices,
        [durations[problem.carers[r.carer].transport] for r in vehicles],
    )
    stop = MultipleCriteria(
        [MaxIterations(ITERATIONS_PER_VISIT * len(single)), MaxRuntime(max(0.05, seconds))]
    )
    result = pyvrp_solve(data, stop=stop, seed=seed, display=False)
    fitted: dict[ShiftRef, list[str]] = {}
    for route in result.best.routes():
        ref = vehicles[route.vehicle_type()]
        seq = [single[a.idx] for a in route.schedule() if a.is_client()]
        fitted[ref] = [v.id for v in _fitting(problem, ref, [v for v in seq if ref in allowed[v.id]], window)]
    # A pinned two-carer visit starts OR-Tools' search only with both copies on different shifts.
    shifts: dict[str, set[ShiftRef]] = {}
    for ref, ids in fitted.items():
        for vid in ids:
            shifts.setdefault(vid, set()).add(ref)
    kept_ids -= {vid for vid in pinned if len(shifts.get(vid, ())) != 2}
    out: dict[ShiftRef, list[str]] = {}
    for ref, ids in fitted.items():
        kept = [vid for vid in ids if vid in kept_ids]
        if kept:
            out[ref] = kept
    return out


def _fitting(
    problem: Problem, ref: ShiftRef, seq: list[Visit], window: Mapping[str, tuple[int, int]]
) -> list[Visit]:
    """The visits of ``seq``, in order, that fit the shift with its break: each kept where
    the route up to it still fits."""
    kept: list[Visit] = []
    for v in seq:
        if _fits(problem, ref, [*kept, v], window):
            kept.append(v)
    return kept


def _fits(
    problem: Problem, ref: ShiftRef, seq: Sequence[Visit], window: Mapping[str, tuple[int, int]]
) -> bool:
    """Does ``seq`` fit the shift at its earliest times with the break before some visit
    (or after the last)?"""
    carer = problem.carers[ref.carer]
    shift = carer.shifts[ref.shift]
    b = shift.break_
    spots = range(len(seq) + 1) if b is not None else [-1]
    for spot in spots:
        t, here, ok = shift.start, carer.start_location, True
        for k, v in enumerate([*seq, None]):
            if k == spot and b is not None:
                if max(t, b.earliest) > b.latest:
                    ok = False
                    break
                t = max(t, b.earliest) + b.duration
            there = carer.end_location if v is None else problem.visit_location(v)
            t += problem.travel_minutes(carer.transport, here, there)
            here = there
            if v is None:
                ok = ok and t <= shift.end
            else:
                t = max(t, window[v.id][0])
                if t > window[v.id][1]:
                    ok = False
                    break
                t += v.duration
        if ok:
            return True
    return False
