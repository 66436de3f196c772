# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 1: the weekly assignment of visits to carer shifts with CP-SAT.

One boolean per (visit, eligible shift); a visit with ``carers: 2`` takes two
shifts of two different carers. Booleans ``y[citizen, carer]`` count the
distinct carers per citizen (continuity). Each shift's capacity is bounded by
its length minus the break, and by energy bounds over the visits' time windows
(visits whose windows fall inside ``[a, b]`` must fit in ``b - a``), both with
estimated travel. Exact timing is left to stage 2.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from naerhed.planner.eligibility import ShiftRef, legs
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import Progress, SolveParams

ASSIGN_WORKERS = 8


@dataclass(frozen=True)
class AssignInput:
    """What stage 1 needs besides the problem and parameters."""

    eligible: Mapping[str, tuple[ShiftRef, ...]]
    travel_estimate: Mapping[tuple[str, str], int]
    visits: tuple[Visit, ...]
    nearest_start: Mapping[str, int]
    anchor: Mapping[tuple[str, int], int] = field(default_factory=dict)


@dataclass(frozen=True)
class Assignment:
    """For each assigned visit, its shifts (one per carer it needs, carers in index order)."""

    shifts: dict[str, tuple[ShiftRef, ...]]
    objective: float


class _Model:
    def __init__(self, problem: Problem, data: AssignInput, params: SolveParams) -> None:
        self.problem, self.data, self.params = problem, data, params
        self.m = cp_model.CpModel()
        self.a: dict[str, cp_model.IntVar] = {}
        self.x: dict[tuple[str, ShiftRef], cp_model.IntVar] = {}
        self.y: dict[tuple[str, int], cp_model.IntVar] = {}
        self.by_shift: dict[ShiftRef, list[tuple[Visit, cp_model.IntVar]]] = {}

    def build(self) -> None:
        for visit in self.data.visits:
            self._visit(visit)
        for visit in self.data.visits:
            after = visit.after
            if after is not None and after.visit in self.a:
                self.m.add(self.a[visit.id] == self.a[after.visit])
            elif after is not None:
                self.m.add(self.a[visit.id] == 0)
        for ref, items in self.by_shift.items():
            self._capacity(ref, items)
        self._objective()

    def _visit(self, visit: Visit) -> None:
        a = self.m.new_bool_var(f"a_{visit.id}")
        self.a[visit.id] = a
        refs = self.data.eligible.get(visit.id, ())
        if len({r.carer for r in refs}) < visit.carers:
            self.m.add(a == 0)
            return
        per_carer: dict[int, list[cp_model.IntVar]] = {}
        for ref in refs:
            x = self.m.new_bool_var("")
            self.x[visit.id, ref] = x
            per_carer.setdefault(ref.carer, []).append(x)
            self.by_shift.setdefault(ref, []).append((visit, x))
            key = (visit.citizen, ref.carer)
            if key not in self.y:
                self.y[key] = self.m.new_bool_var("")
            self.m.add_implication(x, self.y[key])
        self.m.add(sum(self.x[visit.id, r] for r in refs) == visit.carers * a)
        if visit.carers > 1:
            for xs in per_carer.values():
                self.m.add_at_most_one(xs)

    def detour(self, ref: ShiftRef, visit: Visit) -> int:
        """Extra minutes from this carer's start location to the citizen, over the nearest start location."""
        if visit.remote:
            return 0
        carer = self.problem.carers[ref.carer]
        here = self.problem.visit_location(visit)
        own = self.problem.travel_minutes(carer.transport, carer.start_location, here)
        return max(0, own - self.data.nearest_start.get(visit.citizen, own))

    def _load(self, ref: ShiftRef, visit: Visit) -> int:
        if visit.remote:
            return visit.duration
        mode = self.problem.carers[ref.carer].transport
        est = self.data.travel_estimate.get((mode, visit.citizen), 0)
        return visit.duration + est + self.detour(ref, visit) // 2

    def _capacity(self, ref: ShiftRef, items: list[tuple[Visit, cp_model.IntVar]]) -> None:
        shift = self.problem.carers[ref.carer].shifts[ref.shift]
        carer = self.problem.carers[ref.carer]
        trips = [sum(legs(self.problem, carer, v)) for v, _ in items if not v.remote]
        room = shift.minutes - (shift.break_.duration if shift.break_ else 0) - min(trips, default=0)
        loads = [self._load(ref, v) for v, _ in items]
        self.m.add(sum(w * x for w, (_, x) in zip(loads, items, strict=True)) <= room)
        slack = max(w - v.duration for w, (v, _) in zip(loads, items, strict=True))
        ranges = sorted({(v.window[0], v.latest_start + v.duration) for v, _ in items})
        for lo, hi in ranges:
            inside = [
                (w, x)
                for w, (v, x) in zip(loads, items, strict=True)
                if v.window[0] >= lo and v.latest_start + v.duration <= hi
            ]
            if len(inside) > 1 and sum(w for w, _ in inside) > hi - lo + slack:
                self.m.add(sum(w * x for w, x in inside) <= hi - lo + slack)

    def _objective(self) -> None:
        p, problem = self.params, self.problem
        terms = [p.unassigned_penalty[v.priority] * (1 - self.a[v.id]) for v in self.data.visits]
        for (vid, ref), x in self.x.items():
            detour = self.detour(ref, problem.visit_by_id[vid])
            if detour:
                terms.append(p.travel_per_minute * detour * x)
        for (cid, ci), y in self.y.items():
            citizen, carer = problem.citizen_by_id[cid], problem.carers[ci]
            prefs = citizen.preferred_carers
            rank = prefs.index(carer.id) if carer.id in prefs else None
            cost = p.pair_cost(own_team=carer.team == citizen.team, preferred_rank=rank)
            cost += p.travel_per_minute * self.data.anchor.get((cid, ci), 0)
            terms.append(cost * y)
        peak = self.m.new_int_var(0, 100, "peak")
        for ref, items in self.by_shift.items():
            shift = problem.carers[ref.carer].shifts[ref.shift]
            self.m.add(100 * sum(v.duration * x for v, x in items) <= peak * shift.minutes)
        terms.append(p.fairness_per_percent * peak)
        self.m.minimize(sum(terms))


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, model: _Model, on_progress: Callable[[Progress], None], started: float) -> None:
        super().__init__()
        self._model, self._on_progress, self._started = model, on_progress, started

    def on_solution_callback(self) -> None:
        dropped = sum(1 for a in self._model.a.values() if not self.value(a))
        pairs = sum(1 for y in self._model.y.values() if self.value(y))
        citizens = len({cid for (cid, _), y in self._model.y.items() if self.value(y)})
        self._on_progress(
            Progress(
                time.monotonic() - self._started,
                float(self.objective_value),
                dropped,
                pairs / citizens if citizens else 0.0,
                0,
            )
        )


def assign(
    problem: Problem,
    data: AssignInput,
    params: SolveParams,
    *,
    seed: int,
    budget: float,
    on_progress: Callable[[Progress], None] | None = None,
) -> Assignment:
    """Solve stage 1 within ``budget`` deterministic seconds; return the best assignment found."""
    model = _Model(problem, data, params)
    model.build()
    solver = cp_model.CpSolver()
    # Interleaved workers run in one thread in a fixed order: LNS without losing determinism.
    solver.parameters.num_workers = ASSIGN_WORKERS
    solver.parameters.interleave_search = True
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = budget / 2
    solver.parameters.max_time_in_seconds = 3 * budget  # a guard; the deterministic limit binds first
    reporter = _Reporter(model, on_progress, time.monotonic()) if on_progress else None
    status = solver.solve(model.m, reporter)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Assignment({}, float("inf"))
    chosen: dict[str, list[ShiftRef]] = {}
    for (vid, ref), x in model.x.items():
        if solver.value(x):
            chosen.setdefault(vid, []).append(ref)
    shifts = {vid: tuple(sorted(refs, key=lambda r: r.carer)) for vid, refs in chosen.items()}
    return Assignment(shifts, float(solver.objective_value))
