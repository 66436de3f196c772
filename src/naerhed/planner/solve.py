# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The planning engine's entry point: ``solve(problem, params, *, seed) -> Plan``.

A decomposition around solver libraries:

1. weekly assignment of visits to carer shifts, team by team among the team's own
   carers (CP-SAT, :mod:`backends.cpsat_assign`): continuity, compact home areas
   per carer, two-carer pairs, capacity, fairness, priorities; its answer fixes
   each citizen's *home carers*;
2. (a) per day, OR-Tools routing (:mod:`backends.ortools_routing`) chooses shift and
   order for every non-remote visit, charging for carers outside the home carers;
   (b) the routed days are timed exactly with CP-SAT (:mod:`backends.cpsat_routes`),
   started from the routed times;
3. repair: what is left (remote visits, visits stage 2 dropped) is inserted where it
   fits without moving others, carers the citizen already has first (:mod:`repair`);
4. continuity: a carer seen rarely by a citizen hands their visits to the citizen's
   other carers where that fits and pays (:mod:`improve`);
5. verification: every route is replayed and the plan checked; a visit in a broken
   rule goes to ``unassigned`` rather than reach the caller (:mod:`summary`).

Time: of ``time_limit`` less a reserve for bounds and checks, about 20 % goes
to stage 1, 40 % to routing, 10 % to exact timing, the rest to repair and
continuity moves. A problem without a continuity aspect (:func:`has_continuity`:
one day per citizen, or no continuity weights) skips stage 1 and the continuity
moves: routing gets 50 % (a third of it from its own first solution, the rest
from a greedy insertion), stopped on the clock only, exact timing 10 %, and the
rest goes to a large neighbourhood search whose steps CP-SAT solves (:mod:`lns`).
The CP-SAT stages use deterministic limits in one thread (interleaved workers)
with a wall-clock guard; the routing stage's guided local search stops on
wall-clock time, so on a heavily loaded machine two runs with the same seed can
differ.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from naerhed.planner.backends.cpsat_assign import AssignInput, Assignment, assign
from naerhed.planner.backends.cpsat_routes import Task
from naerhed.planner.backends.travel import MatrixTravel, anchor_costs, nearest_start, neighbour_estimate
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.explain import CAPACITY, unplannable
from naerhed.planner.improve import improve_continuity
from naerhed.planner.lns import cost, improve_routes
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import Progress, SolveParams
from naerhed.planner.plan import Plan, Stop, VisitStop
from naerhed.planner.repair import Board, insert_group, linked_group
from naerhed.planner.stage2 import exact_routes, greedy, route_days
from naerhed.planner.summary import finish_plan

SOLVER = "naerhed-cpsat 0.1"
RESERVE_PER_CITIZEN = 0.05
ROUTING_FIRST_SHARE = 0.5  # of the search time, for routing when there is no continuity aspect


def solve(
    problem: Problem,
    params: SolveParams | None = None,
    *,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
) -> Plan:
    """Plan the week of ``problem``; the same problem, parameters and seed give the same plan.

    The plan always satisfies every hard rule of ``naerhed-plan/1``; visits that
    cannot be planned are in ``unassigned`` with a plain reason. ``on_progress``
    is called with :class:`Progress` reports while the assignment stage runs
    and once at the end.
    """
    params = params or SolveParams()
    started = time.monotonic()
    elig = Eligibility(problem)
    reasons = unplannable(problem, elig)
    todo = tuple(v for v in problem.visits if v.id not in reasons)
    routes, dropped, objective = _stages(problem, params, elig, todo, seed=seed, on_progress=on_progress)
    board = Board(problem, params, routes)
    leftover = _repair(problem, board, dropped, elig)
    deadline = started + 0.95 * _search_seconds(problem, params)
    if has_continuity(problem, params):
        improve_continuity(problem, board, elig, deadline=deadline)
    else:
        stops, leftover = improve_routes(
            problem, params, elig, board.stops, leftover, seed=seed, deadline=deadline
        )
        board = Board(problem, params, stops)
    reasons.update({vid: CAPACITY for vid in leftover})
    meta = {"solver": SOLVER, "seed": seed, "stage1_objective": objective}
    plan = finish_plan(problem, board.stops, reasons, elig, meta=meta, started=started)
    if on_progress is not None:
        on_progress(_progress(plan, started))
    return plan


def _stages(
    problem: Problem,
    params: SolveParams,
    elig: Eligibility,
    todo: tuple[Visit, ...],
    *,
    seed: int,
    on_progress: Callable[[Progress], None] | None,
) -> tuple[dict[ShiftRef, tuple[Stop, ...]], set[str], float]:
    """Stage 1 (weekly assignment) and stage 2 (daily routing, then exact timing).

    Without a continuity aspect stage 1 has nothing to decide: it is skipped, and the
    routing search starts from a greedy insertion and gets most of the time, on the
    clock rather than a solution count (:func:`_routing_first`)."""
    seconds = _search_seconds(problem, params)
    if not has_continuity(problem, params):
        return (*_routing_first(problem, params, elig, todo, seed=seed, seconds=seconds), 0.0)
    stage1 = _home_carers(problem, params, elig, todo, seed=seed, on_progress=on_progress)
    home: dict[str, set[int]] = {}
    for assignment in stage1.values():
        for vid, refs in assignment.shifts.items():
            home.setdefault(problem.visit_by_id[vid].citizen, set()).update(r.carer for r in refs)
    routed = route_days(problem, params, elig, todo, home, seconds=0.4 * seconds)
    routes, dropped = exact_routes(problem, params, todo, routed, seed=seed, budget=0.1 * seconds)
    return routes, dropped, sum(a.objective for a in stage1.values() if a.shifts)


def _routing_first(
    problem: Problem,
    params: SolveParams,
    elig: Eligibility,
    todo: tuple[Visit, ...],
    *,
    seed: int,
    seconds: float,
) -> tuple[dict[ShiftRef, tuple[Stop, ...]], set[str]]:
    """Stage 2 alone: routing searches twice, from its own first solution (a third of the
    time) and from a greedy insertion in window order, each timed exactly; the cheapest of
    those and the greedy one.

    Routing's own first solutions are poor when many visits are tied across routes
    (``after`` gaps, two carers: its insertion heuristics place one visit at a time), and
    tardiness then piles up; inserting the visits as their windows open, each where it
    costs least, is a far better start there. On small days, though, the two searches end
    in different local optima, and either can be the better one."""
    tasks = [Task(v, elig.shifts[v.id], {}) for v in todo if not v.remote]
    found = greedy(problem, params, tasks, {v.id: v.window[0] for v in todo})
    options = [(found.routes, found.dropped | {v.id for v in todo if v.remote})]
    initial = {
        ref: [st.visit for st in stops if isinstance(st, VisitStop)] for ref, stops in found.routes.items()
    }
    for first, part in (({}, 1 / 3), (initial, 2 / 3)):
        share = ROUTING_FIRST_SHARE * seconds * part
        routed = route_days(problem, params, elig, todo, {}, seconds=share, count_limit=False, initial=first)
        options.append(exact_routes(problem, params, todo, routed, seed=seed, budget=0.05 * seconds))
    return min(options, key=lambda r: (_lost(problem, params, r[1]), cost(problem, params, r[0], 0)))


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
    """The time the stages share: the limit less a reserve for bounds and checks
    (measured at about 0.05 s per citizen on a week, 0.02 s on a single day), but never
    less than half of it."""
    per_citizen = RESERVE_PER_CITIZEN if has_continuity(problem, params) else RESERVE_PER_CITIZEN / 2.5
    return max(0.5 * params.time_limit, params.time_limit - per_citizen * len(problem.citizens))


def _home_carers(
    problem: Problem,
    params: SolveParams,
    elig: Eligibility,
    todo: tuple[Visit, ...],
    *,
    seed: int,
    on_progress: Callable[[Progress], None] | None,
) -> dict[str, Assignment]:
    """Stage 1 team by team: each team's visits among its own carers' shifts (smaller models
    converge far faster; other teams' carers are still open to the routing stage)."""
    travel = MatrixTravel(problem)
    estimate, nearest = neighbour_estimate(problem, travel), nearest_start(problem, travel)
    anchor = anchor_costs(problem, travel)
    out: dict[str, Assignment] = {}
    for team in sorted(t.id for t in problem.teams):
        visits = tuple(v for v in todo if problem.citizen_by_id[v.citizen].team == team)
        if not visits:
            continue
        own = {
            vid: tuple(r for r in elig.shifts[vid] if problem.carers[r.carer].team == team)
            for vid in (v.id for v in visits)
        }
        data = AssignInput(own, estimate, visits, nearest, anchor=anchor)
        share = 0.2 * _search_seconds(problem, params) * len(visits) / max(1, len(todo))
        out[team] = assign(problem, data, params, seed=seed, budget=share, on_progress=on_progress)
    return out


def _repair(problem: Problem, board: Board, dropped: set[str], elig: Eligibility) -> set[str]:
    """Insert dropped visits, most important and most constrained first; return those left."""
    pending = set(dropped)
    order = sorted(pending, key=lambda vid: _urgency(problem.visit_by_id[vid], elig))
    for vid in order:
        if vid not in pending:
            continue
        group = linked_group(problem, problem.visit_by_id[vid], pending)
        if insert_group(problem, board, group, elig.shifts):
            pending -= {v.id for v in group}
    return pending


def _urgency(visit: Visit, elig: Eligibility) -> tuple[int, int, int, str]:
    return (visit.priority, len(elig.shifts[visit.id]), visit.window[1] - visit.window[0], visit.id)


def _progress(plan: Plan, started: float) -> Progress:
    """The final report: the objective is stage 1's, the figures are the plan's."""
    figures = plan.meta.get("figures", {})
    return Progress(
        time.monotonic() - started,
        float(plan.meta.get("stage1_objective", 0.0)),
        len(plan.unassigned),
        float(figures.get("distinct_carers", 0.0)),
        int(figures.get("travel_minutes", 0)),
    )
