# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Repair by ejection: make room for a visit that fits nowhere by moving one other visit.

Priorities are lexicographic, so a priority-1 visit may push out a visit of a
lower priority. For a visit group (a visit and its ``after`` partners) that
:func:`repair.insert_group` could not place, each eligible shift in turn gives up
one single-carer, unlinked visit near the group's time; the group goes in, and
the ejected visit goes wherever it fits. The move is kept when the ejected visit
found a new place, or when it is of a strictly lower priority than every visit
of the group (then it is the one left unassigned). Otherwise the board is
restored exactly.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.plan import VisitStop
from naerhed.planner.repair import Board, insert_group, insert_visit

NEAR = 120  # minutes either side of the group's windows where an ejected visit can make room


def _single(problem: Problem, visit_id: str) -> bool:
    v = problem.visit_by_id[visit_id]
    linked = any(o.after is not None and o.after.visit == visit_id for o in problem.visits)
    return v.carers == 1 and v.after is None and not linked


def _candidates(problem: Problem, board: Board, group: list[Visit], refs: set[ShiftRef]) -> list[str]:
    """Visits on ``refs`` starting near the group's windows, lowest priority first."""
    lo = min(v.window[0] for v in group) - NEAR
    hi = max(v.latest_start + v.duration for v in group) + NEAR
    found: set[str] = set()
    for ref in refs:
        for stop in board.stops.get(ref, ()):
            if isinstance(stop, VisitStop) and lo <= stop.start <= hi and _single(problem, stop.visit):
                found.add(stop.visit)
    return sorted(found, key=lambda vid: (-problem.visit_by_id[vid].priority, vid))


def insert_ejecting(
    problem: Problem,
    board: Board,
    group: list[Visit],
    eligible: Mapping[str, tuple[ShiftRef, ...]],
    *,
    deadline: float,
) -> str | bool | None:
    """Place ``group`` by ejecting one visit. Returns ``False`` if no ejection works, else the
    id of the visit left out (``None`` when the ejected visit found another place)."""
    refs = {r for v in group for r in eligible.get(v.id, ())}
    least = max(v.priority for v in group)
    for vid in _candidates(problem, board, group, refs):
        if time.monotonic() > deadline:
            return False
        ejected = problem.visit_by_id[vid]
        saved = (dict(board.stops), {k: dict(v) for k, v in board.carers_of.items()}, dict(board.start))
        board.remove(vid)
        if insert_group(problem, board, group, eligible):
            if insert_visit(problem, board, ejected, eligible.get(vid, ())):
                return None
            if ejected.priority > least:
                return vid
        board.stops, board.carers_of, board.start = saved
    return False
