# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Exact timing of a peer's routes, dropping what does not fit.

A peer's model may approximate (remote visits, breaks taken during travel). Given each
route's order of visits, this walks the route exactly as ``naerhed-plan/1`` does: a
visit starts at the earliest minute it can (two-carer visits at the minute both
copies agreed), the break is placed in whichever gap drops the least, and a visit
that cannot start in its window is dropped. Dropping one copy of a two-carer visit
drops the other too, and the routes are walked again until nothing changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from naerhed.planner.model import Carer, Problem, Shift, Visit
from naerhed.planner.plan import BreakStop, Route, Stop, Unassigned, VisitStop

#: Weight of a dropped visit by priority, to choose where the break goes.
DROP_WEIGHT = {1: 100, 2: 10, 3: 1}


@dataclass(frozen=True)
class Draft:
    """A carer shift and the visits a peer put on it, in order."""

    carer: str
    shift: int
    visits: tuple[str, ...]


@dataclass(frozen=True)
class Walked:
    stops: tuple[Stop, ...]
    dropped: tuple[str, ...]


def finish(
    problem: Problem, drafts: Sequence[Draft], sync_starts: Mapping[str, int], unplanned: Mapping[str, str]
) -> tuple[tuple[Route, ...], tuple[Unassigned, ...]]:
    """Routes that follow the format exactly, and every visit left out with its reason.

    ``sync_starts`` gives the agreed start of each planned two-carer visit; ``unplanned``
    the visits the peer did not plan, with the reason.
    """
    gone: dict[str, str] = {}
    while True:
        walked = {(d.carer, d.shift): _walk(problem, d, sync_starts, gone) for d in drafts}
        new = {v for w in walked.values() for v in w.dropped} - gone.keys()
        if not new:
            break
        gone.update({v: "dropped: its start did not fit when the route was timed exactly" for v in new})
    routes = tuple(
        Route(carer=d.carer, shift=d.shift, stops=walked[d.carer, d.shift].stops)
        for d in drafts
        if any(isinstance(s, VisitStop) for s in walked[d.carer, d.shift].stops)
    )
    planned = {s.visit for r in routes for s in r.visit_stops}
    reasons = {**unplanned, **gone}
    missing = [v.id for v in problem.visits if v.id not in planned]
    return routes, tuple(Unassigned(v, reasons.get(v, "not planned")) for v in missing)


def _walk(problem: Problem, draft: Draft, sync: Mapping[str, int], gone: Mapping[str, str]) -> Walked:
    carer = problem.carer_by_id[draft.carer]
    shift = carer.shifts[draft.shift]
    visits = [problem.visit_by_id[v] for v in draft.visits if v not in gone]
    if shift.break_ is None:
        return _walk_with_break_at(problem, carer, shift, visits, sync, None)
    best: Walked | None = None
    for gap in range(len(visits) + 1):
        w = _walk_with_break_at(problem, carer, shift, visits, sync, gap)
        if best is None or _cost(problem, w) < _cost(problem, best):
            best = w
    assert best is not None
    return best


def _cost(problem: Problem, w: Walked) -> int:
    return sum(DROP_WEIGHT[problem.visit_by_id[v].priority] for v in w.dropped)


def _walk_with_break_at(
    problem: Problem,
    carer: Carer,
    shift: Shift,
    visits: list[Visit],
    sync: Mapping[str, int],
    gap: int | None,
) -> Walked:
    """Walk the route with the break just before ``visits[gap]`` (at the end if ``gap`` is the length).

    A route whose break cannot be placed there drops every visit, so another gap wins.
    """
    position, ready = carer.start_location, shift.start
    stops: list[Stop] = []
    dropped: list[str] = []
    for k, visit in enumerate([*visits, None]):
        if k == gap and shift.break_ is not None:
            start = max(ready, shift.break_.earliest)
            if start > shift.break_.latest:
                return Walked((), tuple(v.id for v in visits))
            stops.append(BreakStop(start=start, duration=shift.break_.duration))
            ready = start + shift.break_.duration
        if visit is None:
            break
        goal = position if visit.remote else problem.visit_location(visit)
        arrival = ready + problem.travel_minutes(carer.transport, position, goal)
        start = sync.get(visit.id, max(arrival, visit.window[0]))
        if (
            arrival > start
            or start > visit.latest_start
            or start < visit.window[0]
            or not problem.can_serve(carer, visit)
        ):
            dropped.append(visit.id)
            continue
        stops.append(VisitStop(visit=visit.id, start=start))
        position, ready = goal, start + visit.duration
    if ready + problem.travel_minutes(carer.transport, position, carer.end_location) > shift.end:
        return _drop_last(problem, carer, shift, visits, sync, gap, dropped)
    return Walked(tuple(stops), tuple(dropped))


def _drop_last(
    problem: Problem,
    carer: Carer,
    shift: Shift,
    visits: list[Visit],
    sync: Mapping[str, int],
    gap: int | None,
    dropped: list[str],
) -> Walked:
    """The carer is home too late: drop the last kept visit and walk again."""
    kept = [v for v in visits if v.id not in dropped]
    if not kept:
        return Walked((), tuple(v.id for v in visits))
    last = kept[-1]
    rest = [v for v in visits if v.id != last.id]
    new_gap = None if gap is None else min(gap, len(rest))
    w = _walk_with_break_at(problem, carer, shift, rest, sync, new_gap)
    return Walked(w.stops, (*w.dropped, last.id))
