# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 2 driver: split the assigned shifts into independent groups and sequence each.

Shifts are linked when they share a two-carer visit or hold two visits linked by
``after``; linked shifts are sequenced in one CP-SAT model, the rest alone.
The deterministic time budget is shared in proportion to the visits in a group.
"""

from __future__ import annotations

from collections.abc import Mapping

from naerhed.planner.backends.cpsat_sequence import sequence
from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Stop


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


def sequence_all(
    problem: Problem, params: SolveParams, shifts: Mapping[str, tuple[ShiftRef, ...]], *, seed: int,
    budget: float,
) -> tuple[dict[ShiftRef, tuple[Stop, ...]], set[str]]:
    """Sequence every group; return the timed stops per shift and the visits dropped."""
    parts = groups(problem, shifts)
    total = sum(len(vs) for part in parts for vs in part.values()) or 1
    routes: dict[ShiftRef, tuple[Stop, ...]] = {}
    dropped: set[str] = set()
    for part in parts:
        size = sum(len(vs) for vs in part.values())
        result = sequence(problem, params, part, seed=seed, budget=max(0.05, budget * size / total))
        routes.update(result.routes)
        dropped |= result.dropped
    return routes, dropped
