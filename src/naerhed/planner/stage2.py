# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 2 driver: split the assigned shifts into independent groups and sequence each.

Shifts are linked when they share a two-carer visit or hold two visits linked by
``after``; linked shifts are sequenced in one CP-SAT model, the rest alone.
The deterministic time budget is shared in proportion to the visits in a group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from naerhed.planner.backends.cpsat_sequence import Sequenced, sequence
from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Route, Stop
from naerhed.planner.repair import Board, insert_group, linked_group
from naerhed.planner.timeline import replay


class _Groups:
    def __init__(self) -> None:
        self.parent: dict[ShiftRef, ShiftRef] = {}

    def find(self, ref: ShiftRef) -> ShiftRef:
        root = self.parent.setdefault(ref, ref)
        while root != self.parent[root]:
            root = self.parent[root]
        self.parent[ref] = root
        return root

    def union(self, a: ShiftRef, b: ShiftRef) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb, key=_key)] = min(ra, rb, key=_key)


def _key(ref: ShiftRef) -> tuple[int, int]:
    return ref.carer, ref.shift


def groups(problem: Problem, shifts: Mapping[str, tuple[ShiftRef, ...]]) -> list[dict[ShiftRef, list[Visit]]]:
    """The assigned work split into groups of linked shifts, in a fixed order."""
    g = _Groups()
    work: dict[ShiftRef, list[Visit]] = {}
    for vid in sorted(shifts):
        refs = shifts[vid]
        for ref in refs:
            work.setdefault(ref, []).append(problem.visit_by_id[vid])
            g.union(refs[0], ref)
        after = problem.visit_by_id[vid].after
        if after is not None and after.visit in shifts:
            g.union(refs[0], shifts[after.visit][0])
    out: dict[ShiftRef, dict[ShiftRef, list[Visit]]] = {}
    for ref in sorted(work, key=_key):
        out.setdefault(g.find(ref), {})[ref] = work[ref]
    return [out[root] for root in sorted(out, key=_key)]


def greedy(problem: Problem, params: SolveParams, part: Mapping[ShiftRef, Sequence[Visit]]) -> Sequenced:
    """Insert the group's visits one by one, earliest window first, into their assigned shifts."""
    board = Board(problem, params, {})
    refs_of: dict[str, list[ShiftRef]] = {}
    for ref, vs in part.items():
        for v in vs:
            refs_of.setdefault(v.id, []).append(ref)
    order = sorted(refs_of, key=lambda vid: (problem.visit_by_id[vid].window, vid))
    pending = set(order)
    for vid in order:
        if vid in pending:
            group = linked_group(problem, problem.visit_by_id[vid], pending)
            insert_group(problem, board, group, {v: tuple(r) for v, r in refs_of.items()})
            pending -= {v.id for v in group}
    return Sequenced(dict(board.stops), set(refs_of) - set(board.start))


def _score(problem: Problem, params: SolveParams, result: Sequenced) -> tuple[int, int]:
    lost = sum(params.unassigned_penalty[problem.visit_by_id[v].priority] for v in result.dropped)
    travel = sum(replay(problem, Route(problem.carers[r.carer].id, r.shift, st)).travel
                 for r, st in result.routes.items())
    return lost, travel


def _best_of(problem: Problem, params: SolveParams, part: Mapping[ShiftRef, Sequence[Visit]], *,
             seed: int, budget: float) -> Sequenced:
    """CP-SAT started from the greedy timelines; the greedy answer if CP-SAT does worse."""
    first = greedy(problem, params, part)
    if not first.dropped and len(part) == 1 and sum(len(v) for v in part.values()) <= 1:
        return first
    found = sequence(problem, params, part, seed=seed, budget=budget, start=first.routes)
    return found if _score(problem, params, found) <= _score(problem, params, first) else first


Cache = dict[tuple[tuple[ShiftRef, tuple[str, ...]], ...], Sequenced]


def sequence_all(
    problem: Problem, params: SolveParams, shifts: Mapping[str, tuple[ShiftRef, ...]], *, seed: int,
    budget: float, cache: Cache | None = None,
) -> tuple[dict[ShiftRef, tuple[Stop, ...]], dict[ShiftRef, set[str]]]:
    """Sequence every group; return the timed stops per shift and the visits dropped per shift.

    ``cache`` keeps results of groups already sequenced (same shifts, same visits)
    so later rounds only pay for the groups that changed.
    """
    cache = {} if cache is None else cache
    parts = groups(problem, shifts)
    keys = [tuple((ref, tuple(v.id for v in part[ref])) for ref in part) for part in parts]
    total = sum(len(vs) for part, key in zip(parts, keys, strict=True) if key not in cache
                for vs in part.values()) or 1
    routes: dict[ShiftRef, tuple[Stop, ...]] = {}
    dropped: dict[ShiftRef, set[str]] = {}
    for part, key in zip(parts, keys, strict=True):
        if key not in cache:
            size = sum(len(vs) for vs in part.values())
            cache[key] = _best_of(problem, params, part, seed=seed, budget=max(0.2, budget * size / total))
        result = cache[key]
        routes.update(result.routes)
        for ref, vs in part.items():
            lost = {v.id for v in vs} & result.dropped
            if lost:
                dropped[ref] = lost
    return routes, dropped
