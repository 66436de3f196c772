# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Repair a published plan after events, changing as little as possible.

Everything the events do not touch is frozen. The visits they affect (those of
an absent carer during the absence, moved visits whose start left the new
window, added visits) are taken out and inserted again without moving any other
stop, carers the citizen already has first; visits that started before the
earliest event time never change. What cannot be placed goes to
``unassigned``. The result says, visit by visit, what changed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.events import (
    Absence,
    Event,
    VisitAdded,
    VisitCancelled,
    VisitMoved,
    load_events,
    resolve,
)
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Plan, Stop, VisitStop
from naerhed.planner.repair import Board, insert_group, linked_group
from naerhed.planner.retime import retime_into
from naerhed.planner.slots import board_from_plan
from naerhed.planner.summary import verified_plan
from naerhed.planner.timeline import route_problems

NO_ROOM = "no spare capacity after the change"
RETIME_SECONDS = 5.0  # re-timing other visits stops after this, so a sick call replans in seconds
__all__ = ["Change", "ReplanResult", "load_events", "replan"]


@dataclass(frozen=True)
class Change:
    """What happened to one visit: ``kind`` is carer_changed, time_changed, unassigned, cancelled or added."""

    visit: str
    kind: str
    old_carers: tuple[str, ...]
    old_start: int | None
    new_carers: tuple[str, ...]
    new_start: int | None


@dataclass(frozen=True)
class ReplanResult:
    """The problem with the events applied, the new plan for it, and the changes from the old plan."""

    problem: Problem
    plan: Plan
    changes: list[Change]


def apply_events(problem: Problem, events: Sequence[Event]) -> Problem:
    """``problem`` with visits added, cancelled (and ``after`` links to them dropped) and moved."""
    cancelled = {e.visit for e in events if isinstance(e, VisitCancelled)}
    moved = {e.visit: e.window for e in events if isinstance(e, VisitMoved)}
    visits: list[Visit] = []
    for v in (*problem.visits, *(e.visit for e in events if isinstance(e, VisitAdded))):
        if v.id in cancelled:
            continue
        if v.id in moved:
            v = replace(v, window=moved[v.id])
        if v.after is not None and v.after.visit in cancelled:
            v = replace(v, after=None)
        visits.append(v)
    return replace(problem, visits=tuple(visits))


def replan(
    problem: Problem, plan: Plan, events: Sequence[Event], params: SolveParams | None = None, *, seed: int = 0
) -> ReplanResult:
    """Re-plan ``plan`` for ``events`` with as few changed carers and start times as possible.

    Deterministic for a fixed ``seed``: a fixed-order insertion, then CP-SAT re-timing
    (deterministic limits) of at most three shifts for a visit that fits nowhere as is.
    """
    params = params or SolveParams()
    started = time.monotonic()
    events = resolve(problem, events)
    new_problem = apply_events(problem, events)
    now = min((e.start for e in events if isinstance(e, Absence)), default=0)
    board = board_from_plan(new_problem, params, _without_cancelled(plan, new_problem))
    absences = [e for e in events if isinstance(e, Absence)]
    affected = _take_out(new_problem, board, absences, now)
    affected |= _moved_out(new_problem, board, events)
    planned_before = set(plan.starts())
    affected |= {e.visit.id for e in events if isinstance(e, VisitAdded)}
    reasons = {u.visit: u.reason for u in plan.unassigned if u.visit in new_problem.visit_by_id}
    left = _reinsert(new_problem, board, affected - (set(reasons) - planned_before), absences, now, seed)
    reasons.update({vid: NO_ROOM for vid in left})
    meta = {**plan.meta, "replanned_seconds": round(time.monotonic() - started, 3), "seed": seed}
    new_plan = verified_plan(new_problem, board.stops, reasons, meta)
    return ReplanResult(new_problem, new_plan, _changes(plan, new_plan, events))


def _without_cancelled(plan: Plan, problem: Problem) -> Plan:
    routes = tuple(
        replace(
            r,
            stops=tuple(s for s in r.stops if not isinstance(s, VisitStop) or s.visit in problem.visit_by_id),
        )
        for r in plan.routes
    )
    return replace(plan, routes=routes)


def _take_out(problem: Problem, board: Board, absences: list[Absence], now: int) -> set[str]:
    """Remove the absent carers' visits whose travel in or visit overlaps their absence."""
    out: set[str] = set()
    for a in absences:
        ci = next(i for i, c in enumerate(problem.carers) if c.id == a.carer)
        for ref in [r for r in board.stops if r.carer == ci]:
            out |= _overlapping(problem, ref, board.stops[ref], a, now)
    for vid in sorted(out):
        board.remove(vid)
    return out | _restore_feasibility(problem, board, now)


def _overlapping(problem: Problem, ref: ShiftRef, stops: tuple[Stop, ...], a: Absence, now: int) -> set[str]:
    carer = problem.carers[ref.carer]
    loc, out = carer.start_location, set()
    for stop in stops:
        if not isinstance(stop, VisitStop):
            continue
        visit = problem.visit_by_id[stop.visit]
        here = loc if visit.remote else problem.visit_location(visit)
        leg = problem.travel_minutes(carer.transport, loc, here)
        if stop.start >= now and stop.start + visit.duration > a.start and stop.start - leg < a.end:
            out.add(stop.visit)
        loc = here
    return out


def _restore_feasibility(problem: Problem, board: Board, now: int) -> set[str]:
    """Removing a visit changes the next leg; take out later visits until every route replays cleanly."""
    out: set[str] = set()
    for ref in sorted(board.stops, key=lambda r: (r.carer, r.shift)):
        while ref in board.stops and route_problems(problem, board.route(ref, board.stops[ref])):
            later = [s for s in board.stops[ref] if isinstance(s, VisitStop) and s.start >= now]
            if not later:
                break
            out.add(later[-1].visit)
            board.remove(later[-1].visit)
    return out


def _moved_out(problem: Problem, board: Board, events: Sequence[Event]) -> set[str]:
    out = set()
    for e in events:
        if isinstance(e, VisitMoved) and e.visit in board.start:
            v = problem.visit_by_id[e.visit]
            if not v.window[0] <= board.start[e.visit] <= v.latest_start:
                board.remove(e.visit)
                out.add(e.visit)
    return out


def _reinsert(
    problem: Problem, board: Board, todo: set[str], absences: list[Absence], now: int, seed: int
) -> set[str]:
    elig = Eligibility(problem)
    index = {c.id: i for i, c in enumerate(problem.carers)}
    barred = {
        ShiftRef(index[a.carer], k)
        for a in absences
        for k, s in enumerate(problem.carer_by_id[a.carer].shifts)
        if s.start < a.end and a.start < s.end
    }
    pending = set(todo)
    visits = problem.visit_by_id
    deadline = time.monotonic() + RETIME_SECONDS
    for vid in sorted(todo, key=lambda v: (visits[v].priority, visits[v].window, v)):
        if vid not in pending:
            continue
        group = linked_group(problem, problem.visit_by_id[vid], pending)
        refs = {v.id: tuple(r for r in elig.for_visit(v) if r not in barred) for v in group}
        if insert_group(problem, board, group, refs, earliest=now):
            pending -= {v.id for v in group}
        elif (
            len(group) == 1
            and time.monotonic() < deadline
            and retime_into(problem, board, group[0], _by_continuity(board, group[0], refs[vid]), now, seed)
        ):
            pending.discard(vid)
    for vid in sorted(pending):
        for partner in _partners(problem, vid) - pending:
            if partner in board.start and board.start[partner] >= now:
                board.remove(partner)
                pending.add(partner)
    return pending


def _by_continuity(board: Board, visit: Visit, refs: tuple[ShiftRef, ...]) -> list[ShiftRef]:
    """At most three shifts to re-time, carers the citizen already has first."""
    return sorted(refs, key=lambda r: (board.new_carer_cost(visit, r.carer), r.carer, r.shift))[:3]


def _partners(problem: Problem, vid: str) -> set[str]:
    v = problem.visit_by_id[vid]
    out = {o.id for o in problem.visits if o.after is not None and o.after.visit == vid}
    return out | ({v.after.visit} if v.after is not None else set())


def _changes(old: Plan, new: Plan, events: Sequence[Event]) -> list[Change]:
    before, after = _who(old), _who(new)
    cancelled = {e.visit for e in events if isinstance(e, VisitCancelled)}
    added = {e.visit.id for e in events if isinstance(e, VisitAdded)}
    out = []
    for vid in sorted(set(before) | set(after) | cancelled | added):
        (oc, os), (nc, ns) = before.get(vid, ((), None)), after.get(vid, ((), None))
        if vid in cancelled:
            kind = "cancelled"
        elif vid in added:
            kind = "added" if nc else "unassigned"
        elif not nc and oc:
            kind = "unassigned"
        elif not oc and nc:
            kind = "added"
        elif oc != nc:
            kind = "carer_changed"
        elif os != ns:
            kind = "time_changed"
        else:
            continue
        out.append(Change(vid, kind, oc, os, nc, ns))
    return out


def _who(plan: Plan) -> dict[str, tuple[tuple[str, ...], int | None]]:
    return {vid: (tuple(sorted(c for c, _ in copies)), copies[0][1]) for vid, copies in plan.starts().items()}
