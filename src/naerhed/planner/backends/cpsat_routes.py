# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 2: exact routes for a group of shifts, with CP-SAT.

Each visit has a few candidate shifts (the one stage 1 chose and others that
keep continuity); it is done in ``carers`` of them or dropped. Each shift is a
circuit over its candidate non-remote visits (a self-loop leaves a visit out).
The leg into a visit is an interval ending at the visit's start whose length
the chosen predecessor arc fixes; visits, legs, remote visits, the break and
the leg home share one no-overlap per shift. That models the format exactly:
breaks and remote visits happen where the carer is, and travel starts only
after them. One start variable per visit makes two-carer copies start at the
same minute; ``after`` gaps are linear constraints on those starts.
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

Lit = cp_model.IntVar | Literal


@dataclass(frozen=True)
class Task:
    """A visit, the shifts that may take it, and the extra cost of each (continuity)."""

    visit: Visit
    shifts: tuple[ShiftRef, ...]
    cost: Mapping[ShiftRef, int]


@dataclass(frozen=True)
class Sequenced:
    """Timed stops per shift (only shifts with visits) and the visits dropped."""

    routes: dict[ShiftRef, tuple[Stop, ...]]
    dropped: set[str]


@dataclass
class _Shift:
    ref: ShiftRef
    p: dict[str, cp_model.IntVar] = field(default_factory=dict)
    arcs: list[tuple[int, int, Lit]] = field(default_factory=list)
    nodes: list[Visit] = field(default_factory=list)
    brk: cp_model.IntVar | None = None
    tin: dict[str, cp_model.IntVar] = field(default_factory=dict)
    arrive: dict[str, cp_model.IntVar] = field(default_factory=dict)
    ends: dict[str, cp_model.IntVar] = field(default_factory=dict)


class _Model:
    def __init__(
        self, problem: Problem, params: SolveParams, tasks: Sequence[Task], fixed: Mapping[str, int]
    ) -> None:
        self.problem, self.params, self.fixed = problem, params, fixed
        self.m = cp_model.CpModel()
        self.cost: list[cp_model.LinearExprT] = []
        self.keep = {t.visit.id: self.m.new_bool_var("") for t in tasks}
        self.s = {t.visit.id: self.m.new_int_var(t.visit.window[0], t.visit.latest_start, "") for t in tasks}
        self.late: dict[str, cp_model.IntVar] = {}
        self.top: cp_model.IntVar | None = None
        self.floor = 0
        self.shifts: dict[ShiftRef, _Shift] = {}
        for t in tasks:
            for ref in t.shifts:
                sh = self.shifts.setdefault(ref, _Shift(ref))
                sh.p[t.visit.id] = self.m.new_bool_var("")
                if t.cost.get(ref):
                    self.cost.append(t.cost[ref] * sh.p[t.visit.id])

    def leg(self, ref: ShiftRef, origin: str, destination: str) -> int:
        return self.problem.travel_minutes(self.problem.carers[ref.carer].transport, origin, destination)

    def build(self, tasks: Sequence[Task]) -> None:
        for ref in sorted(self.shifts, key=lambda r: (r.carer, r.shift)):
            self._shift(self.shifts[ref])
        for t in tasks:
            self._task(t)
        penalty = self.params.unassigned_penalty
        self.cost += [penalty[t.visit.priority] * (1 - self.keep[t.visit.id]) for t in tasks]
        self.m.minimize(sum(self.cost))

    def lateness(self, tasks: Sequence[Task], floor: int) -> None:
        """Price each visit-carer pair's minutes past ``window[1]`` and the largest of them,
        of which ``floor`` minutes are already elsewhere in the plan (so cost nothing here)."""
        late_w, max_w = self.params.late_per_minute, self.params.max_late_per_minute
        for t in tasks:
            v = t.visit
            if v.late_allowed and (late_w or max_w):
                late = self.m.new_int_var(0, v.late_allowed, "")
                self.m.add(late >= self.s[v.id] - v.window[1]).only_enforce_if(self.keep[v.id])
                self.late[v.id] = late
                self.cost.append(late_w * v.carers * late)
        self.floor = floor
        if max_w and self.late:
            bound = max(floor, *(t.visit.late_allowed for t in tasks))
            self.top = self.m.new_int_var(floor, bound, "")
            for late in self.late.values():
                self.m.add(self.top >= late)
            self.cost.append(max_w * self.top)

    def _task(self, t: Task) -> None:
        v, m = t.visit, self.m
        ps = [self.shifts[ref].p[v.id] for ref in t.shifts]
        m.add(sum(ps) == v.carers * self.keep[v.id])
        if v.carers > 1:
            per_carer: dict[int, list[cp_model.IntVar]] = {}
            for ref in t.shifts:
                per_carer.setdefault(ref.carer, []).append(self.shifts[ref].p[v.id])
            for xs in per_carer.values():
                m.add_at_most_one(xs)
        if v.after is not None and v.after.visit in self.keep:
            m.add(self.keep[v.id] == self.keep[v.after.visit])
            gap = self.s[v.id] - self.s[v.after.visit]
            m.add(gap >= v.after.min_gap).only_enforce_if(self.keep[v.id])
            m.add(gap <= v.after.max_gap).only_enforce_if(self.keep[v.id])
        elif v.after is not None and v.after.visit in self.fixed:
            gap = self.s[v.id] - self.fixed[v.after.visit]
            m.add(gap >= v.after.min_gap)
            m.add(gap <= v.after.max_gap)
            m.add(self.keep[v.id] == 1)
        elif v.after is not None:
            m.add(self.keep[v.id] == 0)
        for other, start in self.fixed.items():
            rule = self.problem.visit_by_id[other].after
            if rule is not None and rule.visit == v.id:
                m.add(start - self.s[v.id] >= rule.min_gap)
                m.add(start - self.s[v.id] <= rule.max_gap)
                m.add(self.keep[v.id] == 1)

    def _shift(self, sh: _Shift) -> None:
        m, carer = self.m, self.problem.carers[sh.ref.carer]
        shift = carer.shifts[sh.ref.shift]
        ret, back = m.new_int_var(shift.start, shift.end, ""), m.new_int_var(shift.start, shift.end, "")
        tret, dep = m.new_int_var(0, shift.minutes, ""), m.new_int_var(shift.start, shift.end, "")
        sh.ends = {"ret": ret, "back": back, "tret": tret, "dep": dep}
        m.add(dep <= ret)
        intervals = [m.new_interval_var(ret, tret, back, "")]
        visits = [self.problem.visit_by_id[vid] for vid in sh.p]
        sh.nodes = [v for v in visits if not v.remote]
        ends: list[tuple[cp_model.LinearExprT, cp_model.IntVar | None]] = []
        for v in visits:
            p, s = sh.p[v.id], self.s[v.id]
            m.add(s >= shift.start).only_enforce_if(p)
            m.add(s + v.duration <= shift.end).only_enforce_if(p)
            intervals.append(m.new_optional_interval_var(s, v.duration, s + v.duration, p, ""))
            if v.remote:
                ends.append((s + v.duration, p))
                m.add(dep <= s).only_enforce_if(p)
        self._circuit(sh, intervals, ret, tret, dep)
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
        self.cost.append(self.params.waiting_per_minute * (ret - dep))

    def _circuit(
        self,
        sh: _Shift,
        intervals: list[cp_model.IntervalVar],
        ret: cp_model.IntVar,
        tret: cp_model.IntVar,
        dep: cp_model.IntVar,
    ) -> None:
        m, ref = self.m, sh.ref
        carer = self.problem.carers[ref.carer]
        locs = [carer.start_location] + [self.problem.visit_location(v) for v in sh.nodes]
        tin: dict[int, cp_model.IntVar] = {}
        for j, v in enumerate(sh.nodes, start=1):
            p, s = sh.p[v.id], self.s[v.id]
            tin[j] = m.new_int_var(0, 24 * 60, "")
            a = m.new_int_var(-24 * 60, 40 * 24 * 60, "")
            sh.tin[v.id], sh.arrive[v.id] = tin[j], a
            intervals.append(m.new_optional_interval_var(a, tin[j], s, p, ""))
            sh.arcs.append((j, j, p.negated()))
            first = self._arc(sh, 0, j, self.leg(ref, carer.start_location, locs[j]), tin[j])
            m.add(dep <= a).only_enforce_if(first)
            m.add(a >= carer.shifts[ref.shift].start).only_enforce_if(first)
            last = self._arc(sh, j, 0, self.leg(ref, locs[j], carer.end_location), tret)
            m.add(ret >= s + v.duration).only_enforce_if(last)
        for i, u in enumerate(sh.nodes, start=1):
            for j, v in enumerate(sh.nodes, start=1):
                t = self.leg(ref, locs[i], locs[j])
                if i != j and u.window[0] + u.duration + t <= v.latest_start:
                    lit = self._arc(sh, i, j, t, tin[j])
                    m.add(self.s[v.id] >= self.s[u.id] + u.duration + t).only_enforce_if(lit)
        self._arc(sh, 0, 0, self.leg(ref, carer.start_location, carer.end_location), tret)
        m.add_circuit(sh.arcs)

    def _arc(self, sh: _Shift, i: int, j: int, t: int, length: cp_model.IntVar) -> cp_model.IntVar:
        lit = self.m.new_bool_var("")
        sh.arcs.append((i, j, lit))
        self.m.add(length == t).only_enforce_if(lit)
        self.cost.append(self.params.travel_per_minute * t * lit)
        return lit

    def hint(self, start: Mapping[ShiftRef, Sequence[Stop]]) -> None:
        """Start the search from known timelines (visits missing from them start dropped)."""
        times: dict[str, int] = {}
        for sh in self.shifts.values():
            stops = [st for st in start.get(sh.ref, ()) if not isinstance(st, VisitStop) or st.visit in sh.p]
            here = {st.visit for st in stops if isinstance(st, VisitStop)}
            times.update({st.visit: st.start for st in stops if isinstance(st, VisitStop)})
            for vid, p in sh.p.items():
                self.m.add_hint(p, vid in here)
            index = {v.id: j for j, v in enumerate(sh.nodes, start=1)}
            order = [index[st.visit] for st in stops if isinstance(st, VisitStop) and st.visit in index]
            used = set(zip([0, *order], [*order, 0], strict=True)) if order else {(0, 0)}
            for i, j, lit in sh.arcs:
                if (i != j or i == 0) and isinstance(lit, cp_model.IntVar):
                    self.m.add_hint(lit, (i, j) in used)
            self._hint_times(sh, stops)
        for vid, keep in self.keep.items():
            self.m.add_hint(keep, vid in times)
            self.m.add_hint(self.s[vid], times.get(vid, self.problem.visit_by_id[vid].window[0]))
        late = {vid: max(0, times.get(vid, 0) - self.problem.visit_by_id[vid].window[1]) for vid in self.late}
        for vid, var in self.late.items():
            self.m.add_hint(var, late[vid])
        if self.top is not None:
            self.m.add_hint(self.top, max(self.floor, *late.values()))

    def _hint_times(self, sh: _Shift, stops: Sequence[Stop]) -> None:
        """Hint the legs, departure and return of a feasible timeline, so the hint is complete."""
        carer = self.problem.carers[sh.ref.carer]
        shift = carer.shifts[sh.ref.shift]
        loc, last_end, starts = carer.start_location, shift.start, []
        for st in stops:
            if isinstance(st, BreakStop):
                last_end = st.start + st.duration
                continue
            v = self.problem.visit_by_id[st.visit]
            last_end, leg = st.start + v.duration, 0
            if not v.remote:
                leg = self.leg(sh.ref, loc, self.problem.visit_location(v))
                loc = self.problem.visit_location(v)
                self.m.add_hint(sh.tin[v.id], leg)
                self.m.add_hint(sh.arrive[v.id], st.start - leg)
            starts.append(st.start - leg)
        for vid, tin in sh.tin.items():
            if vid not in {st.visit for st in stops if isinstance(st, VisitStop)}:
                self.m.add_hint(tin, 0)
                self.m.add_hint(sh.arrive[vid], self.problem.visit_by_id[vid].window[0])
        home = self.leg(sh.ref, loc, carer.end_location)
        b = shift.break_
        ret = last_end if stops else (b.earliest + b.duration if b else shift.start)
        hints = {"ret": ret, "back": ret + home, "tret": home, "dep": min(starts, default=ret)}
        for name, value in hints.items():
            self.m.add_hint(sh.ends[name], value)
        brk = next((st.start for st in stops if isinstance(st, BreakStop)), None)
        if sh.brk is not None:
            self.m.add_hint(sh.brk, brk if brk is not None else (b.earliest if b else 0))


def route_group(
    problem: Problem,
    params: SolveParams,
    tasks: Sequence[Task],
    *,
    seed: int,
    budget: float,
    start: Mapping[ShiftRef, Sequence[Stop]] | None = None,
    fixed: Mapping[str, int] | None = None,
    late_floor: int = 0,
) -> Sequenced:
    """Choose shifts, order and times for ``tasks`` within ``budget`` seconds.

    ``start`` gives feasible timelines to search from (a hint), e.g. a greedy
    insertion of the same visits. ``fixed`` gives the start of visits outside
    ``tasks`` that stay where they are: a task linked to one of them by
    ``after`` keeps the gap to it and must be planned. ``late_floor`` is the
    largest lateness elsewhere in the plan (lateness up to it costs nothing
    extra under ``max_late_per_minute``).
    """
    model = _Model(problem, params, tasks, fixed or {})
    model.lateness(tasks, late_floor)
    model.build(tasks)
    if start is not None:
        model.hint(start)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = budget / 2
    # The wall-clock limit keeps the whole solve inside its time limit on a loaded machine.
    solver.parameters.max_time_in_seconds = budget
    status = solver.solve(model.m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Sequenced({}, {t.visit.id for t in tasks})
    return _extract(problem, model, solver)


def _extract(problem: Problem, model: _Model, solver: cp_model.CpSolver) -> Sequenced:
    routes: dict[ShiftRef, tuple[Stop, ...]] = {}
    for ref, sh in model.shifts.items():
        stops: list[Stop] = [
            VisitStop(vid, solver.value(model.s[vid])) for vid, p in sh.p.items() if solver.value(p)
        ]
        if not stops:
            continue
        shift = problem.carers[ref.carer].shifts[ref.shift]
        if sh.brk is not None and shift.break_ is not None:
            stops.append(BreakStop(solver.value(sh.brk), shift.break_.duration))
        routes[ref] = tuple(sorted(stops, key=lambda st: st.start))
    return Sequenced(routes, {vid for vid, keep in model.keep.items() if not solver.value(keep)})
