# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The planning engine's entry point: ``solve(problem, params, *, seed) -> Plan``.

A decomposition around solver libraries:

1. routing (:mod:`weekly_routing`): one OR-Tools model per day and team (and per
   night), solved day after day with a charge for every carer a citizen does not
   already have on another day, each started from PyVRP's routes of the model's
   relaxation with the same charges (:mod:`pyvrp_start`), then re-routed pass after
   pass (from PyVRP's routes again, two-carer visits pinned at their current starts,
   keeping the current routes where those are cheaper) until the routing share of the
   time is used;
2. the week's carers (CP-SAT, :mod:`backends.cpsat_carers`): whole routes handed to
   other shifts of their model where that lowers continuity and travel costs;
3. exact timing (CP-SAT, :mod:`backends.cpsat_routes`) of the routed shifts under
   the format's rules, started from the routed times;
4. repair: what is left (remote visits, visits routing dropped) goes to a carer the
   citizen already has where it fits or where re-timing one of their shifts makes
   room (:mod:`retime`), else wherever it fits; a visit that fits nowhere may eject
   one of lower priority (:mod:`evict`);
5. continuity: a carer seen rarely by a citizen hands their visits to the citizen's
   other carers where that fits and pays (:mod:`improve`);
6. verification: every route is replayed and the plan checked; a visit in a broken
   rule goes to ``unassigned`` rather than reach the caller (:mod:`summary`).

Time is wall-clock and every stage knows its deadline: of ``time_limit`` less a
reserve for bounds and checks, ``ROUTING_SHARE`` goes to stages 1–2,
``EXACT_SHARE`` to stage 3 and the rest to stages 4–5, so the whole solve stays
within ``time_limit``. The routing search stops on a solution count on small days
and on the clock on large ones, so on a loaded machine two runs with the same seed
can differ on large instances.

A problem without a continuity aspect (:func:`has_continuity`: one day per citizen,
or no continuity weights) has no week to route and no continuity to improve. Its
routing options are a greedy insertion, PyVRP with its ties pinned
(:mod:`backends.pyvrp_routes`, ``PYVRP_SHARE`` of the time, two candidates) and
OR-Tools routing (``ROUTING_FIRST_SHARE`` of the time, a fifth of it where PyVRP gave
candidates; a third from its own first solution, the rest from the greedy one); each
is timed exactly, what it left out is inserted where that fits, and the cheapest is
kept. The rest of the time, after repair, goes to a large neighbourhood search whose
steps CP-SAT solves (:mod:`lns`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from naerhed.planner.backends import pyvrp_routes
from naerhed.planner.backends.cpsat_carers import pair_cost
from naerhed.planner.backends.cpsat_routes import Task
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.evict import insert_ejecting
from naerhed.planner.explain import CAPACITY, lower_bound_distinct_carers, unplannable
from naerhed.planner.improve import improve_continuity
from naerhed.planner.lns import cost, improve_routes
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import Progress, SolveParams
from naerhed.planner.plan import Plan, Stop, VisitStop
from naerhed.planner.repair import Board, insert_group, insert_visit, linked_group
from naerhed.planner.retime import least_busy, retime_into, retime_pair_into
from naerhed.planner.stage2 import exact_routes, greedy, route_days
from naerhed.planner.summary import finish_plan
from naerhed.planner.weekly_routing import route_week

SOLVER = "naerhed-cpsat 0.1"
RESERVE_PER_CITIZEN = 0.05
WEEK_RESERVE_PER_CITIZEN = 0.02  # bounds are computed inside the budget on a week
ROUTING_SHARE = 0.87
EXACT_SHARE = 0.07
KNOWN_SHIFTS_TRIED = 2
ROOM_TRIES = 6  # shifts re-timed to make room for a visit left out
PAIR_ROOM_TRIES = 30  # pairs of shifts re-timed for a two-carer visit left out (within the deadline)
ROUTING_FIRST_SHARE = 0.5  # of the search time, for routing when there is no continuity aspect
PYVRP_SHARE = 0.4  # of the search time, for PyVRP with pinned ties (:mod:`backends.pyvrp_routes`)
ROUTING_WITH_PYVRP = 0.2  # of the routing share left to OR-Tools where PyVRP gives candidates
MEND_SHARE = 0.06  # of the search time, per routing option, to insert what it left out before comparing
LNS_STEPS_PER_ROUTE = 2  # neighbourhood steps per route unless ``use_whole_time``


def solve(
    problem: Problem,
    params: SolveParams | None = None,
    *,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
) -> Plan:
    """Plan the week of ``problem`` within ``params.time_limit`` seconds of wall-clock time.

    The plan always satisfies every hard rule of ``naerhed-plan/1``; visits that
    cannot be planned are in ``unassigned`` with a plain reason. ``on_progress``
    is called with :class:`Progress` reports after each routing pass and once at
    the end. The same problem, parameters and seed give the same plan when the
    routing search stops on its solution count rather than the clock (small
    instances, or a quiet machine).
    """
    params = params or SolveParams()
    started = time.monotonic()
    search = _search_seconds(problem, params)
    elig = Eligibility(problem)
    reasons = unplannable(problem, elig)
    todo = tuple(v for v in problem.visits if v.id not in reasons)
    # Bounds for every citizen's plannable visits now, inside the budget; the final step
    # computes only those of citizens with a visit left out.
    known = _bounds(problem, elig, todo)
    week = has_continuity(problem, params)
    if week:
        routed = route_week(
            problem,
            params,
            elig,
            todo,
            deadline=started + ROUTING_SHARE * search,
            on_progress=on_progress,
            started=started,
        )
        routes, dropped = exact_routes(
            problem,
            params,
            todo,
            routed,
            seed=seed,
            budget=EXACT_SHARE * search,
            deadline=started + (ROUTING_SHARE + EXACT_SHARE) * search,
        )
    else:
        routes, dropped = _routing_first(problem, params, elig, todo, seed=seed, seconds=search)

    board = Board(problem, params, routes)
    leftover = _repair(problem, board, dropped, elig, deadline=started + search)
    if week:
        improve_continuity(problem, board, elig, deadline=started + search)
    else:
        steps = None if params.use_whole_time else LNS_STEPS_PER_ROUTE * len(board.stops)
        stops, leftover = improve_routes(
            problem,
            params,
            elig,
            board.stops,
            leftover,
            seed=seed,
            deadline=started + 0.95 * search,
            steps=steps,
        )
        board = Board(problem, params, stops)
    reasons.update({vid: CAPACITY for vid in leftover})
    meta = {"solver": SOLVER, "seed": seed}
    plan = finish_plan(problem, board.stops, reasons, elig, meta=meta, started=started, known_bounds=known)
    if on_progress is not None:
        on_progress(_progress(plan, started, params, problem))
    return plan


def _bounds(problem: Problem, elig: Eligibility, todo: tuple[Visit, ...]) -> dict[tuple[str, ...], int]:
    by_citizen: dict[str, list[str]] = {}
    for v in todo:
        by_citizen.setdefault(v.citizen, []).append(v.id)
    out = {}
    for vids in by_citizen.values():
        key = tuple(sorted(vids))
        out[key] = lower_bound_distinct_carers(problem, elig, key)
    return out


def _routing_first(
    problem: Problem,
    params: SolveParams,
    elig: Eligibility,
    todo: tuple[Visit, ...],
    *,
    seed: int,
    seconds: float,
) -> tuple[dict[ShiftRef, tuple[Stop, ...]], set[str]]:
    """Stage 2 alone: PyVRP with pinned ties, and routing searches twice, from its own first
    solution (a third of the time) and from a greedy insertion in window order, each timed
    exactly; the cheapest of those and the greedy one, compared after inserting what each
    left out (:func:`_mended`).

    Routing's own first solutions are poor when many visits are tied across routes
    (``after`` gaps, two carers: its insertion heuristics place one visit at a time), and
    tardiness then piles up; inserting the visits as their windows open, each where it
    costs least, is a far better start there. On small days, though, the two searches end
    in different local optima, and either can be the better one."""
    tasks = [Task(v, elig.shifts[v.id], {}) for v in todo if not v.remote]
    found = greedy(problem, params, tasks, {v.id: v.window[0] for v in todo})
    options = [(found.routes, found.dropped | {v.id for v in todo if v.remote})]
    pinned = pyvrp_routes.route_days(
        problem, elig, todo, seconds=PYVRP_SHARE * seconds, seed=seed, count_limit=not params.use_whole_time
    )
    for routed in pinned:
        options.append(exact_routes(problem, params, todo, routed, seed=seed, budget=0.05 * seconds))
    initial = {
        ref: [st.visit for st in stops if isinstance(st, VisitStop)] for ref, stops in found.routes.items()
    }
    for first, part in (({}, 1 / 3), (initial, 2 / 3)):
        share = ROUTING_FIRST_SHARE * seconds * part * (ROUTING_WITH_PYVRP if pinned else 1)
        routed = route_days(
            problem,
            params,
            elig,
            todo,
            {},
            seconds=share,
            count_limit=not params.use_whole_time,
            initial=first,
        )
        options.append(exact_routes(problem, params, todo, routed, seed=seed, budget=0.05 * seconds))
    # Compare the options with what each leaves out inserted where it fits (tied visits
    # PyVRP could not pin are left out of its routes, for instance).
    mended = [
        _mended(problem, params, elig, r, deadline=time.monotonic() + MEND_SHARE * seconds) for r in options
    ]
    return min(mended, key=lambda r: (_lost(problem, params, r[1]), cost(problem, params, r[0], 0)))


def _mended(
    problem: Problem,
    params: SolveParams,
    elig: Eligibility,
    option: tuple[dict[ShiftRef, tuple[Stop, ...]], set[str]],
    *,
    deadline: float,
) -> tuple[dict[ShiftRef, tuple[Stop, ...]], set[str]]:
    """``option`` with the visits it left out inserted by :func:`_repair` until ``deadline``."""
    routes, dropped = option
    if not dropped - {v.id for v in problem.visits if v.remote}:
        return option
    board = Board(problem, params, routes)
    left = _repair(problem, board, dropped, elig, deadline=deadline)
    return dict(board.stops), left


def _lost(problem: Problem, params: SolveParams, visits: set[str]) -> int:
    return sum(params.unassigned_penalty[problem.visit_by_id[v].priority] for v in visits)


def has_continuity(problem: Problem, params: SolveParams) -> bool:
    """Does the problem have a continuity aspect for stage 1 and the continuity moves to
    decide: continuity weights that are not all zero, and a citizen with visits on more
    than one day? (A single day's routing already prices its carers per visit.)"""
    weights = (params.carer_per_citizen, params.other_team, params.not_preferred, params.not_key_person)
    if not any(weights):
        return False
    days: dict[str, set[int]] = {}
    for v in problem.visits:
        days.setdefault(v.citizen, set()).add(v.day)
    return any(len(d) > 1 for d in days.values())


def _search_seconds(problem: Problem, params: SolveParams) -> float:
    """The time the stages share: the limit less a reserve for the final bounds and checks
    (0.02 s per citizen on a single day; on a week the final step took about 0.6 s at 200
    citizens once the bounds moved inside the budget, and ``WEEK_RESERVE_PER_CITIZEN`` keeps
    room for citizens with visits left out and a loaded machine), but never less than half of
    it."""
    per_citizen = WEEK_RESERVE_PER_CITIZEN if has_continuity(problem, params) else RESERVE_PER_CITIZEN / 2.5
    return max(0.5 * params.time_limit, params.time_limit - per_citizen * len(problem.citizens))


def _repair(
    problem: Problem, board: Board, dropped: set[str], elig: Eligibility, *, deadline: float
) -> set[str]:
    """Insert dropped visits, most important and most constrained first; then make room for
    those left by re-timing shifts (:mod:`retime`) or by ejecting one visit each
    (:mod:`evict`); return the visits left out."""
    pending = set(dropped)
    order = sorted(pending, key=lambda vid: _urgency(problem.visit_by_id[vid], elig))
    for vid in order:
        if vid not in pending:
            continue
        group = linked_group(problem, problem.visit_by_id[vid], pending)
        if len(group) == 1 and _to_known_carer(problem, board, group[0], elig, deadline=deadline):
            pending.discard(vid)
        elif insert_group(problem, board, group, elig.shifts):
            pending -= {v.id for v in group}

    for vid in sorted(pending, key=lambda vid: _urgency(problem.visit_by_id[vid], elig)):
        if vid not in pending or time.monotonic() > deadline:
            continue
        group = linked_group(problem, problem.visit_by_id[vid], pending)
        if len(group) == 1 and _make_room(problem, board, group[0], elig, deadline=deadline):
            pending.discard(vid)
            continue
        out = insert_ejecting(problem, board, group, elig.shifts, deadline=deadline)
        if out is not False:
            pending -= {v.id for v in group}
            if isinstance(out, str):
                pending.add(out)
    return pending


def _make_room(problem: Problem, board: Board, visit: Visit, elig: Eligibility, *, deadline: float) -> bool:
    """Fit ``visit`` by re-timing the least busy eligible shift (or pair of shifts) with CP-SAT."""
    refs = list(elig.shifts[visit.id])
    if visit.carers == 2:
        return retime_pair_into(problem, board, visit, refs, 0, pairs=PAIR_ROOM_TRIES, deadline=deadline)
    return retime_into(problem, board, visit, least_busy(board, visit, refs)[:ROOM_TRIES], 0, 0)


def _to_known_carer(
    problem: Problem, board: Board, visit: Visit, elig: Eligibility, *, deadline: float
) -> bool:
    """Put ``visit`` with a carer its citizen already has: where it fits as the board stands,
    else by re-timing one of their shifts with CP-SAT (:func:`retime.retime_into`), trying
    the carers the citizen sees most and at most ``KNOWN_SHIFTS_TRIED`` shifts."""
    seen = board.carers_of.get(visit.citizen, {})
    refs = sorted(
        (r for r in elig.shifts[visit.id] if r.carer in seen),
        key=lambda r: (-seen[r.carer], r.carer, r.shift),
    )
    if not refs or visit.carers > 1:
        return False
    if insert_visit(problem, board, visit, refs):
        return True
    if time.monotonic() > deadline:
        return False
    return retime_into(problem, board, visit, refs[:KNOWN_SHIFTS_TRIED], 0, 0)


def _urgency(visit: Visit, elig: Eligibility) -> tuple[int, int, int, str]:
    return (visit.priority, len(elig.shifts[visit.id]), visit.window[1] - visit.window[0], visit.id)


def _progress(plan: Plan, started: float, params: SolveParams, problem: Problem) -> Progress:
    """The final report: the plan's figures and the objective they give."""
    figures = plan.meta.get("figures", {})
    return Progress(
        time.monotonic() - started,
        _objective(problem, params, plan),
        len(plan.unassigned),
        float(figures.get("distinct_carers", 0.0)),
        int(figures.get("travel_minutes", 0)),
    )


def _objective(problem: Problem, params: SolveParams, plan: Plan) -> float:
    """Unassigned penalties, continuity pair costs and travel of ``plan`` (waiting and fairness aside)."""
    lost = sum(params.unassigned_penalty[problem.visit_by_id[u.visit].priority] for u in plan.unassigned)
    index = {c.id: k for k, c in enumerate(problem.carers)}
    pairs = {
        (problem.visit_by_id[s.visit].citizen, index[r.carer]) for r in plan.routes for s in r.visit_stops
    }
    continuity = sum(pair_cost(problem, params, cid, ci) for cid, ci in pairs)
    travel = int(plan.meta.get("figures", {}).get("travel_minutes", 0))
    return float(lost + continuity + params.travel_per_minute * travel)
