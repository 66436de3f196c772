# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The rest of a day: fill it in from a moment on, move one visit by hand, and list the differences.

:func:`optimise_rest` inserts the plan's unassigned visits that can still start at or after
``now`` without moving any other stop, then moves single visits that start at or after ``now``
within their own carer's shifts, or to a carer the citizen already has, when that shortens the
day's travel. Stops before ``now`` and the ``frozen`` visits (already started) never change;
absent carers get nothing. :func:`place_visit` puts one visit on a chosen shift (or leaves it
unplanned) for a team leader adjusting a proposal. :func:`plan_changes` says, visit by visit, what
differs between two plans.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import replace

from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.events import Absence
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Plan, Stop, Unassigned, VisitStop
from naerhed.planner.repair import Board, insert_group, insert_visit, linked_group
from naerhed.planner.replan import NO_ROOM, Change, ReplanResult
from naerhed.planner.slots import board_from_plan
from naerhed.planner.summary import verified_plan
from naerhed.planner.timeline import replay, route_problems

LEFT_UNPLANNED = "left unplanned by hand"
MIN_SAVING = 5  # minutes of travel a move must save: every move is a change the citizen is told about
__all__ = ["LEFT_UNPLANNED", "barred_shifts", "optimise_rest", "place_visit", "plan_changes"]


def barred_shifts(problem: Problem, absences: Sequence[Absence]) -> set[ShiftRef]:
    """The shifts that overlap an absence of their carer."""
    index = {c.id: i for i, c in enumerate(problem.carers)}
    return {
        ShiftRef(index[a.carer], k)
        for a in absences
        for k, s in enumerate(problem.carer_by_id[a.carer].shifts)
        if s.start < a.end and a.start < s.end
    }


def optimise_rest(
    problem: Problem,
    plan: Plan,
    *,
    now: int,
    absences: Sequence[Absence] = (),
    frozen: Collection[str] = (),
    params: SolveParams | None = None,
) -> ReplanResult:
    """Insert unassigned visits from ``now`` on, then shorten travel, changing as little as possible.

    Deterministic: visits are taken in a fixed order (priority, window, id).
    """
    params = params or SolveParams()
    started = time.monotonic()
    board = board_from_plan(problem, params, plan)
    barred = barred_shifts(problem, absences)
    elig = Eligibility(problem)
    reasons = {u.visit: u.reason for u in plan.unassigned}
    pending = {vid for vid in reasons if problem.visit_by_id[vid].latest_start >= now}
    visits = problem.visit_by_id
    for vid in sorted(pending, key=lambda v: (visits[v].priority, visits[v].window, v)):
        if vid not in pending:
            continue
        group = linked_group(problem, visits[vid], pending)
        refs = {v.id: tuple(r for r in elig.for_visit(v) if r not in barred) for v in group}
        if insert_group(problem, board, group, refs, earliest=now):
            pending -= {v.id for v in group}
            for v in group:
                reasons.pop(v.id, None)
        else:
            reasons.update({v.id: reasons.get(v.id) or NO_ROOM for v in group})
    _shorten_travel(problem, board, elig, barred, now, set(frozen))
    meta = {**plan.meta, "optimised_seconds": round(time.monotonic() - started, 3)}
    new_plan = verified_plan(problem, board.stops, reasons, meta)
    return ReplanResult(problem, new_plan, plan_changes(plan, new_plan))


def _shorten_travel(
    problem: Problem, board: Board, elig: Eligibility, barred: set[ShiftRef], now: int, frozen: set[str]
) -> None:
    """Move single visits (no ``after`` link, start at or after ``now``) where it shortens travel."""
    linked = {v.after.visit for v in problem.visits if v.after is not None}
    movable = sorted(
        vid
        for vid, start in board.start.items()
        if start >= now
        and vid not in frozen
        and vid not in linked
        and problem.visit_by_id[vid].carers == 1
        and problem.visit_by_id[vid].after is None
    )
    for vid in movable:
        _try_move(problem, board, elig, barred, problem.visit_by_id[vid], now)


def _travel(problem: Problem, board: Board, refs: Collection[ShiftRef]) -> int:
    return sum(replay(problem, board.route(r, board.stops[r])).travel for r in refs if r in board.stops)


def _try_move(
    problem: Problem, board: Board, elig: Eligibility, barred: set[ShiftRef], visit: Visit, now: int
) -> None:
    home = next(
        r for r, stops in board.stops.items() if any(getattr(s, "visit", None) == visit.id for s in stops)
    )
    known = set(board.carers_of.get(visit.citizen, {}))
    saved = dict(board.stops)
    refs = [
        r for r in elig.for_visit(visit) if r not in barred and (r.carer == home.carer or r.carer in known)
    ]
    before = _travel(problem, board, {home, *refs})
    board.remove(visit.id)
    if home in board.stops and route_problems(problem, board.route(home, board.stops[home])):
        _restore(board, saved)
        return
    kept_carers = set(board.carers_of.get(visit.citizen, {}))
    refs = [r for r in refs if r.carer == home.carer or r.carer in kept_carers]
    if not insert_visit(problem, board, visit, refs, earliest=now):
        _restore(board, saved)
        return
    if _travel(problem, board, {home, *refs}) > before - MIN_SAVING:
        _restore(board, saved)


def _restore(board: Board, saved: dict[ShiftRef, tuple[Stop, ...]]) -> None:
    for ref in list(board.stops):
        if ref not in saved:
            board.set_route(ref, ())
            del board.stops[ref]
    for ref, stops in saved.items():
        board.set_route(ref, stops)


def place_visit(
    problem: Problem,
    plan: Plan,
    visit_id: str,
    target: tuple[str, int] | None,
    *,
    now: int = 0,
    reason: str = LEFT_UNPLANNED,
    params: SolveParams | None = None,
) -> Plan | None:
    """``plan`` with ``visit_id`` on the shift ``target`` = (carer id, shift index), at the earliest
    start that fits without moving another stop, or unassigned when ``target`` is None.

    Returns None when the visit fits nowhere on that shift. The caller checks the whole plan
    (a visit left unplanned may break an ``after`` link).
    """
    params = params or SolveParams()
    board = board_from_plan(problem, params, plan)
    board.remove(visit_id)
    reasons = {u.visit: u.reason for u in plan.unassigned if u.visit != visit_id}
    visit = problem.visit_by_id[visit_id]
    if target is None:
        reasons[visit_id] = reason
    else:
        index = {c.id: i for i, c in enumerate(problem.carers)}
        ref = ShiftRef(index[target[0]], target[1])
        if visit.carers != 1 or not insert_visit(problem, board, visit, [ref], earliest=now):
            return None
    routes = tuple(
        board.route(ref, board.stops[ref])
        for ref in sorted(board.stops, key=lambda r: (r.carer, r.shift))
        if any(isinstance(s, VisitStop) for s in board.stops[ref])
    )
    planned = {s.visit for r in routes for s in r.visit_stops}
    unassigned = tuple(
        Unassigned(v.id, reasons.get(v.id, NO_ROOM)) for v in problem.visits if v.id not in planned
    )
    return replace(plan, routes=routes, unassigned=unassigned)


def plan_changes(old: Plan, new: Plan) -> list[Change]:
    """What differs for each visit: carer_changed, time_changed, unassigned or added (``old`` → ``new``)."""
    before, after = _who(old), _who(new)
    out = []
    for vid in sorted(set(before) | set(after)):
        (oc, os), (nc, ns) = before.get(vid, ((), None)), after.get(vid, ((), None))
        if oc and not nc:
            kind = "unassigned"
        elif nc and not oc:
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
