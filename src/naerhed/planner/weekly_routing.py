# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 2a: the week's routing, one OR-Tools model per day and team, made continuity-aware.

A whole day at once is too large for OR-Tools' search (it finds poor routes or
none), so the day is cut where home care cuts it: one model per day and team,
and one per night for the night shifts, which serve every team. A visit that no
carer of its model may take is left to repair, which sees every shift.

Continuity is built across the days. The first pass routes the models day by day;
a carer the citizen has not had on an earlier day costs ``params.routing_new_carer`` percent of that
pair's weekly continuity cost per visit. So the first day is routed for travel
and each later day repeats the routes before it where that is cheap. Later passes
re-route each model with the carers the citizen has on all *other* days of the
week as the free ones: the weekly objective, one day at a time. Passes run until
the deadline.

Every model is routed by OR-Tools started from PyVRP's routes of its relaxation
(:mod:`naerhed.planner.pyvrp_start`) with the same charges. In a later pass the
two-carer visits are pinned at their current starts, so they are in PyVRP's routes
too, and the current routes stay where they cost less than the new ones.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from naerhed.planner.backends.cpsat_carers import DayRoute, assign_routes, options, pair_cost
from naerhed.planner.backends.ortools_routing import DayInput, Routed, route_day
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.model import MINUTES_PER_DAY, Problem, Shift, Visit
from naerhed.planner.params import Progress, SolveParams
from naerhed.planner.plan import Route
from naerhed.planner.pyvrp_start import pyvrp_routes
from naerhed.planner.stage2 import timeline
from naerhed.planner.timeline import replay

NIGHT_ENDS = 360  # visits starting before 06:00 belong to the night shifts
REASSIGN_SHARE = 0.06  # of the routing time, for handing whole routes to other carers
FIRST_PASS_SHARE = 0.5  # of the routing time; the rest goes to the re-routing passes
MAX_PASSES = 6  # at most: later passes change little, and a cap keeps small runs repeatable
PYVRP_START_SHARE = 0.5  # of a model's time, for PyVRP's routes OR-Tools starts from
PYVRP_IN_PASSES = True  # later passes start from PyVRP too (two-carer visits pinned), keeping the cheaper

Key = tuple[int, str]


@dataclass(frozen=True)
class RouteGroup:
    """One routing model: a day and a team (or ``"night"``), its shifts and its visits."""

    key: Key
    vehicles: tuple[ShiftRef, ...]
    visits: tuple[Visit, ...]


def _day_of_shift(shift: Shift) -> int:
    """The day a shift belongs to: where its middle falls, so a night shift joins the night's visits."""
    return (shift.start + shift.end) // 2 // MINUTES_PER_DAY


def _night_shift(shift: Shift) -> bool:
    """A shift over midnight, or the tail of one at the start of the horizon."""
    return (
        shift.start // MINUTES_PER_DAY != (shift.end - 1) // MINUTES_PER_DAY
        or shift.start % MINUTES_PER_DAY < NIGHT_ENDS
    )


def split(problem: Problem, elig: Eligibility, visits: Sequence[Visit]) -> list[RouteGroup]:
    """The non-remote ``visits`` cut into routing models by day and team (or night), in day order.

    A visit goes to the night model when it starts before 06:00, else to its citizen's
    team's; failing that, to the model with most carers who may take it (a late visit
    only the night shift covers goes to that night's model).
    """
    vehicles: dict[Key, list[ShiftRef]] = {}
    key_of: dict[ShiftRef, Key] = {}
    for ci, carer in enumerate(problem.carers):
        for si, shift in enumerate(carer.shifts):
            key = (_day_of_shift(shift), "night" if _night_shift(shift) else carer.team)
            vehicles.setdefault(key, []).append(ShiftRef(ci, si))
            key_of[ShiftRef(ci, si)] = key
    todo: dict[Key, list[Visit]] = {}
    for v in visits:
        if v.remote:
            continue
        team = problem.citizen_by_id[v.citizen].team
        night = v.window[0] % MINUTES_PER_DAY < NIGHT_ENDS
        keys = [(v.day, "night"), (v.day, team)] if night else [(v.day, team), (v.day, "night")]
        carers: dict[Key, set[int]] = {}
        for r in elig.shifts[v.id]:
            carers.setdefault(key_of[r], set()).add(r.carer)
        keys += sorted(set(carers) - set(keys), key=lambda k: (-len(carers[k]), k))
        fits = [k for k in keys if len(carers.get(k, ())) >= v.carers]
        todo.setdefault(fits[0] if fits else keys[0], []).append(v)
    return [RouteGroup(k, tuple(vehicles.get(k, ())), tuple(todo[k])) for k in sorted(todo)]


def coverage(problem: Problem, elig: Eligibility, visits: Sequence[Visit]) -> dict[tuple[str, int], float]:
    """Per (citizen, carer), the share of the citizen's ``visits`` the carer has a shift for."""
    count: dict[tuple[str, int], int] = {}
    total: dict[str, int] = {}
    for v in visits:
        total[v.citizen] = total.get(v.citizen, 0) + 1
        for c in elig.carers(v.id):
            count[v.citizen, c] = count.get((v.citizen, c), 0) + 1
    return {(cid, c): n / total[cid] for (cid, c), n in count.items()}


def _charges(
    problem: Problem,
    params: SolveParams,
    visits: Sequence[Visit],
    allowed: Mapping[str, Sequence[ShiftRef]],
    free: Mapping[str, set[int]],
    cover: Mapping[tuple[str, int], float],
) -> dict[tuple[str, int], int]:
    """Per (visit, carer) outside the citizen's ``free`` carers, the share of the pair's cost,
    more for a carer who cannot take much of the citizen's week."""
    out: dict[tuple[str, int], int] = {}
    for v in visits:
        citizen = problem.citizen_by_id[v.citizen]
        for ref in allowed[v.id]:
            if ref.carer in free.get(v.citizen, set()):
                continue
            carer = problem.carers[ref.carer]
            rank = citizen.preferred_carers.index(carer.id) if carer.id in citizen.preferred_carers else None
            cost = params.pair_cost(own_team=carer.team == citizen.team, preferred_rank=rank)
            missed = 1.0 - cover.get((v.citizen, ref.carer), 0.0)
            out[v.id, ref.carer] = round(
                cost * (params.routing_new_carer + params.routing_uncovered * missed) / 100
            )
    return out


def _carers_by_citizen(
    problem: Problem, routed: Mapping[Key, Routed], skip: Key | None
) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for key, routes in routed.items():
        if key == skip:
            continue
        for ref, seq in routes.items():
            for vid, _ in seq:
                out.setdefault(problem.visit_by_id[vid].citizen, set()).add(ref.carer)
    return out


def _travel_of(problem: Problem) -> Callable[[ShiftRef, list[tuple[str, int]]], int | None]:
    def travel(ref: ShiftRef, seq: list[tuple[str, int]]) -> int | None:
        stops = timeline(problem, ref, seq)
        if stops is None:
            return None
        return replay(problem, Route(problem.carers[ref.carer].id, ref.shift, stops)).travel

    return travel


def reassign(
    problem: Problem,
    params: SolveParams,
    elig: Eligibility,
    groups: Sequence[RouteGroup],
    routed: Mapping[Key, Routed],
    *,
    budget: float,
) -> dict[Key, Routed]:
    """Whole routes handed to other shifts of their model where that serves the week's continuity."""
    travel = _travel_of(problem)
    keys: list[Key] = []
    routes: list[DayRoute] = []
    for g in groups:
        for ref, seq in sorted(routed.get(g.key, {}).items(), key=lambda kv: (kv[0].carer, kv[0].shift)):
            if seq:
                keys.append(g.key)
                routes.append(options(problem, elig, seq, ref, g.vehicles, travel))
    chosen = assign_routes(problem, params, routes, budget=budget)
    out: dict[Key, Routed] = {g.key: {} for g in groups}
    for key, route, ref in zip(keys, routes, chosen, strict=True):
        out[key][ref] = route.seq
    return out


def route_week(
    problem: Problem,
    params: SolveParams,
    elig: Eligibility,
    visits: Sequence[Visit],
    *,
    deadline: float,
    on_progress: Callable[[Progress], None] | None = None,
    started: float | None = None,
) -> Routed:
    """Per shift, the visits routed there in order with their routed start minutes.

    After the first pass a model also offers the visits of its day that no model has
    routed and that its shifts may take, so a team's carers can help another team.
    """
    started = time.monotonic() if started is None else started
    reassign_budget = REASSIGN_SHARE * max(0.0, deadline - time.monotonic())
    end_passes, deadline = deadline - reassign_budget, deadline
    groups = split(problem, elig, visits)
    cover = coverage(problem, elig, visits)
    owner = {v.id: g.key for g in groups for v in g.visits}
    of_day: dict[int, list[Visit]] = {}
    for g in groups:
        of_day.setdefault(g.key[0], []).extend(g.visits)
    total = sum(len(g.visits) for g in groups) or 1
    routed: dict[Key, Routed] = {}
    first = FIRST_PASS_SHARE * max(0.0, end_passes - time.monotonic())
    for g in groups:
        free = _carers_by_citizen(problem, routed, None)
        routed[g.key] = _route(
            problem, params, elig, g, g.visits, free, cover, first * len(g.visits) / total, None
        )
    _report(problem, params, visits, routed, on_progress, started)
    changed, passes = True, 1
    while changed and passes < MAX_PASSES and time.monotonic() < end_passes - 0.5:
        changed, passes = False, passes + 1
        per_visit = max(0.0, end_passes - time.monotonic()) / total
        for g in _leftovers_first(groups, of_day, _done(routed), elig):
            if time.monotonic() >= end_passes - 0.1:
                break
            done = _done(routed)
            mine = [
                v
                for v in of_day[g.key[0]]
                if owner[v.id] == g.key or (v.id not in done and set(elig.shifts[v.id]) & set(g.vehicles))
            ]
            free = _carers_by_citizen(problem, routed, g.key)
            seconds = per_visit * len(mine)
            again = _route(problem, params, elig, g, mine, free, cover, seconds, routed[g.key])
            if (again or not routed[g.key]) and again != routed[g.key]:
                routed[g.key], changed = again, True
                owner.update({vid: g.key for seq in again.values() for vid, _ in seq})
        _report(problem, params, visits, routed, on_progress, started)
    routed = reassign(problem, params, elig, groups, routed, budget=max(0.1, deadline - time.monotonic()))
    _report(problem, params, visits, routed, on_progress, started)
    out: Routed = {}
    for routes in routed.values():
        out.update(routes)
    return out


def _done(routed: Mapping[Key, Routed]) -> set[str]:
    return {vid for routes in routed.values() for seq in routes.values() for vid, _ in seq}


def _leftovers_first(
    groups: Sequence[RouteGroup], of_day: Mapping[int, Sequence[Visit]], done: set[str], elig: Eligibility
) -> list[RouteGroup]:
    """The models whose shifts may take a visit of their day that no model routed come first:
    on a short budget, planning visits matters more than polishing routes."""

    def waiting(g: RouteGroup) -> bool:
        on = set(g.vehicles)
        return any(v.id not in done and on & set(elig.shifts[v.id]) for v in of_day[g.key[0]])

    return sorted(groups, key=lambda g: (not waiting(g), g.key))


def _route(
    problem: Problem,
    params: SolveParams,
    elig: Eligibility,
    group: RouteGroup,
    visits: Sequence[Visit],
    free: Mapping[str, set[int]],
    cover: Mapping[tuple[str, int], float],
    seconds: float,
    initial: Routed | None,
) -> Routed:
    """One model: ``visits`` on the group's shifts, charging for carers outside ``free``."""
    on = set(group.vehicles)
    allowed = {v.id: [r for r in elig.shifts[v.id] if r in on] for v in visits}
    charge = _charges(problem, params, visits, allowed, free, cover)
    day = DayInput(list(group.vehicles), list(visits), allowed, charge)
    if PYVRP_START_SHARE <= 0 or (initial is not None and not PYVRP_IN_PASSES):
        return route_day(problem, params, day, seconds=seconds, initial=initial)
    started = time.monotonic()
    # In a later pass the two-carer visits keep their routed starts, so PyVRP can route them
    # (two copies at one minute are on two shifts) and OR-Tools can start from them.
    pinned = {
        vid: t for seq in (initial or {}).values() for vid, t in seq if problem.visit_by_id[vid].carers == 2
    }
    day.initial = pyvrp_routes(
        problem,
        params,
        group.vehicles,
        visits,
        allowed,
        charge,
        seconds=PYVRP_START_SHARE * seconds,
        pinned=pinned,
    )
    seconds = max(0.0, seconds - (time.monotonic() - started))
    found = route_day(problem, params, day, seconds=seconds)
    if initial is None and priority_one_left(visits, found):
        # OR-Tools inserts one visit at a time, so from PyVRP's routes it may fail to add a
        # two-carer visit whose copies PyVRP did not hold; its own first solution builds them in.
        own = route_day(
            problem, params, DayInput(list(group.vehicles), list(visits), allowed, charge), seconds=seconds
        )
        if _cost(problem, params, visits, charge, own) < _cost(problem, params, visits, charge, found):
            found = own
    if initial is not None and _cost(problem, params, visits, charge, initial) <= _cost(
        problem, params, visits, charge, found
    ):
        return initial
    return found


def priority_one_left(visits: Sequence[Visit], routes: Routed) -> bool:
    """Is a priority-1 home visit of ``visits`` not in ``routes``?"""
    done = {vid for seq in routes.values() for vid, _ in seq}
    return any(v.priority == 1 and not v.remote and v.id not in done for v in visits)


def _cost(
    problem: Problem,
    params: SolveParams,
    visits: Sequence[Visit],
    charge: Mapping[tuple[str, int], int],
    routes: Routed,
) -> int:
    """The routing objective of ``routes`` (breaks aside): travel, charges and visits left out."""
    done = {vid for seq in routes.values() for vid, _ in seq}
    lost = sum(params.unassigned_penalty[v.priority] for v in visits if v.id not in done)
    travel = sum(_leg_minutes(problem, ref, seq) for ref, seq in routes.items())
    charged = sum(charge.get((vid, ref.carer), 0) for ref, seq in routes.items() for vid, _ in seq)
    return lost + params.travel_per_minute * travel + charged


def _report(
    problem: Problem,
    params: SolveParams,
    visits: Sequence[Visit],
    routed: Mapping[Key, Routed],
    on_progress: Callable[[Progress], None] | None,
    started: float,
) -> None:
    """A :class:`Progress` report for the routes so far: travel as routed (breaks aside), the
    mean distinct carers, home visits not routed (remote ones wait for repair), and the objective
    they give."""
    if on_progress is None:
        return
    carers = _carers_by_citizen(problem, routed, None)
    travel = sum(_leg_minutes(problem, ref, seq) for routes in routed.values() for ref, seq in routes.items())
    done = {vid for routes in routed.values() for seq in routes.values() for vid, _ in seq}
    left = [v for v in visits if v.id not in done and not v.remote]
    objective = params.travel_per_minute * travel + sum(params.unassigned_penalty[v.priority] for v in left)
    objective += sum(pair_cost(problem, params, cid, ci) for cid, cs in carers.items() for ci in cs)
    mean = sum(len(cs) for cs in carers.values()) / max(1, len(carers))
    on_progress(Progress(time.monotonic() - started, float(objective), len(left), mean, travel))


def _leg_minutes(problem: Problem, ref: ShiftRef, seq: Sequence[tuple[str, int]]) -> int:
    carer = problem.carers[ref.carer]
    places = [problem.visit_location(problem.visit_by_id[vid]) for vid, _ in seq]
    stops = [carer.start_location, *places, carer.end_location]
    return sum(problem.travel_minutes(carer.transport, a, b) for a, b in itertools.pairwise(stops))
