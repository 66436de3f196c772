# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Make room for one more visit in a shift by re-timing the shift's later visits with CP-SAT.

Used when a visit fits nowhere without moving others (:mod:`replan`). Visits that
start before ``now``, two-carer visits and visits linked by ``after`` keep their
start; the others keep their carer and may move inside their windows, never
before ``now``. The shift's current timeline is the search's starting point.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import replace

from naerhed.planner.backends.cpsat_routes import Task, route_group
from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.plan import VisitStop
from naerhed.planner.repair import Board

BUDGET = 0.3  # seconds per shift tried
NEAR = 120  # minutes either side of a visit's window that count towards a shift's busyness


def _frozen(problem: Problem, visit: Visit) -> bool:
    linked = visit.after is not None or any(
        o.after is not None and o.after.visit == visit.id for o in problem.visits
    )
    return visit.carers > 1 or linked


def _pinned(visit: Visit, start: int) -> Visit:
    """This shift's copy of ``visit`` held at ``start``: one carer here (a two-carer visit's
    other copy stays where it is) and no ``after`` link (the fixed start keeps it)."""
    return replace(visit, window=(start, start), late_allowed=0, carers=1, after=None)


def _movable(visit: Visit, start: int | None, now: int, fixed: bool) -> Visit | None:
    """``visit`` with the window it may use, or ``None`` if nothing in it fits after ``now``."""
    if fixed and start is not None:
        return _pinned(visit, start)
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
        tasks = [Task(new, (ref,), {}), *_held(problem, board, ref, now)]
        current = board.stops.get(ref, ())
        result = route_group(problem, board.params, tasks, seed=seed, budget=BUDGET, start={ref: current})
        if not result.dropped and ref in result.routes:
            board.set_route(ref, result.routes[ref])
            return True
    return False


def _held(problem: Problem, board: Board, ref: ShiftRef, now: int) -> list[Task]:
    """The visits on shift ``ref`` as tasks of that shift, movable where :func:`_movable` allows."""
    tasks = []
    for stop in board.stops.get(ref, ()):
        if isinstance(stop, VisitStop):
            v = problem.visit_by_id[stop.visit]
            moved = _movable(v, stop.start, now, stop.start < now or _frozen(problem, v))
            tasks.append(Task(moved or _pinned(v, stop.start), (ref,), {}))
    return tasks


def least_busy(board: Board, visit: Visit, refs: list[ShiftRef]) -> list[ShiftRef]:
    """``refs`` ordered by how many visits they hold near ``visit``'s window, fewest first."""
    lo, hi = visit.window[0] - NEAR, visit.latest_start + visit.duration + NEAR
    busy = {
        ref: sum(1 for s in board.stops.get(ref, ()) if isinstance(s, VisitStop) and lo <= s.start <= hi)
        for ref in refs
    }
    return sorted(refs, key=lambda r: (busy[r], r.carer, r.shift))


def retime_pair_into(
    problem: Problem,
    board: Board,
    visit: Visit,
    refs: list[ShiftRef],
    seed: int,
    *,
    pairs: int,
    deadline: float | None = None,
) -> bool:
    """Put two-carer ``visit`` into two shifts of ``refs`` (of different carers), re-timing both
    shifts' other visits as :func:`retime_into` does; the ``pairs`` least busy pairs are tried,
    no more once ``deadline`` (a ``time.monotonic()`` value) has passed."""
    if visit.carers != 2 or _frozen(problem, replace(visit, carers=1)):
        return False
    tried = 0
    for a, b in itertools.combinations(least_busy(board, visit, refs), 2):
        if a.carer == b.carer:
            continue
        if tried >= pairs or (deadline is not None and time.monotonic() > deadline):
            break
        tried += 1
        tasks = [Task(visit, (a, b), {}), *_held(problem, board, a, 0), *_held(problem, board, b, 0)]
        start = {r: board.stops.get(r, ()) for r in (a, b)}
        result = route_group(problem, board.params, tasks, seed=seed, budget=2 * BUDGET, start=start)
        if not result.dropped and a in result.routes and b in result.routes:
            board.set_route(a, result.routes[a])
            board.set_route(b, result.routes[b])
            return True
    return False
