# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Remote (screen) visits added to timed routes, exactly.

A routing model cannot say that a remote visit leaves the carer where they were, so
the peers route the physical visits only and add the remote ones afterwards: each goes
into the first gap of a timed route (or an idle shift) where it fits without moving any
other stop, checked by walking the route as ``naerhed-plan/1`` does.
"""

from __future__ import annotations

from collections.abc import Iterable

from naerhed.planner.figures import walk_route
from naerhed.planner.model import Carer, Problem, Visit
from naerhed.planner.plan import BreakStop, Route, Stop, VisitStop


def insert(
    problem: Problem, routes: Iterable[Route], visits: Iterable[Visit]
) -> tuple[list[Route], list[str]]:
    """The routes with as many of the one-carer remote ``visits`` as fit, and the ids that did not."""
    by_shift = {(r.carer, r.shift): r for r in routes}
    left: list[str] = []
    for visit in sorted(visits, key=lambda v: (v.window, v.id)):
        placed = visit.carers == 1 and _place(problem, by_shift, visit)
        if not placed:
            left.append(visit.id)
    return list(by_shift.values()), left


def _place(problem: Problem, by_shift: dict[tuple[str, int], Route], visit: Visit) -> bool:
    for carer in problem.carers:
        if not problem.can_serve(carer, visit):
            continue
        for k, shift in enumerate(carer.shifts):
            if shift.start > visit.latest_start or visit.window[0] + visit.duration > shift.end:
                continue
            route = by_shift.get((carer.id, k)) or _empty(carer, k)
            better = _into(problem, carer, route, visit)
            if better is not None:
                by_shift[carer.id, k] = better
                return True
    return False


def _empty(carer: Carer, k: int) -> Route:
    """An idle shift as a route: just its break, as early as allowed."""
    brk = carer.shifts[k].break_
    stops: tuple[Stop, ...] = () if brk is None else (BreakStop(brk.earliest, brk.duration),)
    return Route(carer=carer.id, shift=k, stops=stops)


def _into(problem: Problem, carer: Carer, route: Route, visit: Visit) -> Route | None:
    """``route`` with ``visit`` at the earliest feasible position and start, or ``None``."""
    shift = carer.shifts[route.shift]
    ends = [shift.start] + [s.start + _length(problem, s) for s in route.stops]
    for position in range(len(route.stops) + 1):
        start = max(ends[position], visit.window[0])
        if start > visit.latest_start:
            return None
        stops = (*route.stops[:position], VisitStop(visit.id, start), *route.stops[position:])
        candidate = Route(carer=route.carer, shift=route.shift, stops=stops)
        if _feasible(problem, carer, candidate):
            return candidate
    return None


def _length(problem: Problem, stop: Stop) -> int:
    return problem.visit_by_id[stop.visit].duration if isinstance(stop, VisitStop) else stop.duration


def _feasible(problem: Problem, carer: Carer, route: Route) -> bool:
    """Every stop starts after the previous one ends and after the carer can arrive, in its window."""
    shift = carer.shifts[route.shift]
    walk = walk_route(problem, carer, route)
    for step in walk.steps:
        if step.stop.start < max(step.ready, step.arrival, shift.start):
            return False
        if isinstance(step.stop, VisitStop):
            v = problem.visit_by_id[step.stop.visit]
            if not v.window[0] <= step.stop.start <= v.latest_start:
                return False
    return walk.home <= shift.end
