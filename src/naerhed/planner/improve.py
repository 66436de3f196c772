# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 4: fewer carers per citizen by moving all of a rarely seen carer's visits to the
citizen's other carers, where they fit without moving anything else.

A move is kept only when every visit of that carer finds a place, every touched
route still replays cleanly, and the travel added stays within
``TRAVEL_SHARE`` of the continuity gained (stricter than the objective's own
trade-off: measured, a looser rule let these moves add 50 % to the week's
travel on 200 citizens); otherwise the board is restored exactly.
"""

from __future__ import annotations

import time
from collections import Counter

from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.model import Problem
from naerhed.planner.plan import VisitStop
from naerhed.planner.repair import Board, insert_visit, lateness
from naerhed.planner.timeline import replay

TRAVEL_SHARE = 0.25


def _visits_by_citizen(problem: Problem, board: Board) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for ref in sorted(board.stops, key=lambda r: (r.carer, r.shift)):
        for stop in board.stops[ref]:
            if isinstance(stop, VisitStop):
                out.setdefault(problem.visit_by_id[stop.visit].citizen, []).append((stop.visit, ref.carer))
    return out


def _travel(board: Board, refs: set[ShiftRef]) -> int | None:
    """Travel of the shifts ``refs``, with their lateness in minutes of travel of equal cost."""
    total, params = 0, board.params
    for ref in refs:
        if ref in board.stops:
            result = replay(board.problem, board.route(ref, board.stops[ref]))
            if result.problems:
                return None
            late, _ = lateness(board.problem, {ref: board.stops[ref]})
            total += result.travel + late * params.late_per_minute // max(1, params.travel_per_minute)
    return total


def _movable(problem: Problem, visit_id: str) -> bool:
    v = problem.visit_by_id[visit_id]
    linked = any(o.after is not None and o.after.visit == visit_id for o in problem.visits)
    return v.carers == 1 and v.after is None and not linked


def _try_move(
    problem: Problem, board: Board, elig: Eligibility, visits: list[str], keep: set[int], gain: float
) -> bool:
    """Move ``visits`` to shifts of carers in ``keep``; restore the board unless it pays."""
    saved = (dict(board.stops), {k: dict(v) for k, v in board.carers_of.items()}, dict(board.start))
    touched = {
        ref
        for ref, stops in board.stops.items()
        if any(isinstance(s, VisitStop) and s.visit in visits for s in stops)
    }
    before = _travel(board, touched) or 0
    for vid in visits:
        board.remove(vid)
    ok = True
    for vid in visits:
        refs = [r for r in elig.shifts[vid] if r.carer in keep]
        placed = insert_visit(problem, board, problem.visit_by_id[vid], refs)
        touched |= {r for r in refs if r in board.stops}
        ok = ok and placed
        if not ok:
            break
    after = _travel(board, touched) if ok else None
    if after is not None and board.params.travel_per_minute * (after - before) <= TRAVEL_SHARE * gain:
        return True
    board.stops, board.carers_of, board.start = saved
    return False


def improve_continuity(problem: Problem, board: Board, elig: Eligibility, *, deadline: float) -> int:
    """Drop rarely seen carers from citizens' weeks until ``deadline``; returns the carers removed."""
    removed = 0
    for cid, items in sorted(_visits_by_citizen(problem, board).items()):
        if time.monotonic() > deadline:
            break
        counts = Counter(c for _, c in items)
        for carer, _ in sorted(counts.items(), key=lambda kv: (kv[1], kv[0])):
            keep = set(counts) - {carer}
            visits = [v for v, c in items if c == carer]
            if not keep or not all(_movable(problem, v) for v in visits):
                continue
            citizen = problem.citizen_by_id[cid]
            c = problem.carers[carer]
            rank = citizen.preferred_carers.index(c.id) if c.id in citizen.preferred_carers else None
            gain = board.params.pair_cost(own_team=c.team == citizen.team, preferred_rank=rank)
            if _try_move(problem, board, elig, visits, keep, gain):
                removed += 1
                counts.pop(carer)
                items = [(v, c2) for v, c2 in _visits_by_citizen(problem, board).get(cid, [])]
                counts = Counter(c2 for _, c2 in items)
    return removed
