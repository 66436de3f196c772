# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 2 driver: give every visit a few candidate shifts, split them into independent
groups and route each group exactly with CP-SAT.

A visit's candidates are the shifts stage 1 chose, then other eligible shifts of
carers the citizen already has this week (free), then own-team shifts (at the
continuity cost of a new carer). Shifts sharing a candidate visit, or holding
visits linked by ``after``, form one group. Each group starts from a greedy
insertion into the stage-1 shifts, so CP-SAT's answer is never worse than it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from naerhed.planner.backends.cpsat_routes import Sequenced, Task, route_group
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Route, Stop
from naerhed.planner.repair import Board, insert_group, linked_group
from naerhed.planner.timeline import replay

CANDIDATES = 4


def _key(ref: ShiftRef) -> tuple[int, int]:
    return ref.carer, ref.shift


def tasks(problem: Problem, params: SolveParams, elig: Eligibility, visits: Sequence[Visit],
          chosen: Mapping[str, tuple[ShiftRef, ...]]) -> list[Task]:
    """One task per visit with its candidate shifts and their continuity costs."""
    has: dict[str, set[int]] = {}
    for vid, refs in chosen.items():
        has.setdefault(problem.visit_by_id[vid].citizen, set()).update(r.carer for r in refs)
    out = []
    for v in visits:
        own, citizen = has.get(v.citizen, set()), problem.citizen_by_id[v.citizen]
        first = list(chosen.get(v.id, ()))
        known = [r for r in elig.shifts[v.id] if r.carer in own and r not in first]
        team = [r for r in elig.shifts[v.id] if r.carer not in own
                and problem.carers[r.carer].team == citizen.team]
        refs = tuple((first + known + team)[:max(CANDIDATES, len(first) + v.carers)])
        cost = {r: 0 if r.carer in own else _new_carer(problem, params, v, r) for r in refs}
        if refs:
            out.append(Task(v, refs, cost))
    return out


def _new_carer(problem: Problem, params: SolveParams, visit: Visit, ref: ShiftRef) -> int:
    citizen, carer = problem.citizen_by_id[visit.citizen], problem.carers[ref.carer]
    rank = citizen.preferred_carers.index(carer.id) if carer.id in citizen.preferred_carers else None
    return params.pair_cost(own_team=carer.team == citizen.team, preferred_rank=rank)


def groups(problem: Problem, all_tasks: Sequence[Task]) -> list[list[Task]]:
    """Tasks split into groups that share no shift and no ``after`` link, in a fixed order."""
    parent: dict[ShiftRef, ShiftRef] = {}

    def find(ref: ShiftRef) -> ShiftRef:
        while parent.setdefault(ref, ref) != ref:
            ref = parent[ref]
        return ref

    def union(a: ShiftRef, b: ShiftRef) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=_key)] = min(ra, rb, key=_key)

    anchor = {t.visit.id: t.shifts[0] for t in all_tasks}
    for t in all_tasks:
        for ref in t.shifts:
            union(t.shifts[0], ref)
        if t.visit.after is not None and t.visit.after.visit in anchor:
            union(t.shifts[0], anchor[t.visit.after.visit])
    out: dict[ShiftRef, list[Task]] = {}
    for t in all_tasks:
        out.setdefault(find(t.shifts[0]), []).append(t)
    return [out[root] for root in sorted(out, key=_key)]


def greedy(problem: Problem, params: SolveParams, group: Sequence[Task],
           chosen: Mapping[str, tuple[ShiftRef, ...]]) -> Sequenced:
    """Insert the group's visits one by one, earliest window first, into their stage-1 shifts."""
    board = Board(problem, params, {})
    refs_of = {t.visit.id: tuple(chosen.get(t.visit.id, ())) for t in group}
    order = sorted(refs_of, key=lambda vid: (problem.visit_by_id[vid].window, vid))
    pending = set(order)
    for vid in order:
        if vid in pending:
            linked = linked_group(problem, problem.visit_by_id[vid], pending)
            insert_group(problem, board, linked, refs_of)
            pending -= {v.id for v in linked}
    return Sequenced(dict(board.stops), set(refs_of) - set(board.start))


def _score(problem: Problem, params: SolveParams, result: Sequenced) -> tuple[int, int]:
    lost = sum(params.unassigned_penalty[problem.visit_by_id[v].priority] for v in result.dropped)
    travel = sum(replay(problem, Route(problem.carers[r.carer].id, r.shift, st)).travel
                 for r, st in result.routes.items())
    return lost, travel


def route_all(problem: Problem, params: SolveParams, elig: Eligibility, visits: Sequence[Visit],
              chosen: Mapping[str, tuple[ShiftRef, ...]], *, seed: int, budget: float
              ) -> tuple[dict[ShiftRef, tuple[Stop, ...]], set[str]]:
    """Route every group; return the timed stops per shift and the visits left out."""
    parts = groups(problem, tasks(problem, params, elig, visits, chosen))
    total = sum(len(p) for p in parts) or 1
    routes: dict[ShiftRef, tuple[Stop, ...]] = {}
    dropped = {v.id for v in visits} - {t.visit.id for p in parts for t in p}
    for part in parts:
        first = greedy(problem, params, part, chosen)
        found = route_group(problem, params, part, seed=seed, budget=max(0.1, budget * len(part) / total),
                            start=first.routes)
        best = found if _score(problem, params, found) <= _score(problem, params, first) else first
        routes.update(best.routes)
        dropped |= best.dropped
    return routes, dropped
