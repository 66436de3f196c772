# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 2: exact order and times of the visits assigned to a group of shifts, with CP-SAT.

Each shift is a circuit over its non-remote visits (a self-loop drops a visit).
The leg into a visit is an interval ending at the visit's start whose length
the chosen predecessor arc fixes; visits, legs, remote visits, the break and
the leg home share one no-overlap per shift. That models the format exactly:
breaks and remote visits happen where the carer is, and travel starts only
after them. Two-carer copies start at the same minute; ``after`` gaps are
linear constraints; a visit and its linked visits are kept or dropped together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model_helper import Literal

from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import BreakStop, Stop, VisitStop


@dataclass(frozen=True)
class Sequenced:
    """Timed stops per shift (only shifts with visits) and the visits dropped."""

    routes: dict[ShiftRef, tuple[Stop, ...]]
    dropped: set[str]


@dataclass
class _Shift:
    ref: ShiftRef
    p: dict[str, cp_model.IntVar] = field(default_factory=dict)
    s: dict[str, cp_model.IntVar] = field(default_factory=dict)
    arcs: list[tuple[int, int, cp_model.IntVar | Literal]] = field(default_factory=list)
    nodes: list[Visit] = field(default_factory=list)
    brk: cp_model.IntVar | None = None
    cost: list[cp_model.LinearExprT] = field(default_factory=list)


class _Model:
    def __init__(self, problem: Problem, params: SolveParams) -> None:
        self.problem, self.params = problem, params
        self.m = cp_model.CpModel()
        self.shifts: list[_Shift] = []

    def leg(self, ref: ShiftRef, origin: str, destination: str) -> int:
        return self.problem.travel_minutes(self.problem.carers[ref.carer].transport, origin, destination)

    def add_shift(self, ref: ShiftRef, visits: Sequence[Visit]) -> None:
        sh = _Shift(ref)
        self.shifts.append(sh)
        carer = self.problem.carers[ref.carer]
        shift = carer.shifts[ref.shift]
        m = self.m
        ret = m.new_int_var(shift.start, shift.end, "")
        tret = m.new_int_var(0, shift.minutes, "")
        back = m.new_int_var(shift.start, shift.end, "")
        dep = m.new_int_var(shift.start, shift.end, "")
        m.add(dep <= ret)
        intervals = [m.new_interval_var(ret, tret, back, "")]
        sh.nodes = [v for v in visits if not v.remote]
        ends: list[tuple[cp_model.LinearExprT, cp_model.IntVar | None]] = []
        for v in visits:
            lo = max(v.window[0], shift.start)
            hi = min(v.latest_start, shift.end - v.duration)
            if not v.remote:
                here = self.problem.visit_location(v)
                lo = max(lo, shift.start + self.leg(ref, carer.start_location, here))
                hi = min(hi, shift.end - v.duration - self.leg(ref, here, carer.end_location))
            p, s = m.new_bool_var(""), m.new_int_var(min(lo, hi), max(lo, hi), "")
            if lo > hi:
                m.add(p == 0)
            sh.p[v.id], sh.s[v.id] = p, s
            intervals.append(m.new_optional_interval_var(s, v.duration, s + v.duration, p, ""))
            if v.remote:
                ends.append((s + v.duration, p))
                m.add(dep <= s).only_enforce_if(p)
        self._circuit(sh, ref, intervals, ret, tret, dep)
        if shift.break_ is not None:
            b = shift.break_
            sh.brk = m.new_int_var(b.earliest, b.latest, "")
            intervals.append(m.new_interval_var(sh.brk, b.duration, sh.brk + b.duration, ""))
            ends.append((sh.brk + b.duration, None))
        for end, present in ends:
            c = m.add(end <= ret)
            if present is not None:
                c.only_enforce_if(present)
        m.add_no_overlap(intervals)
        sh.cost.append(self.params.waiting_per_minute * (ret - dep))

    def _circuit(self, sh: _Shift, ref: ShiftRef, intervals: list[cp_model.IntervalVar],
                 ret: cp_model.IntVar, tret: cp_model.IntVar, dep: cp_model.IntVar) -> None:
        m, carer = self.m, self.problem.carers[ref.carer]
        locs = [carer.start_location] + [self.problem.visit_location(v) for v in sh.nodes]
        tin: dict[int, cp_model.IntVar] = {}
        for j, v in enumerate(sh.nodes, start=1):
            p, s = sh.p[v.id], sh.s[v.id]
            tin[j] = m.new_int_var(0, 24 * 60, "")
            a = m.new_int_var(-24 * 60, 20 * 24 * 60, "")
            intervals.append(m.new_optional_interval_var(a, tin[j], s, p, ""))
            sh.arcs.append((j, j, p.negated()))
            self._arc(sh, 0, j, self.leg(ref, carer.start_location, locs[j]), tin[j])
            m.add(dep <= a).only_enforce_if(sh.arcs[-1][2])
            home = self.leg(ref, locs[j], carer.end_location)
            lit = self._arc(sh, j, 0, home, tret)
            m.add(ret >= s + v.duration).only_enforce_if(lit)
        for i, u in enumerate(sh.nodes, start=1):
            for j, v in enumerate(sh.nodes, start=1):
                t = self.leg(ref, locs[i], locs[j])
                if i != j and u.window[0] + u.duration + t <= v.latest_start:
                    lit = self._arc(sh, i, j, t, tin[j])
                    m.add(sh.s[v.id] >= sh.s[u.id] + u.duration + t).only_enforce_if(lit)
        self._arc(sh, 0, 0, self.leg(ref, carer.start_location, carer.end_location), tret)
        m.add_circuit(sh.arcs)

    def _arc(self, sh: _Shift, i: int, j: int, t: int, length: cp_model.IntVar) -> cp_model.IntVar:
        lit = self.m.new_bool_var("")
        sh.arcs.append((i, j, lit))
        self.m.add(length == t).only_enforce_if(lit)
        sh.cost.append(self.params.travel_per_minute * t * lit)
        return lit

    def link(self, visits: Mapping[str, Visit]) -> None:
        """Copies of one visit start together; ``after`` gaps; linked visits kept or dropped together."""
        copies: dict[str, list[_Shift]] = {}
        for sh in self.shifts:
            for vid in sh.p:
                copies.setdefault(vid, []).append(sh)
        for vid, shs in copies.items():
            first = shs[0]
            for other in shs[1:]:
                self.m.add(other.s[vid] == first.s[vid])
                self.m.add(other.p[vid] == first.p[vid])
            after = visits[vid].after
            if after is None or after.visit not in copies:
                continue
            prev = copies[after.visit][0]
            self.m.add(first.p[vid] == prev.p[after.visit])
            gap = first.s[vid] - prev.s[after.visit]
            self.m.add(gap >= after.min_gap).only_enforce_if(first.p[vid])
            self.m.add(gap <= after.max_gap).only_enforce_if(first.p[vid])
        penalty = self.params.unassigned_penalty
        terms = [c for sh in self.shifts for c in sh.cost]
        for vid, shs in copies.items():
            v = visits[vid]
            terms.append(penalty[v.priority] // v.carers * len(shs) * (1 - shs[0].p[vid]))
        self.m.minimize(sum(terms))


    def hint(self, start: Mapping[ShiftRef, Sequence[Stop]]) -> None:
        """Start the search from known timelines (visits missing from them start dropped)."""
        for sh in self.shifts:
            stops = start.get(sh.ref, ())
            times = {st.visit: st.start for st in stops if isinstance(st, VisitStop)}
            for vid, p in sh.p.items():
                self.m.add_hint(p, vid in times)
                if vid in times:
                    self.m.add_hint(sh.s[vid], times[vid])
            index = {v.id: j for j, v in enumerate(sh.nodes, start=1)}
            order = [index[st.visit] for st in stops if isinstance(st, VisitStop) and st.visit in index]
            used = set(zip([0, *order], [*order, 0], strict=True)) if order else {(0, 0)}
            for i, j, lit in sh.arcs:
                if i != j or i == 0:
                    self.m.add_hint(lit, (i, j) in used)
            brk = next((st.start for st in stops if isinstance(st, BreakStop)), None)
            if sh.brk is not None and brk is not None:
                self.m.add_hint(sh.brk, brk)


def sequence(
    problem: Problem, params: SolveParams, work: Mapping[ShiftRef, Sequence[Visit]], *, seed: int,
    budget: float, start: Mapping[ShiftRef, Sequence[Stop]] | None = None,
) -> Sequenced:
    """Order and time the visits of ``work`` (shifts linked by shared or ``after``-linked visits).

    ``start`` gives feasible timelines to search from (a hint), e.g. a greedy
    insertion; the answer is never worse than a feasible hint.
    """
    model = _Model(problem, params)
    for ref in sorted(work, key=lambda r: (r.carer, r.shift)):
        model.add_shift(ref, work[ref])
    model.link(problem.visit_by_id)
    if start is not None:
        model.hint(start)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = budget / 2
    solver.parameters.max_time_in_seconds = budget
    status = solver.solve(model.m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Sequenced({}, {v.id for vs in work.values() for v in vs})
    return _extract(problem, model, solver)


def _extract(problem: Problem, model: _Model, solver: cp_model.CpSolver) -> Sequenced:
    routes: dict[ShiftRef, tuple[Stop, ...]] = {}
    dropped: set[str] = set()
    for sh in model.shifts:
        stops: list[Stop] = []
        for vid, p in sh.p.items():
            if solver.value(p):
                stops.append(VisitStop(vid, solver.value(sh.s[vid])))
            else:
                dropped.add(vid)
        if not stops:
            continue
        shift = problem.carers[sh.ref.carer].shifts[sh.ref.shift]
        if sh.brk is not None and shift.break_ is not None:
            stops.append(BreakStop(solver.value(sh.brk), shift.break_.duration))
        routes[sh.ref] = tuple(sorted(stops, key=lambda st: st.start))
    return Sequenced(routes, dropped)
