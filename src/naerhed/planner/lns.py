# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 2c: large neighbourhood search over timed routes, each step solved by CP-SAT.

Routing local search moves one visit at a time, and a visit tied to another
route (an ``after`` gap, two carers starting together) can rarely move alone.
So two or three related shifts at a time are handed to the exact model of
:mod:`backends.cpsat_routes`: every visit on them may go to any of them that
may take it, in any order and at any time up to :data:`LATER_MINUTES` later
than now, under the format's exact rules and with the plan's objective
(travel, lateness, the largest lateness). Unplanned visits those shifts could
take are offered too. Visits on other shifts stay where they are; an
``after`` partner among them is a fixed start. The current timelines are the
search's hint, and the answer replaces them only when it is strictly cheaper,
so the plan never gets worse.

The first shift of a step is drawn at random, half of the time weighted by its
lateness; the others are those linked to it by an ``after`` gap or a two-carer
visit, or related to it: on the same day and close in place and time (Shaw's
relatedness for vehicle routing). The random choices come from ``seed``; a
neighbourhood already searched as it is now is not searched again.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace

from naerhed.planner.backends.cpsat_routes import Task, route_group
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Route, Stop, VisitStop
from naerhed.planner.repair import lateness
from naerhed.planner.timeline import replay

Routes = dict[ShiftRef, tuple[Stop, ...]]

NEIGHBOURHOOD_VISITS = 12  # visits handed to CP-SAT per step (measured on Mankowska 25-100)
STEP_SECONDS = 1.0  # budget per step; CP-SAT's deterministic limit is half of it
LATER_MINUTES = 60  # a step may start a visit at most this much later than now (measured)
WAIT_MINUTES_WEIGHT = 0.5  # a minute apart in start time counts as half a minute of travel


def _visits(stops: Sequence[Stop]) -> list[VisitStop]:
    return [s for s in stops if isinstance(s, VisitStop)]


def cost(problem: Problem, params: SolveParams, routes: Mapping[ShiftRef, Sequence[Stop]], floor: int) -> int:
    """Travel, summed lateness and the largest lateness (at least ``floor``) of ``routes``, weighted."""
    travel = sum(
        replay(problem, Route(problem.carers[r.carer].id, r.shift, tuple(st))).travel
        for r, st in routes.items()
    )
    late, top = lateness(problem, routes)
    return (
        params.travel_per_minute * travel
        + params.late_per_minute * late
        + params.max_late_per_minute * max(floor, top)
    )


class _Search:
    def __init__(
        self,
        problem: Problem,
        params: SolveParams,
        elig: Eligibility,
        routes: Routes,
        dropped: set[str],
        seed: int,
    ):
        self.problem, self.params, self.elig = problem, params, elig
        self.routes, self.dropped = dict(routes), set(dropped)
        self.tried: set[object] = set()
        self.rng = random.Random(seed)
        self.seed = seed
        self.partners: dict[str, set[str]] = {}
        for v in problem.visits:
            if v.after is not None:
                self.partners.setdefault(v.id, set()).add(v.after.visit)
                self.partners.setdefault(v.after.visit, set()).add(v.id)
        self.shifts = [ShiftRef(ci, si) for ci, c in enumerate(problem.carers) for si in range(len(c.shifts))]

    def where(self) -> dict[str, list[ShiftRef]]:
        out: dict[str, list[ShiftRef]] = {}
        for ref, stops in self.routes.items():
            for st in _visits(stops):
                out.setdefault(st.visit, []).append(ref)
        return out

    def _overlap(self, a: ShiftRef, b: ShiftRef) -> bool:
        sa = self.problem.carers[a.carer].shifts[a.shift]
        sb = self.problem.carers[b.carer].shifts[b.shift]
        return sa.start < sb.end and sb.start < sa.end

    def _distance(self, a: VisitStop, b: VisitStop) -> float:
        p = self.problem
        va, vb = p.visit_by_id[a.visit], p.visit_by_id[b.visit]
        mode = next(iter(p.travel))
        leg = p.travel_minutes(mode, p.visit_location(va), p.visit_location(vb))
        return leg + WAIT_MINUTES_WEIGHT * abs(a.start - b.start)

    def neighbourhood(self) -> list[ShiftRef]:
        """A seed shift (half the time drawn by its lateness), then two or three shifts in all:
        those its visits are linked to or, more often, the related ones."""
        busy = sorted(self.routes, key=lambda r: (r.carer, r.shift))
        if self.rng.random() < 0.5:
            weights = [1 + lateness(self.problem, {r: self.routes[r]})[0] for r in busy]
            seed_ref = self.rng.choices(busy, weights)[0]
        else:
            seed_ref = busy[self.rng.randrange(len(busy))]
        where = self.where()
        mine = _visits(self.routes[seed_ref])
        linked = {r for st in mine for p in self.partners.get(st.visit, ()) for r in where.get(p, [])}
        linked |= {r for st in mine for r in where.get(st.visit, [])}
        linked.discard(seed_ref)
        related = sorted(
            (r for r in self.shifts if r != seed_ref and self._overlap(r, seed_ref)),
            key=lambda r: self._relatedness(mine, r),
        )
        order = self._shuffled(related)
        if linked and self.rng.random() < 0.3:
            first = sorted(linked, key=lambda r: (r.carer, r.shift))[self.rng.randrange(len(linked))]
            order = [first, *(r for r in order if r != first)]
        wanted = 2 if self.rng.random() < 0.7 else 3
        chosen = [seed_ref]
        for ref in order:
            if len(chosen) >= wanted or self._size(chosen) >= 2 * NEIGHBOURHOOD_VISITS:
                break
            chosen.append(ref)
        return self._closed(chosen, where)

    def _shuffled(self, ranked: list[ShiftRef]) -> list[ShiftRef]:
        """``ranked`` reordered at random with a bias to its head (Shaw removal, power 2)."""
        rest, out = list(ranked), []
        while rest:
            out.append(rest.pop(int(len(rest) * self.rng.random() ** 2)))
        return out

    def _relatedness(self, mine: list[VisitStop], ref: ShiftRef) -> float:
        theirs = _visits(self.routes.get(ref, ()))
        if not theirs:
            return 1e9 + ref.carer  # an idle shift: last, but still possible
        able = any(ref in self.elig.shifts[st.visit] for st in mine)
        penalty = 0.0 if able else 1e6
        return penalty + min(self._distance(a, b) for a in mine for b in theirs)

    def _size(self, refs: list[ShiftRef]) -> int:
        return sum(len(_visits(self.routes.get(r, ()))) for r in refs)

    def _closed(self, refs: list[ShiftRef], where: dict[str, list[ShiftRef]]) -> list[ShiftRef]:
        """``refs`` with every shift of a two-carer visit on them (its copies move together)."""
        out, todo = list(refs), list(refs)
        while todo:
            ref = todo.pop()
            for st in _visits(self.routes.get(ref, ())):
                for other in where.get(st.visit, []):
                    if other not in out:
                        out.append(other)
                        todo.append(other)
        return out

    def tasks(self, refs: list[ShiftRef]) -> tuple[list[Task], dict[str, int]]:
        """A task per visit on ``refs`` (any of ``refs`` that may take it) and the fixed
        starts of ``after`` partners elsewhere."""
        inside = set(refs)
        tasks: list[Task] = []
        fixed: dict[str, int] = {}
        starts = {st.visit: st.start for stops in self.routes.values() for st in _visits(stops)}
        seen: set[str] = set()
        for ref in refs:
            for st in _visits(self.routes.get(ref, ())):
                if st.visit in seen:
                    continue
                seen.add(st.visit)
                visit = self._bounded(self.problem.visit_by_id[st.visit], st.start)
                able = tuple(r for r in self.elig.shifts[visit.id] if r in inside)
                tasks.append(Task(visit, able, {}))
        for vid in seen:
            for p in self.partners.get(vid, ()):
                if p not in seen and p in starts:
                    fixed[p] = starts[p]
        return tasks, fixed

    def _offered(self, refs: list[ShiftRef]) -> list[Task]:
        """Unplanned visits some shift of ``refs`` may take, with their ``after`` partners."""
        inside = set(refs)
        ids = {vid for vid in self.dropped if inside.intersection(self.elig.shifts[vid])}
        todo = list(ids)
        while todo:
            for p in self.partners.get(todo.pop(), ()):
                if p in self.dropped and p not in ids:
                    ids.add(p)
                    todo.append(p)
        return [
            Task(self.problem.visit_by_id[vid], tuple(r for r in self.elig.shifts[vid] if r in inside), {})
            for vid in sorted(ids)
        ]

    @staticmethod
    def _bounded(visit: Visit, start: int) -> Visit:
        """``visit`` allowed at most :data:`LATER_MINUTES` later than its current lateness: a
        step looks for better timelines near the current one, and far fewer orders are then
        possible (an arc that would make a visit start too late is left out of the model)."""
        late = max(0, start - visit.window[1])
        return replace(visit, late_allowed=min(visit.late_allowed, late + LATER_MINUTES))

    def step(self, budget: float, number: int) -> bool:
        refs = self.neighbourhood()
        tasks, fixed = self.tasks(refs)
        tasks += self._offered(refs)
        key = (frozenset((r, self.routes.get(r)) for r in refs), frozenset(fixed.items()))
        if not tasks or key in self.tried:
            return False  # searched before as it is now
        self.tried.add(key)
        old = {r: self.routes[r] for r in refs if r in self.routes}
        rest = {r: st for r, st in self.routes.items() if r not in old}
        floor = lateness(self.problem, rest)[1]
        offered = {t.visit.id for t in tasks} & self.dropped
        found = route_group(
            self.problem,
            self.params,
            tasks,
            seed=self.seed + number,
            budget=budget,
            start=old,
            fixed=fixed,
            late_floor=floor,
        )
        if found.dropped - offered:
            return False
        new = (self._lost(found.dropped), cost(self.problem, self.params, found.routes, floor))
        if new >= (self._lost(offered), cost(self.problem, self.params, old, floor)):
            return False
        for r in old:
            del self.routes[r]
        self.routes.update(found.routes)
        self.dropped -= offered - found.dropped
        return True

    def _lost(self, visits: set[str]) -> int:
        penalty = self.params.unassigned_penalty
        return sum(penalty[self.problem.visit_by_id[v].priority] for v in visits)


def improve_routes(
    problem: Problem,
    params: SolveParams,
    elig: Eligibility,
    routes: Mapping[ShiftRef, tuple[Stop, ...]],
    dropped: set[str],
    *,
    seed: int,
    deadline: float,
    steps: int | None = None,
) -> tuple[Routes, set[str]]:
    """Better timelines, searched until ``deadline`` (``time.monotonic()``): the same visits,
    and those of ``dropped`` that find a place. Returns the timelines and the visits still out.

    With ``steps`` the search makes at most that many steps of a fixed budget each (CP-SAT's
    deterministic limit), so the same seed gives the same result; ``deadline`` still caps it."""
    search = _Search(problem, params, elig, dict(routes), dropped, seed)
    number = 0
    while search.routes and (steps is None or number < steps):
        left = deadline - time.monotonic()
        if left < 0.2:
            break
        search.step(STEP_SECONDS if steps is not None else min(STEP_SECONDS, left / 3), number)
        number += 1
    return search.routes, search.dropped
