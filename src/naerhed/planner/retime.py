# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Make room for one more visit in a shift by re-timing the shift's later visits with CP-SAT.

Used when a visit fits nowhere without moving others (:mod:`replan`). Visits that
start before ``now``, two-carer visits and visits linked by ``after`` keep their
start; the others keep their carer and may move inside their windows, never
before ``now``. The shift's current timeline is the search's starting point.
"""

from __future__ import annotations

from dataclasses import replace

from naerhed.planner.backends.cpsat_routes import Task, route_group
from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.plan import VisitStop
from naerhed.planner.repair import Board

BUDGET = 0.3  # seconds per shift tried


def _frozen(problem: Problem, visit: Visit) -> bool:
    linked = visit.after is not None or any(
        o.after is not None and o.after.visit == visit.id for o in problem.visits
    )
    return visit.carers > 1 or linked


def _movable(visit: Visit, start: int | None, now: int, fixed: bool) -> Visit | None:
    """``visit`` with the window it may use, or ``None`` if nothing in it fits after ``now``."""
    if fixed and start is not None:
        return replace(visit, window=(start, start), late_allowed=0)
    lo = max(visit.window[0], now)
    if lo > visit.latest_start:
        return None
    return replace(
        visit,
        window=(lo, max(lo, visit.window[1])),
        late_allowed=max(0, visit.latest_start - max(lo, visit.window[1])),
    )


def retime_into(
    problem: Problem, board: Board, visit: Visit, refs: list[ShiftRef], now: int, seed: int
) -> bool:
    """Put ``visit`` into the first shift of ``refs`` where re-timing its later visits makes room."""
    new = _movable(visit, None, now, False)
    if new is None or visit.carers > 1 or _frozen(problem, visit):
        return False
    for ref in refs:
        current = board.stops.get(ref, ())
        tasks = [Task(new, (ref,), {})]
        for stop in current:
            if isinstance(stop, VisitStop):
                v = problem.visit_by_id[stop.visit]
                moved = _movable(v, stop.start, now, stop.start < now or _frozen(problem, v))
                tasks.append(
                    Task(moved or replace(v, window=(stop.start, stop.start), late_allowed=0), (ref,), {})
                )
        result = route_group(problem, board.params, tasks, seed=seed, budget=BUDGET, start={ref: current})
        if not result.dropped and ref in result.routes:
            board.set_route(ref, result.routes[ref])
            return True
    return False
