# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Routing with PyVRP and pinned synchronisation: a routing candidate for single-day problems.

PyVRP (iterated local search) routes time-windowed visits far better than OR-Tools
routing's local search, but it has no synchronisation: no visit started together by
two carers, no ``after`` gap between two visits. So each day is solved in steps, each
started from the solution before:

1. **relaxation** – every visit is a PyVRP client (a two-carer visit is two clients)
   with its window, the ties dropped. Which carers may take a visit (competences,
   blocked carers) is a load dimension per distinct set of carers: the visit delivers
   one unit of it and only those carers have capacity. A shift's break shortens its
   usable time (as in :mod:`naerhed.planner.peers.pyvrp_reference`); exact timing
   places it afterwards. Remote visits are left to repair.
2. **bands** – each tied group (the copies of a two-carer visit, visits linked by
   ``after``) gets start times that keep its tie: the earliest at which every copy fits
   into its route as it stands (:func:`_pin`), else at or after its routed starts. Its
   clients may then start only within ``BANDS`` minutes of those times (±30, then ±10),
   so the routes move towards the ties a step at a time.
3. **pinning** – the same, with a window of exactly the pinned minute: the problem is
   tie-free and PyVRP's answer keeps every tie. Groups PyVRP leaves out are freed, placed
   by a solve among the pinned ones, and pinned again there, for a few rounds.

Two candidates come out: the pinned routes, and the order of the last banded solution
timed as early as its ties allow (:func:`_timed`; a knot of pairs met in opposite orders
is cut by leaving a group out). A tied group not whole in a candidate is left out of it
for repair, which places it whole.

Windows are hard in PyVRP: a visit the relaxation cannot fit in its window may be
``LATE_STEP`` minutes late in a second relaxed solve, and as late as it is allowed after
that. Every client is optional with a prize
by priority, so PyVRP leaves out what it cannot fit, and the engine's repair tries
it. Only shifts and order are used: exact timing, repair and the neighbourhood search
(:mod:`naerhed.planner.solve`) price lateness and check every rule. PyVRP's penalties
may rise to ``MAX_PENALTY`` so that it leaves a client out rather than break a rule.

Each solve stops on an iteration count (deterministic for a seed) or, with
``use_whole_time``, on the clock alone; the clock always bounds it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pyvrp import (
    Client,
    Depot,
    Location,
    PenaltyParams,
    ProblemData,
    Route,
    Solution,
    SolveParams,
    VehicleType,
)
from pyvrp import solve as pyvrp_solve
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria, StoppingCriterion

from naerhed.planner.backends.ortools_routing import Routed
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.model import MINUTES_PER_DAY, Problem, Visit

PRIZE = {1: 1_000_000, 2: 100_000, 3: 10_000}  # per client left out, far above any route's travel
PLENTY = 1_000_000
# PyVRP's penalty per unit of excess load or time warp may rise this far (its default is
# 1e5): above any prize, so that it leaves a client out rather than break a rule.
MAX_PENALTY = 1e9
MAX_DIMENSIONS = 24  # distinct sets of allowed carers on a day; beyond that the day is left to OR-Tools
ITERATIONS_PER_CLIENT = 40  # per solve, when the search stops on its iteration count
RELAXED_SHARE = 0.3  # of a day's seconds, for the relaxation
LATE_STEP = 60  # minutes of lateness allowed first to a visit the relaxation cannot fit in its window
BANDS = (30, 10)  # minutes around their pinned times tied visits may start, before they are pinned exactly
BAND_SHARE = 0.15  # of a day's seconds, per band; the rest for the exactly pinned solves
PIN_ROUNDS = 3  # exactly pinned solves, at most: groups left out are freed and pinned again between them
CANDIDATES = ("pinned", "banded")
KNOT_PASSES = 60  # passes of the earliest-start propagation before a knot is assumed
KNOTS_CUT = 40  # tied groups left out of the banded candidate to undo knots, at most


@dataclass
class _Day:
    vehicles: list[ShiftRef] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)


@dataclass
class _Model:
    """One day's PyVRP clients: ``copies[k]`` is the visit client ``k`` stands for."""

    vehicles: list[ShiftRef]
    copies: list[Visit]
    client_of: dict[str, list[int]]
    dimensions: list[frozenset[ShiftRef]]
    allowed: dict[str, frozenset[ShiftRef]]
    depots: list[str]
    modes: list[str]


def route_days(
    problem: Problem,
    elig: Eligibility,
    visits: Sequence[Visit],
    *,
    seconds: float,
    seed: int,
    count_limit: bool = True,
) -> list[Routed]:
    """Candidate routes (per shift, the visits in order with their start minutes), day by
    day, ties kept (module docstring): those of the pinned solve, and the order of the last
    banded solve timed as early as its ties allow. Days PyVRP cannot model are left out."""
    days: dict[int, _Day] = {}
    for ci, carer in enumerate(problem.carers):
        for si, shift in enumerate(carer.shifts):
            days.setdefault((shift.start + shift.end) // 2 // MINUTES_PER_DAY, _Day()).vehicles.append(
                ShiftRef(ci, si)
            )
    for v in visits:
        if not v.remote:
            days.setdefault(v.day, _Day()).visits.append(v)
    total = sum(len(d.visits) for d in days.values()) or 1
    out: list[Routed] = [{} for _ in CANDIDATES]
    for d in sorted(days):
        share = seconds * len(days[d].visits) / total
        found = _route_day(problem, elig, days[d], seconds=share, seed=seed, count_limit=count_limit)
        for k, routed in enumerate(found):
            out[k].update(routed)
    return [r for r in out if r]


def _route_day(
    problem: Problem, elig: Eligibility, day: _Day, *, seconds: float, seed: int, count_limit: bool
) -> list[Routed]:
    """The day's candidates: relaxation, bands, pinning (module docstring)."""
    started = time.monotonic()
    on = set(day.vehicles)
    visits = [v for v in day.visits if sum(r in on for r in elig.shifts[v.id]) >= v.carers]
    if not day.vehicles or not visits:
        return []
    model = _model(problem, day.vehicles, visits)
    if model is None:
        return []
    iterations = ITERATIONS_PER_CLIENT * len(model.copies)

    def run(pins: Mapping[str, int], band: int, initial: Solution | None, share: float) -> Solution:
        stop = _stop(share, iterations, count_limit)
        return _solve(problem, model, windows, pins, band, initial, stop, seed)

    def left() -> float:
        return seconds - (time.monotonic() - started)

    windows = {v.id: v.window for v in visits}
    relaxed = run({}, 0, None, RELAXED_SHARE * seconds)
    # What the relaxation could not fit in its window may be late: ``LATE_STEP`` minutes
    # first, then as late as it is allowed.
    for step in (LATE_STEP, None):
        late = [v for v in visits if v.late_allowed and v.id not in _starts(model, relaxed)]
        if not late:
            break
        for v in late:
            windows[v.id] = (
                v.window[0],
                v.latest_start if step is None else min(v.latest_start, v.window[1] + step),
            )
        if step is not None:
            relaxed = run({}, 0, relaxed, RELAXED_SHARE * seconds / 3)
    groups = _tied_groups(visits)
    pins: dict[str, int] = {}
    best = relaxed
    # Ties tightened step by step: each tied visit within ``band`` minutes of times that keep
    # its ties, those times taken again from each solution, then exactly at them.
    for band in BANDS:
        pins = _pin(problem, model, best, groups, windows, pins)
        best = run(pins, band, best, BAND_SHARE * seconds)
    banded = _timed(problem, model, best, groups)
    pins = _pin(problem, model, best, groups, windows, pins)
    result = best
    for n in range(PIN_ROUNDS):
        if n and not count_limit and left() <= 0.05:
            break
        result = best = run(pins, 0, best, left() if count_limit else left() / 2)
        starts = _starts(model, result)
        lost = [g for g in groups if any(v.id not in starts for v in g)]
        if not lost or n == PIN_ROUNDS - 1:
            break
        # Free the groups left out, let the search place them among the pinned ones, and pin
        # them again there.
        loose = {v.id for g in lost for v in g}
        free = {vid: t for vid, t in pins.items() if vid not in loose}
        best = run(free, 0, result, left() / 4)
        pins = free | _pin(problem, model, best, lost, windows, {}, fixed=free)
    return [_routed(model, result, groups, pins), banded or {}]


def _stop(seconds: float, iterations: int, count_limit: bool) -> StoppingCriterion:
    clock = MaxRuntime(max(0.05, seconds))
    return MultipleCriteria([MaxIterations(iterations), clock]) if count_limit else clock


def _model(problem: Problem, vehicles: list[ShiftRef], visits: list[Visit]) -> _Model | None:
    on = frozenset(vehicles)
    allowed = {v.id: _carers(problem, vehicles, v) for v in visits}
    dims = sorted(
        {a for a in allowed.values() if a != on}, key=lambda d: sorted((r.carer, r.shift) for r in d)
    )
    if len(dims) > MAX_DIMENSIONS:
        return None
    copies = [v for v in visits for _ in range(v.carers)]
    client_of: dict[str, list[int]] = {}
    for k, v in enumerate(copies):
        client_of.setdefault(v.id, []).append(k)
    depots = sorted(
        {problem.carers[r.carer].start_location for r in vehicles}
        | {problem.carers[r.carer].end_location for r in vehicles}
    )
    modes = sorted({problem.carers[r.carer].transport for r in vehicles})
    return _Model(vehicles, copies, client_of, dims, allowed, depots, modes)


def _carers(problem: Problem, vehicles: list[ShiftRef], visit: Visit) -> frozenset[ShiftRef]:
    """The day's shifts whose carer may serve ``visit`` (competences, blocked carers)."""
    return frozenset(r for r in vehicles if problem.can_serve(problem.carers[r.carer], visit))


def _solve(
    problem: Problem,
    model: _Model,
    windows: Mapping[str, tuple[int, int]],
    pins: Mapping[str, int],
    band: int,
    initial: Solution | None,
    stop: StoppingCriterion,
    seed: int,
) -> Solution:
    data = _data(problem, model, windows, pins, band)
    start = None
    if initial is not None and initial.routes():
        routes = [
            Route(data, [a.idx for a in r.schedule() if a.is_client()], r.vehicle_type())
            for r in initial.routes()
        ]
        start = Solution(data, routes)
    params = SolveParams(penalty=PenaltyParams(max_penalty=MAX_PENALTY))
    return pyvrp_solve(data, stop=stop, seed=seed, params=params, initial_solution=start).best


def _data(
    problem: Problem,
    model: _Model,
    windows: Mapping[str, tuple[int, int]],
    pins: Mapping[str, int],
    band: int,
) -> ProblemData:
    idx = problem.location_index
    locations = [Location(x=0, y=0) for _ in problem.locations]
    depot_of = {loc: k for k, loc in enumerate(model.depots)}
    depots = [Depot(location=idx[loc]) for loc in model.depots]
    clients = []
    for v in model.copies:
        early, late = windows[v.id]
        if v.id in pins:
            early, late = max(early, pins[v.id] - band), min(late, pins[v.id] + band)
        clients.append(
            Client(
                location=idx[problem.visit_location(v)],
                delivery=[int(model.allowed[v.id] == dim) for dim in model.dimensions],
                service_duration=v.duration,
                tw_early=early,
                tw_late=late,
                prize=PRIZE[v.priority],
                required=False,
            )
        )
    vehicle_types = []
    for ref in model.vehicles:
        carer = problem.carers[ref.carer]
        shift = carer.shifts[ref.shift]
        pause = shift.break_.duration if shift.break_ is not None else 0
        vehicle_types.append(
            VehicleType(
                capacity=[PLENTY if ref in dim else 0 for dim in model.dimensions],
                start_depot=depot_of[carer.start_location],
                end_depot=depot_of[carer.end_location],
                tw_early=shift.start,
                tw_late=shift.end,
                shift_duration=shift.minutes - pause,
                profile=model.modes.index(carer.transport),
                name=f"{carer.id}/{ref.shift}",
            )
        )
    # PyVRP's stubs type matrices as ndarray[int], which numpy's own types cannot name.
    matrices: list[Any] = [np.asarray(problem.travel[m].minutes, dtype=np.int64) for m in model.modes]
    return ProblemData(locations, clients, depots, vehicle_types, matrices, matrices)


def _starts(model: _Model, solution: Solution) -> dict[str, list[int]]:
    """Each planned visit's client start minutes (one per copy)."""
    out: dict[str, list[int]] = {}
    for route in solution.routes():
        for a in route.schedule():
            if a.is_client():
                out.setdefault(model.copies[a.idx].id, []).append(a.start_time)
    return {vid: ts for vid, ts in out.items() if len(ts) == len(model.client_of[vid])}


def _tied_groups(visits: Sequence[Visit]) -> list[list[Visit]]:
    """Visits tied together: a two-carer visit, or visits linked by ``after`` (whole chains),
    in a fixed order; each group's visits ordered so that a visit follows the one it is after."""
    here = {v.id: v for v in visits}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for v in visits:
        if v.after is not None and v.after.visit in here:
            a, b = find(v.id), find(v.after.visit)
            if a != b:
                parent[max(a, b)] = min(a, b)
    out: dict[str, list[Visit]] = {}
    for v in visits:
        out.setdefault(find(v.id), []).append(v)
    tied = [g for g in out.values() if len(g) > 1 or g[0].carers > 1]
    return [_in_order(g, here) for g in sorted(tied, key=lambda g: min(v.id for v in g))]


def _in_order(group: list[Visit], here: Mapping[str, Visit]) -> list[Visit]:
    depth: dict[str, int] = {}

    def of(v: Visit) -> int:
        if v.id not in depth:
            depth[v.id] = 0  # guards a cycle, which the format forbids
            after = v.after.visit if v.after is not None and v.after.visit in here else None
            depth[v.id] = 0 if after is None else of(here[after]) + 1
        return depth[v.id]

    return sorted(group, key=lambda v: (of(v), v.id))


def _pin(
    problem: Problem,
    model: _Model,
    solution: Solution,
    groups: Sequence[list[Visit]],
    windows: Mapping[str, tuple[int, int]],
    pins: Mapping[str, int],
    *,
    fixed: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """A start minute for every visit of ``groups`` that keeps its ties and windows.

    Group by group, in the order of their earliest starts, the times are the earliest ones
    at which every copy fits into its route in ``solution`` as it stands (every client of the
    route inside its window, those pinned already and ``fixed`` at their minute), so the
    pinned problem starts from a solution that keeps all ties where that is possible; where
    it is not, the earliest times that keep the ties at or after the routed starts. A group
    with no such times is not pinned."""
    routes = _Routes(problem, model, solution, windows, fixed or {})
    starts = _starts(model, solution)
    out: dict[str, int] = {}
    order = sorted(groups, key=lambda g: (min(routes.earliest(v.id) for v in g), g[0].id))
    for group in order:
        room = {v.id: routes.room(v.id) for v in group}
        times = None
        if all(r is not None for r in room.values()):
            bounds = {vid: r for vid, r in room.items() if r is not None}
            times = _consistent(group, {vid: lo for vid, (lo, _) in bounds.items()}, bounds)
        if times is None:
            wanted = {
                v.id: max(starts[v.id]) if v.id in starts else pins.get(v.id, windows[v.id][0]) for v in group
            }
            times = _consistent(group, wanted, windows)
        if times is None:
            times = _consistent(group, {v.id: windows[v.id][0] for v in group}, windows)
        if times is not None:
            out.update(times)
            for vid, t in times.items():
                routes.fix(vid, t)
    return out


class _Routes:
    """The solution's routes with, per client, the earliest and latest start that keep every
    client of its route in its window (travel and service times as the model has them)."""

    def __init__(
        self,
        problem: Problem,
        model: _Model,
        solution: Solution,
        windows: Mapping[str, tuple[int, int]],
        fixed: Mapping[str, int],
    ) -> None:
        self.problem, self.model = problem, model
        self.window = {
            k: (fixed[v.id], fixed[v.id]) if v.id in fixed else windows[v.id]
            for k, v in enumerate(model.copies)
        }
        self.route_of: dict[int, int] = {}
        self.seqs: list[tuple[int, list[int]]] = []
        self.span: dict[int, tuple[int, int]] = {}
        for r in solution.routes():
            seq = [a.idx for a in r.schedule() if a.is_client()]
            for k in seq:
                self.route_of[k] = len(self.seqs)
            self.seqs.append((r.vehicle_type(), seq))
        for n in range(len(self.seqs)):
            self._pass(n)

    def _pass(self, n: int) -> None:
        vt, seq = self.seqs[n]
        ref = self.model.vehicles[vt]
        carer = self.problem.carers[ref.carer]
        shift = carer.shifts[ref.shift]
        mode, where = carer.transport, [self.problem.visit_location(self.model.copies[k]) for k in seq]
        early, t, here = [], shift.start, carer.start_location
        for k, loc in zip(seq, where, strict=True):
            t = max(t + self.problem.travel_minutes(mode, here, loc), self.window[k][0])
            early.append(t)
            t, here = t + self.model.copies[k].duration, loc
        late, t, here = [], shift.end, carer.end_location
        for k, loc in zip(reversed(seq), reversed(where), strict=True):
            t = min(
                t - self.problem.travel_minutes(mode, loc, here) - self.model.copies[k].duration,
                self.window[k][1],
            )
            late.append(t)
            here = loc
        for k, e, lt in zip(seq, early, reversed(late), strict=True):
            self.span[k] = (e, lt)

    def earliest(self, vid: str) -> int:
        return min((self.span[k][0] for k in self.model.client_of[vid] if k in self.span), default=0)

    def room(self, vid: str) -> tuple[int, int] | None:
        """The start range every copy of ``vid`` fits in, or ``None``."""
        ks = self.model.client_of[vid]
        if any(k not in self.span for k in ks):
            return None
        lo, hi = max(self.span[k][0] for k in ks), min(self.span[k][1] for k in ks)
        return (lo, hi) if lo <= hi else None

    def fix(self, vid: str, t: int) -> None:
        for k in self.model.client_of[vid]:
            self.window[k] = (t, t)
            if k in self.route_of:
                self._pass(self.route_of[k])


def _consistent(
    group: list[Visit], wanted: Mapping[str, int], windows: Mapping[str, tuple[int, int]]
) -> dict[str, int] | None:
    """Times no earlier than ``wanted`` (a visit may wait, not hurry), moved later as little as
    the ``after`` gaps need; ``None`` if they leave a window."""
    t = {v.id: max(wanted[v.id], windows[v.id][0]) for v in group}
    for _ in range(2 * len(group)):
        moved = False
        for v in group:
            if v.after is None or v.after.visit not in t:
                continue
            a = v.after.visit
            if t[v.id] < t[a] + v.after.min_gap:
                t[v.id], moved = t[a] + v.after.min_gap, True
            elif t[v.id] > t[a] + v.after.max_gap:
                t[a], moved = t[v.id] - v.after.max_gap, True
        if not moved:
            break
    ok = all(windows[v.id][0] <= t[v.id] <= windows[v.id][1] for v in group) and all(
        v.after is None
        or v.after.visit not in t
        or v.after.min_gap <= t[v.id] - t[v.after.visit] <= v.after.max_gap
        for v in group
    )
    return t if ok else None


def _timed(
    problem: Problem, model: _Model, solution: Solution, groups: Sequence[list[Visit]]
) -> Routed | None:
    """The solution's routes with every visit started as early as its route, its window and its
    ties allow (lateness included). A tied group that is not whole in the routes, or that ties
    routes in a knot (no such times, as when two carers meet two pairs in opposite orders) is
    left out, for repair; ``None`` if a visit would be later than allowed or a shift too long."""
    seqs = [
        (model.vehicles[r.vehicle_type()], [a.idx for a in r.schedule() if a.is_client()])
        for r in solution.routes()
    ]
    planned = {model.copies[k].id for _, seq in seqs for k in seq}
    planned = {
        vid
        for vid in planned
        if len(model.client_of[vid]) == sum(model.copies[k].id == vid for _, seq in seqs for k in seq)
    }
    group_of = {v.id: [g.id for g in group] for group in groups for v in group}
    keep = {vid for vid in planned if all(g in planned for g in group_of.get(vid, [vid]))}
    for _ in range(KNOTS_CUT):
        start = _earliest(problem, model, seqs, keep)
        if isinstance(start, dict):
            break
        keep -= set(group_of.get(start, [start]))
    else:
        return None
    out: Routed = {}
    for ref, seq in seqs:
        carer = problem.carers[ref.carer]
        stops = [(model.copies[k].id, start[model.copies[k].id]) for k in seq if model.copies[k].id in keep]
        if any(t > problem.visit_by_id[vid].latest_start for vid, t in stops):
            return None
        if stops:
            last = problem.visit_by_id[stops[-1][0]]
            back = problem.travel_minutes(carer.transport, problem.visit_location(last), carer.end_location)
            if stops[-1][1] + last.duration + back > carer.shifts[ref.shift].end:
                return None
        out[ref] = stops
    return out


def _earliest(
    problem: Problem, model: _Model, seqs: Sequence[tuple[ShiftRef, list[int]]], keep: set[str]
) -> dict[str, int] | str:
    """Earliest starts of the visits in ``keep`` along ``seqs`` with their ties: a longest-path
    fixed point; if it is not reached within ``KNOT_PASSES`` passes, the latest-moving visit
    (one in a knot)."""
    start = {vid: problem.visit_by_id[vid].window[0] for vid in keep}
    for _ in range(KNOT_PASSES):
        moved: list[str] = []
        for ref, seq in seqs:
            carer = problem.carers[ref.carer]
            here, clock = carer.start_location, carer.shifts[ref.shift].start
            for k in seq:
                v = model.copies[k]
                if v.id not in keep:
                    continue
                loc = problem.visit_location(v)
                t = max(start[v.id], clock + problem.travel_minutes(carer.transport, here, loc))
                if v.after is not None and v.after.visit in start:
                    t = max(t, start[v.after.visit] + v.after.min_gap)
                if t > start[v.id]:
                    start[v.id] = t
                    moved.append(v.id)
                here, clock = loc, t + v.duration
        for vid in sorted(keep):
            after = problem.visit_by_id[vid].after
            if after is not None and after.visit in start and start[vid] - after.max_gap > start[after.visit]:
                start[after.visit] = start[vid] - after.max_gap
                moved.append(after.visit)
        if not moved:
            return start
    return max(moved, key=lambda vid: (start[vid] - problem.visit_by_id[vid].window[1], vid))


def _routed(
    model: _Model, solution: Solution, groups: Sequence[list[Visit]], pins: Mapping[str, int]
) -> Routed:
    """Shifts and starts of the solution's visits; a tied visit only where its whole group kept
    its pins (else the group is left to repair, which places it whole)."""
    starts = _starts(model, solution)
    broken = {
        v.id
        for g in groups
        if not all(v.id in starts and all(t == pins.get(v.id) for t in starts[v.id]) for v in g)
        for v in g
    }
    out: Routed = {}
    for route in solution.routes():
        seq = []
        for a in route.schedule():
            vid = model.copies[a.idx].id if a.is_client() else None
            if vid is not None and vid in starts and vid not in broken:
                seq.append((vid, a.start_time))
        out[model.vehicles[route.vehicle_type()]] = seq
    return out
