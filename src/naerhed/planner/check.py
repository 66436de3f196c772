# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Is a plan feasible for its instance, and what are its figures?

:func:`check` applies every rule of ``naerhed-plan/1`` and returns the broken
ones as :class:`Violation` values; an empty list means the plan is feasible.
:func:`figures` computes the figures every tool must report the same way.
Both walk a route exactly as the format says: leave the start location at or
after the shift start; for each stop travel (with the carer's transport) to the
visit's citizen unless the visit is remote, wait if early, start at ``start``,
stay ``duration``; a break adds no travel; finally travel to the end location.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from naerhed.planner.figures import Figures, RouteWalk, figures, walk_route
from naerhed.planner.model import Carer, Problem, Shift, Visit
from naerhed.planner.plan import BreakStop, Plan, Route, VisitStop

__all__ = ["Figures", "Rule", "Violation", "check", "figures"]


class Rule(enum.Enum):
    """The rules of ``naerhed-plan/1``, one value per way a plan can break them."""

    COMPETENCE = "competence"
    """The carer lacks a competence the visit needs."""
    BLOCKED_CARER = "blocked_carer"
    """The carer is in the citizen's ``blocked_carers``."""
    WINDOW = "window"
    """A start before ``window[0]``, or after ``window[1]`` for a visit without ``late_allowed``."""
    LATE_BEYOND_ALLOWED = "late_beyond_allowed"
    """A start after ``window[1] + late_allowed`` for a visit with ``late_allowed``."""
    SHIFT_START = "shift_start"
    """A stop starts before the shift does."""
    SHIFT_END = "shift_end"
    """The carer is back at the end location after the shift ends."""
    TRAVEL_TIME = "travel_time"
    """A visit starts before the carer can have arrived."""
    OVERLAP = "overlap"
    """A stop starts before the previous stop of the route has ended."""
    BREAK_MISSING = "break_missing"
    """The shift has a break and its route has none."""
    BREAK_WINDOW = "break_window"
    """The break starts outside ``[earliest, latest]``."""
    BREAK_DURATION = "break_duration"
    """The break stop's duration is not the shift break's."""
    BREAK_EXTRA = "break_extra"
    """A break in a shift without one, or a second break."""
    TWO_CARER_SAME_CARER = "two_carer_same_carer"
    """Both copies of a two-carer visit are with the same carer."""
    TWO_CARER_START_MISMATCH = "two_carer_start_mismatch"
    """The two carers of a two-carer visit start it at different minutes."""
    VISIT_COPIES = "visit_copies"
    """A visit planned a number of times other than its ``carers``, or listed twice as unassigned."""
    VISIT_BOTH_PLANNED_AND_UNASSIGNED = "visit_both_planned_and_unassigned"
    """A visit is in a route and in ``unassigned``."""
    VISIT_MISSING = "visit_missing"
    """A visit is neither in a route nor in ``unassigned``."""
    UNKNOWN_VISIT = "unknown_visit"
    """A stop or an unassigned entry names no visit of the instance."""
    UNKNOWN_CARER = "unknown_carer"
    """A route names no carer of the instance."""
    BAD_SHIFT_INDEX = "bad_shift_index"
    """A route's ``shift`` is not an index into the carer's shifts."""
    DUPLICATE_ROUTE = "duplicate_route"
    """Two routes for the same carer and shift."""
    AFTER_GAP = "after_gap"
    """A visit with ``after`` starts outside ``[min_gap, max_gap]`` after the other visit."""
    AFTER_PARTIAL = "after_partial"
    """Only one of a visit and the visit it comes ``after`` is planned."""


@dataclass(frozen=True)
class Violation:
    """One broken rule, with the visit and carer concerned when there is one."""

    rule: Rule
    message: str
    visit: str | None = None
    carer: str | None = None

    def __str__(self) -> str:
        return f"{self.rule.value}: {self.message}"


def check(problem: Problem, plan: Plan) -> list[Violation]:
    """Every rule of ``naerhed-plan/1`` that ``plan`` breaks for ``problem``; empty if feasible.

    Violations come route by route in plan order, then visit by visit in
    instance order. A route with an unknown carer or shift index is reported
    once and not checked further; a stop naming an unknown visit is skipped.
    """
    out = list(_route_violations(problem, plan))
    out += _copy_violations(problem, plan)
    out += _unassigned_violations(problem, plan)
    out += _after_violations(problem, plan)
    return out


def _route_violations(problem: Problem, plan: Plan) -> Iterator[Violation]:
    seen: set[tuple[str, int]] = set()
    for i, route in enumerate(plan.routes):
        carer = problem.carer_by_id.get(route.carer)
        if carer is None:
            yield Violation(
                Rule.UNKNOWN_CARER, f"routes[{i}] names unknown carer {route.carer!r}", carer=route.carer
            )
            continue
        if not 0 <= route.shift < len(carer.shifts):
            yield Violation(
                Rule.BAD_SHIFT_INDEX,
                f"routes[{i}]: carer {carer.id} has no shift {route.shift}",
                carer=carer.id,
            )
            continue
        if (carer.id, route.shift) in seen:
            yield Violation(
                Rule.DUPLICATE_ROUTE,
                f"routes[{i}] is a second route for carer {carer.id} shift {route.shift}",
                carer=carer.id,
            )
        seen.add((carer.id, route.shift))
        yield from _stop_violations(problem, carer, route)
        yield from _timing_violations(walk_route(problem, carer, route), carer, carer.shifts[route.shift])
        yield from _break_violations(carer, carer.shifts[route.shift], route)


def _stop_violations(problem: Problem, carer: Carer, route: Route) -> Iterator[Violation]:
    for stop in route.visit_stops:
        visit = problem.visit_by_id.get(stop.visit)
        if visit is None:
            yield Violation(
                Rule.UNKNOWN_VISIT,
                f"carer {carer.id} visits unknown visit {stop.visit!r}",
                stop.visit,
                carer.id,
            )
            continue
        missing = visit.competences - carer.competences
        if missing:
            yield Violation(
                Rule.COMPETENCE,
                f"carer {carer.id} lacks {', '.join(sorted(missing))} for visit {visit.id}",
                visit.id,
                carer.id,
            )
        if carer.id in problem.citizen_by_id[visit.citizen].blocked_carers:
            yield Violation(
                Rule.BLOCKED_CARER,
                f"citizen {visit.citizen} has blocked carer {carer.id} (visit {visit.id})",
                visit.id,
                carer.id,
            )
        yield from _window_violations(visit, stop, carer)


def _window_violations(visit: Visit, stop: VisitStop, carer: Carer) -> Iterator[Violation]:
    earliest, latest = visit.window
    where = f"visit {visit.id} starts at {stop.start}"
    if stop.start < earliest or (stop.start > latest and not visit.late_allowed):
        yield Violation(
            Rule.WINDOW, f"{where}, outside its window [{earliest}, {latest}]", visit.id, carer.id
        )
    elif stop.start > visit.latest_start:
        yield Violation(
            Rule.LATE_BEYOND_ALLOWED,
            f"{where}, {stop.start - latest} minutes late; {visit.late_allowed} are allowed",
            visit.id,
            carer.id,
        )


def _timing_violations(walk: RouteWalk, carer: Carer, shift: Shift) -> Iterator[Violation]:
    for step in walk.steps:
        stop, visit_id = step.stop, step.stop.visit if isinstance(step.stop, VisitStop) else None
        what = f"visit {visit_id}" if visit_id else "the break"
        if stop.start < shift.start:
            yield Violation(
                Rule.SHIFT_START,
                f"carer {carer.id} starts {what} at {stop.start}, before the shift starts at {shift.start}",
                visit_id,
                carer.id,
            )
        elif stop.start < step.ready:
            yield Violation(
                Rule.OVERLAP,
                f"carer {carer.id} starts {what} at {stop.start}, "
                f"before the previous stop ends at {step.ready}",
                visit_id,
                carer.id,
            )
        elif stop.start < step.arrival:
            yield Violation(
                Rule.TRAVEL_TIME,
                f"carer {carer.id} starts {what} at {stop.start} but cannot arrive before {step.arrival}",
                visit_id,
                carer.id,
            )
    if walk.home > shift.end:
        yield Violation(
            Rule.SHIFT_END,
            f"carer {carer.id} is back at {walk.home}, after the shift ends at {shift.end}",
            carer=carer.id,
        )


def _break_violations(carer: Carer, shift: Shift, route: Route) -> Iterator[Violation]:
    breaks = [s for s in route.stops if isinstance(s, BreakStop)]
    brk, k = shift.break_, route.shift
    if brk is None:
        breaks, extra = [], breaks
    else:
        breaks, extra = breaks[:1], breaks[1:]
        if not breaks:
            yield Violation(Rule.BREAK_MISSING, f"carer {carer.id} shift {k} has no break", carer=carer.id)
    for stop in extra:
        yield Violation(
            Rule.BREAK_EXTRA, f"carer {carer.id} shift {k} has an extra break at {stop.start}", carer=carer.id
        )
    for stop in breaks:
        assert brk is not None
        if not brk.earliest <= stop.start <= brk.latest:
            yield Violation(
                Rule.BREAK_WINDOW,
                f"carer {carer.id} shift {k} starts the break at {stop.start}, "
                f"outside [{brk.earliest}, {brk.latest}]",
                carer=carer.id,
            )
        if stop.duration != brk.duration:
            yield Violation(
                Rule.BREAK_DURATION,
                f"carer {carer.id} shift {k} has a {stop.duration}-minute "
                f"break; the shift's is {brk.duration} minutes",
                carer=carer.id,
            )


def _copy_violations(problem: Problem, plan: Plan) -> Iterator[Violation]:
    starts = plan.starts()
    for visit in problem.visits:
        copies = starts.get(visit.id, [])
        carers = [c for c, _ in copies]
        if copies and len(copies) != visit.carers:
            yield Violation(
                Rule.VISIT_COPIES,
                f"visit {visit.id} needs {visit.carers} carer(s) and is planned {len(copies)} times",
                visit.id,
            )
        elif len(set(carers)) < len(carers):
            yield Violation(
                Rule.TWO_CARER_SAME_CARER,
                f"both copies of visit {visit.id} are with carer {carers[0]}",
                visit.id,
                carers[0],
            )
        elif len({s for _, s in copies}) > 1:
            yield Violation(
                Rule.TWO_CARER_START_MISMATCH,
                f"the carers of visit {visit.id} start it at {' and '.join(str(s) for _, s in copies)}",
                visit.id,
            )


def _unassigned_violations(problem: Problem, plan: Plan) -> Iterator[Violation]:
    starts, listed = plan.starts(), Counter(u.visit for u in plan.unassigned)
    for vid, n in listed.items():
        if vid not in problem.visit_by_id:
            yield Violation(Rule.UNKNOWN_VISIT, f"unassigned lists unknown visit {vid!r}", vid)
        elif n > 1:
            yield Violation(Rule.VISIT_COPIES, f"visit {vid} is listed {n} times in unassigned", vid)
    for visit in problem.visits:
        if visit.id in starts and visit.id in listed:
            yield Violation(
                Rule.VISIT_BOTH_PLANNED_AND_UNASSIGNED,
                f"visit {visit.id} is both planned and unassigned",
                visit.id,
            )
        elif visit.id not in starts and visit.id not in listed:
            yield Violation(
                Rule.VISIT_MISSING, f"visit {visit.id} is neither planned nor unassigned", visit.id
            )


def _after_violations(problem: Problem, plan: Plan) -> Iterator[Violation]:
    starts = plan.starts()
    for visit in problem.visits:
        if visit.after is None:
            continue
        rule, mine, theirs = visit.after, starts.get(visit.id, []), starts.get(visit.after.visit, [])
        if bool(mine) != bool(theirs):
            planned, other = (visit.id, rule.visit) if mine else (rule.visit, visit.id)
            yield Violation(
                Rule.AFTER_PARTIAL,
                f"visit {planned} is planned but visit {other}, which must go with it, is not",
                visit.id,
            )
            continue
        gaps = sorted({start - other for _, start in mine for _, other in theirs})
        bad = [g for g in gaps if not rule.min_gap <= g <= rule.max_gap]
        if bad:
            yield Violation(
                Rule.AFTER_GAP,
                f"visit {visit.id} starts {bad[0]} minutes after visit {rule.visit}; "
                f"allowed is {rule.min_gap} to {rule.max_gap}",
                visit.id,
            )
