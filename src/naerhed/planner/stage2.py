# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 2 driver: daily routing with OR-Tools, then exact timing with CP-SAT.

:func:`route_days` builds one routing model per day whose arc costs charge for
carers outside each citizen's home carers (from stage 1). :func:`exact_routes`
turns the routed order and times into timelines under the format's exact rules
(breaks where the carer is, travel after them); where that fails, a greedy
insertion takes over. CP-SAT then re-times each shift, or each group of shifts
linked by a two-carer or ``after`` visit, started from those timelines, and its
answer is kept only if it is no worse.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from naerhed.planner.backends.cpsat_routes import Sequenced, Task, route_group
from naerhed.planner.backends.ortools_routing import DayInput, Routed, route_day
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.model import MINUTES_PER_DAY, Problem, Shift, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import BreakStop, Route, Stop, VisitStop
from naerhed.planner.repair import Board, insert_group, lateness, linked_group
from naerhed.planner.timeline import replay, route_problems

CHARGE_DIVISOR = 4  # a new carer costs a quarter of its weekly continuity cost per visit (measured)


def _key(ref: ShiftRef) -> tuple[int, int]:
    return ref.carer, ref.shift


def _new_carer(problem: Problem, params: SolveParams, visit: Visit, ref: ShiftRef) -> int:
    citizen, carer = problem.citizen_by_id[visit.citizen], problem.carers[ref.carer]
    rank = citizen.preferred_carers.index(carer.id) if carer.id in citizen.preferred_carers else None
    return params.pair_cost(own_team=carer.team == citizen.team, preferred_rank=rank)


def groups(problem: Problem, all_tasks: Sequence[Task]) -> list[list[Task]]:
    """Tasks split into groups that share no shift and no ``after`` link, in a fixed order."""
    parent: dict[ShiftRef, ShiftRef] = {}

    def find(ref: ShiftRef) -> ShiftRef:
        while parent.setdefault(ref, ref) != ref:
            ref = parent[ref]
        return ref

    def union(a: ShiftRef, b: ShiftRef) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=_key)] = min(ra, rb, key=_key)

    anchor = {t.visit.id: t.shifts[0] for t in all_tasks}
    for t in all_tasks:
        for ref in t.shifts:
            union(t.shifts[0], ref)
        if t.visit.after is not None and t.visit.after.visit in anchor:
            union(t.shifts[0], anchor[t.visit.after.visit])
    out: dict[ShiftRef, list[Task]] = {}
    for t in all_tasks:
        out.setdefault(find(t.shifts[0]), []).append(t)
    return [out[root] for root in sorted(out, key=_key)]


def greedy(
    problem: Problem, params: SolveParams, group: Sequence[Task], order: Mapping[str, int]
) -> Sequenced:
    """Insert the group's visits one by one into their shifts, in ``order`` (e.g. the routed
    start times) and then by window, each where it adds least."""
    board = Board(problem, params, {})
    where = {t.visit.id: t.shifts for t in group}
    todo = sorted(where, key=lambda vid: (order.get(vid, 0), problem.visit_by_id[vid].window, vid))
    pending = set(todo)
    for vid in todo:
        if vid in pending:
            linked = linked_group(problem, problem.visit_by_id[vid], pending)
            if insert_group(problem, board, linked, where):
                pending -= {v.id for v in linked}
    return Sequenced(dict(board.stops), set(where) - set(board.start))


def _fixed(problem: Problem, routes: Mapping[ShiftRef, tuple[Stop, ...]]) -> list[Task]:
    """One task per visit on ``routes``, allowed only in the shifts it is in."""
    where: dict[str, list[ShiftRef]] = {}
    for ref in sorted(routes, key=_key):
        for stop in routes[ref]:
            if isinstance(stop, VisitStop):
                where.setdefault(stop.visit, []).append(ref)
    return [Task(problem.visit_by_id[vid], tuple(refs), {}) for vid, refs in sorted(where.items())]


def _score(problem: Problem, params: SolveParams, result: Sequenced, floor: int = 0) -> tuple[int, int]:
    lost = sum(params.unassigned_penalty[problem.visit_by_id[v].priority] for v in result.dropped)
    travel = sum(
        replay(problem, Route(problem.carers[r.carer].id, r.shift, st)).travel
        for r, st in result.routes.items()
    )
    late, top = lateness(problem, result.routes)
    cost = params.travel_per_minute * travel + params.late_per_minute * late
    return lost, cost + params.max_late_per_minute * max(floor, top)


def exact_routes(
    problem: Problem,
    params: SolveParams,
    visits: Sequence[Visit],
    routed: Routed,
    *,
    seed: int,
    budget: float,
    deadline: float | None = None,
) -> tuple[dict[ShiftRef, tuple[Stop, ...]], set[str]]:
    """Time the routed visits exactly: the routed order and times where they replay cleanly
    (else a greedy insertion), then CP-SAT per shift (or linked shifts) started from them.
    Returns the stops per shift and the visits left out. Past ``deadline`` (``time.monotonic``)
    the CP-SAT step is skipped and the timelines are kept as they are."""
    chosen = chosen_shifts(routed)
    todo = [Task(v, chosen[v.id], {}) for v in visits if chosen.get(v.id)]
    dropped = {v.id for v in visits} - {t.visit.id for t in todo}
    packed = _pack(problem, params, todo, routed)
    fixed = groups(problem, todo)
    total = sum(len(p) for p in fixed) or 1
    routes: dict[ShiftRef, tuple[Stop, ...]] = {}
    top = {k: lateness(problem, _starts(packed, part))[1] for k, part in enumerate(fixed)}
    for k, part in enumerate(fixed):
        start = _starts(packed, part)
        floor = max((t for j, t in top.items() if j != k), default=0)
        placed = {s.visit for st in start.values() for s in st if isinstance(s, VisitStop)}
        first = Sequenced(start, {t.visit.id for t in part} - placed)
        share = budget * len(part) / total
        if deadline is not None:
            share = min(share, deadline - time.monotonic())
        if share < 0.05 and not first.dropped:
            routes.update(first.routes)
            top[k] = lateness(problem, first.routes)[1]
            continue
        found = route_group(
            problem, params, part, seed=seed, budget=max(0.05, share), start=start, late_floor=floor
        )
        score = _score(problem, params, found, floor) <= _score(problem, params, first, floor)
        best = found if score else first
        routes.update(best.routes)
        dropped |= best.dropped
        top[k] = lateness(problem, best.routes)[1]
    return routes, dropped


def _starts(
    packed: Mapping[ShiftRef, tuple[Stop, ...]], part: Sequence[Task]
) -> dict[ShiftRef, tuple[Stop, ...]]:
    return {ref: packed[ref] for ref in {r for t in part for r in t.shifts} if ref in packed}


def _pack(
    problem: Problem, params: SolveParams, todo: Sequence[Task], routed: Routed
) -> dict[ShiftRef, tuple[Stop, ...]]:
    """Feasible timelines: the routed ones where they replay cleanly; a greedy insertion for
    the shifts where they do not (for their whole group if a visit there is linked elsewhere)."""
    packed: dict[ShiftRef, tuple[Stop, ...]] = {}
    starts = {vid: t for seq in routed.values() for vid, t in seq}
    followed = {v.after.visit for v in problem.visits if v.after is not None}
    for part in groups(problem, todo):
        refs = {r for t in part for r in t.shifts}
        timed = {ref: timeline(problem, ref, routed.get(ref, [])) for ref in refs}
        packed.update({ref: t for ref, t in timed.items() if t is not None})
        bad = [t for t in part if any(timed[r] is None for r in t.shifts)]
        if any(len(t.shifts) > 1 or t.visit.after is not None or t.visit.id in followed for t in bad):
            for ref in refs:
                packed.pop(ref, None)
            packed.update(greedy(problem, params, part, starts).routes)
        elif bad:
            packed.update(greedy(problem, params, bad, starts).routes)
    return packed


def _day_of_shift(shift: Shift) -> int:
    """The day a shift belongs to: where its middle falls, so a night shift joins the night's visits."""
    return (shift.start + shift.end) // 2 // MINUTES_PER_DAY


def route_days(
    problem: Problem,
    params: SolveParams,
    elig: Eligibility,
    visits: Sequence[Visit],
    home: Mapping[str, set[int]],
    *,
    seconds: float,
    count_limit: bool = True,
    initial: Mapping[ShiftRef, Sequence[str]] | None = None,
) -> Routed:
    """Stage 2a: the shifts OR-Tools routing gives each non-remote visit, day by day.

    ``home`` holds each citizen's carers from stage 1; any other carer costs a quarter of the
    continuity cost of a new carer per visit. Without ``count_limit`` each day's search runs
    until its share of ``seconds`` is used (it is the main search then, see :mod:`solve`).
    ``initial`` gives visit ids per shift in order for the search to start from.
    """
    shifts_by_day: dict[int, list[ShiftRef]] = {}
    for ci, carer in enumerate(problem.carers):
        for si, shift in enumerate(carer.shifts):
            shifts_by_day.setdefault(_day_of_shift(shift), []).append(ShiftRef(ci, si))
    visits_by_day: dict[int, list[Visit]] = {}
    for v in visits:
        if not v.remote:
            visits_by_day.setdefault(v.day, []).append(v)
    total = sum(len(vs) for vs in visits_by_day.values()) or 1
    out: Routed = {}
    for day in sorted(visits_by_day):
        vehicles = shifts_by_day.get(day, [])
        on = set(vehicles)
        allowed = {v.id: [r for r in elig.shifts[v.id] if r in on] for v in visits_by_day[day]}
        charge = {
            (v.id, r.carer): _new_carer(problem, params, v, r) // CHARGE_DIVISOR
            for v in visits_by_day[day]
            for r in allowed[v.id]
            if r.carer not in home.get(v.citizen, set())
        }
        first = {ref: (initial or {}).get(ref, ()) for ref in vehicles}
        day_input = DayInput(vehicles, visits_by_day[day], allowed, charge, count_limit, first)
        out.update(route_day(problem, params, day_input, seconds=seconds * len(visits_by_day[day]) / total))
    return out


def chosen_shifts(routed: Routed) -> dict[str, tuple[ShiftRef, ...]]:
    """For each routed visit, its shifts (one per copy) in carer order."""
    out: dict[str, list[ShiftRef]] = {}
    for ref in sorted(routed, key=_key):
        for vid, _ in routed[ref]:
            out.setdefault(vid, []).append(ref)
    return {vid: tuple(refs) for vid, refs in out.items()}


def timeline(problem: Problem, ref: ShiftRef, seq: Sequence[tuple[str, int]]) -> tuple[Stop, ...] | None:
    """The routed visits at their routed starts, with the break put in the first gap where it
    fits under the format's rules; ``None`` if the result does not replay cleanly."""
    carer = problem.carers[ref.carer]
    shift = carer.shifts[ref.shift]
    visits: list[Stop] = [VisitStop(v, t) for v, t in sorted(seq, key=lambda x: x[1])]
    b = shift.break_
    options: list[tuple[Stop, ...]] = [tuple(visits)]
    if b is not None:
        ends = [shift.start] + [
            s.start + problem.visit_by_id[s.visit].duration for s in visits if isinstance(s, VisitStop)
        ]
        options = [
            (*visits[:k], BreakStop(max(b.earliest, ends[k]), b.duration), *visits[k:])
            for k in range(len(visits) + 1)
            if max(b.earliest, ends[k]) <= b.latest
        ]
    for stops in options:
        if not route_problems(problem, Route(carer.id, ref.shift, stops)):
            return stops
    return None
