# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Put one visit at a fixed minute into the routes of chosen carers, and say why it does not fit.

Works on the engine's data only (a day's ``Problem`` and the plan in force): the visit is taken out of
the plan, put into each carer's route at exactly ``minute`` without moving any other visit, the
shift's break is moved to a free time in its window if the visit lands on it, and the result is
checked with :func:`naerhed.planner.check.check`. A rule the insertion breaks becomes a
:class:`Misfit` naming the carer and, where there is one, the other stop in the way.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace

from naerhed.planner.check import Rule, Violation, check
from naerhed.planner.model import Problem, Shift
from naerhed.planner.plan import BreakStop, Plan, Route, Stop, VisitStop


class MisfitKind(enum.Enum):
    NO_SHIFT = "no_shift"
    OVERLAP = "overlap"
    TRAVEL_BEFORE = "travel_before"
    TRAVEL_AFTER = "travel_after"
    SHIFT_END = "shift_end"
    BREAK = "break"
    BLOCKED = "blocked"
    COMPETENCE = "competence"
    OTHER = "other"


@dataclass(frozen=True)
class Misfit:
    """Why the visit does not fit: the carer concerned and the other stop in the way (engine minutes)."""

    kind: MisfitKind
    carer: str
    clash: tuple[int, int] | None = None
    rule: str = ""


_RULE_KINDS = {
    Rule.SHIFT_END: MisfitKind.SHIFT_END,
    Rule.SHIFT_START: MisfitKind.NO_SHIFT,
    Rule.BREAK_MISSING: MisfitKind.BREAK,
    Rule.BREAK_WINDOW: MisfitKind.BREAK,
    Rule.BREAK_DURATION: MisfitKind.BREAK,
    Rule.BREAK_EXTRA: MisfitKind.BREAK,
    Rule.BLOCKED_CARER: MisfitKind.BLOCKED,
    Rule.COMPETENCE: MisfitKind.COMPETENCE,
}


def without_visit(plan: Plan, vid: str) -> Plan:
    """``plan`` with every copy of ``vid`` taken out of the routes and the unassigned list."""
    routes = tuple(
        replace(r, stops=tuple(s for s in r.stops if not (isinstance(s, VisitStop) and s.visit == vid)))
        for r in plan.routes
    )
    return replace(plan, routes=routes, unassigned=tuple(u for u in plan.unassigned if u.visit != vid))


def fit_at(problem: Problem, plan: Plan, vid: str, carers: Sequence[str], minute: int) -> Plan | Misfit:
    """The plan with ``vid`` starting at ``minute`` in the route of each of ``carers`` (one copy each),
    or the first reason it cannot be done without breaking a rule the plan did not break already."""
    visit = problem.visit_by_id[vid]
    base = without_visit(plan, vid)
    routes = {(r.carer, r.shift): r for r in base.routes}
    for cid in carers:
        index = _shift_at(problem.carer_by_id[cid].shifts, minute, visit.duration)
        if index is None:
            return Misfit(MisfitKind.NO_SHIFT, cid)
        shift = problem.carer_by_id[cid].shifts[index]
        route = routes.get((cid, index), Route(cid, index, _lone_break(shift)))
        routes[(cid, index)] = _with_stop(problem, route, shift, VisitStop(vid, minute))
    fitted = replace(base, routes=tuple(routes[key] for key in sorted(routes)))
    before = {_key(v) for v in check(problem, base)}
    broken = [v for v in check(problem, fitted) if _key(v) not in before]
    if not broken:
        return fitted
    return _misfit(problem, fitted, broken[0], vid, carers, minute)


def _key(violation: Violation) -> tuple[Rule, str | None, str | None]:
    return (violation.rule, violation.visit, violation.carer)


def _shift_at(shifts: Sequence[Shift], minute: int, duration: int) -> int | None:
    for index, shift in enumerate(shifts):
        if shift.start <= minute and minute + duration <= shift.end:
            return index
    return None


def _lone_break(shift: Shift) -> tuple[Stop, ...]:
    """A new route's stops before the visit: the shift's break, if it has one."""
    if shift.break_ is None:
        return ()
    return (BreakStop(shift.break_.earliest, shift.break_.duration),)


def _with_stop(problem: Problem, route: Route, shift: Shift, stop: VisitStop) -> Route:
    """``route`` with ``stop`` in time order; a break it lands on moves to a free time in its window."""
    stops = sorted((*route.stops, stop), key=lambda s: (s.start, isinstance(s, VisitStop)))
    visits = [s for s in stops if isinstance(s, VisitStop)]
    brk = next((s for s in stops if isinstance(s, BreakStop)), None)
    if brk is None or shift.break_ is None or not _overlaps(problem, brk, stop):
        return replace(route, stops=tuple(stops))
    busy = [(s.start, s.start + problem.visit_by_id[s.visit].duration) for s in visits]
    window = shift.break_
    candidates = [window.earliest, *(end for _, end in busy if window.earliest <= end <= window.latest)]
    for start in sorted(candidates):
        if all(start + brk.duration <= b or start >= e for b, e in busy):
            moved = BreakStop(start, brk.duration)
            ordered: list[Stop] = sorted([*visits, moved], key=lambda s: (s.start, isinstance(s, VisitStop)))
            return replace(route, stops=tuple(ordered))
    return replace(route, stops=tuple(stops))


def _overlaps(problem: Problem, brk: BreakStop, stop: VisitStop) -> bool:
    end = stop.start + problem.visit_by_id[stop.visit].duration
    return brk.start < end and stop.start < brk.start + brk.duration


def _misfit(
    problem: Problem, plan: Plan, violation: Violation, vid: str, carers: Sequence[str], minute: int
) -> Misfit:
    carer = violation.carer if violation.carer is not None and violation.carer in carers else carers[0]
    route = next((r for r in plan.routes if r.carer == carer and _has(r, vid)), None)
    others = [s for s in (route.stops if route else ()) if not (isinstance(s, VisitStop) and s.visit == vid)]
    end = minute + problem.visit_by_id[vid].duration
    spans = [(s.start, s.start + _length(problem, s)) for s in others]
    if violation.rule in (Rule.OVERLAP, Rule.BREAK_WINDOW) or any(b < end and minute < e for b, e in spans):
        clash = next(((b, e) for b, e in spans if b < end and minute < e), None)
        if clash is not None:
            return Misfit(MisfitKind.OVERLAP, carer, clash)
    if violation.rule == Rule.TRAVEL_TIME:
        visits = [(s.start, s.start + _length(problem, s)) for s in others if isinstance(s, VisitStop)]
        if violation.visit == vid:
            before = [span for span in visits if span[1] <= minute]
            return Misfit(MisfitKind.TRAVEL_BEFORE, carer, before[-1] if before else None)
        after = [span for span in visits if span[0] >= end]
        return Misfit(MisfitKind.TRAVEL_AFTER, carer, after[0] if after else None)
    return Misfit(_RULE_KINDS.get(violation.rule, MisfitKind.OTHER), carer, rule=violation.rule.value)


def _has(route: Route, vid: str) -> bool:
    return any(isinstance(s, VisitStop) and s.visit == vid for s in route.stops)


def _length(problem: Problem, stop: Stop) -> int:
    return problem.visit_by_id[stop.visit].duration if isinstance(stop, VisitStop) else stop.duration
