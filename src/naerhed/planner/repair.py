# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Insert visits into timed routes without moving any other stop.

Used after sequencing (stage 3: re-insert what stage 2 dropped), by
:mod:`replan` and by :mod:`slots`. Every insertion is checked exactly with
:func:`timeline.insertion_windows`, so a board built from feasible timelines
stays feasible. Carers the citizen already has are preferred.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Route, Stop, VisitStop
from naerhed.planner.timeline import base_timelines, insert_stop, insertion_windows, replay


def lateness(problem: Problem, routes: Mapping[ShiftRef, Sequence[Stop]]) -> tuple[int, int]:
    """Summed and largest lateness (minutes past ``window[1]``) of the visit stops on ``routes``."""
    late = [
        max(0, st.start - problem.visit_by_id[st.visit].window[1])
        for stops in routes.values()
        for st in stops
        if isinstance(st, VisitStop)
    ]
    return sum(late), max(late, default=0)


PAIR_OPTIONS = 40  # cheapest insertions of each visit of a linked pair tried together


@dataclass(frozen=True)
class Option:
    """``visit`` can start in ``[earliest, latest]`` at ``position`` of ``base`` in shift ``ref``."""

    ref: ShiftRef
    base: tuple[Stop, ...]
    position: int
    earliest: int
    latest: int
    cost: float


class Board:
    """The timed stops of every shift, changed only by feasible insertions and removals."""

    def __init__(self, problem: Problem, params: SolveParams, stops: Mapping[ShiftRef, tuple[Stop, ...]]):
        self.problem, self.params = problem, params
        self.stops: dict[ShiftRef, tuple[Stop, ...]] = dict(stops)
        self.carers_of: dict[str, dict[int, int]] = {}
        self.start: dict[str, int] = {}
        for ref, timeline in self.stops.items():
            for stop in timeline:
                if isinstance(stop, VisitStop):
                    self._count(stop.visit, ref.carer, +1)
                    self.start[stop.visit] = stop.start

    def _count(self, visit_id: str, carer: int, delta: int) -> None:
        seen = self.carers_of.setdefault(self.problem.visit_by_id[visit_id].citizen, {})
        seen[carer] = seen.get(carer, 0) + delta
        if seen[carer] == 0:
            del seen[carer]

    def route(self, ref: ShiftRef, stops: tuple[Stop, ...]) -> Route:
        """A :class:`Route` for ``stops`` in shift ``ref``."""
        return Route(self.problem.carers[ref.carer].id, ref.shift, stops)

    def new_carer_cost(self, visit: Visit, carer: int) -> float:
        """Continuity cost of giving the citizen of ``visit`` this carer (0 if already theirs)."""
        if carer in self.carers_of.get(visit.citizen, {}):
            return 0.0
        citizen, c = self.problem.citizen_by_id[visit.citizen], self.problem.carers[carer]
        rank = citizen.preferred_carers.index(c.id) if c.id in citizen.preferred_carers else None
        return float(self.params.pair_cost(own_team=c.team == citizen.team, preferred_rank=rank))

    def max_late(self) -> int:
        """The largest lateness (minutes past ``window[1]``) on the board."""
        return lateness(self.problem, self.stops)[1]

    def late_cost(self, visit: Visit, start: int, top: int) -> float:
        """What starting ``visit`` at ``start`` costs in lateness when the board's largest is ``top``."""
        late, params = max(0, start - visit.window[1]), self.params
        return float(params.late_per_minute * late + params.max_late_per_minute * max(0, late - top))

    def options(self, visit: Visit, refs: Iterable[ShiftRef], bounds: tuple[int, int]) -> list[Option]:
        """The cheapest insertion into each shift of ``refs`` with a start inside ``bounds``."""
        out = []
        top = self.max_late() if visit.late_allowed else 0
        for ref in refs:
            carer = self.problem.carers[ref.carer]
            shift = carer.shifts[ref.shift]
            for base in base_timelines(shift, self.stops.get(ref, ())):
                best = self._best_in(ref, base, visit, bounds, top)
                if best is not None:
                    out.append(best)
                    break
        return sorted(out, key=lambda o: (o.cost, o.earliest, o.ref.carer, o.ref.shift))

    def _best_in(
        self, ref: ShiftRef, base: tuple[Stop, ...], visit: Visit, bounds: tuple[int, int], top: int
    ) -> Option | None:
        return min(self._every_in(ref, base, visit, bounds, top), key=lambda o: o.cost, default=None)

    def _every_in(
        self, ref: ShiftRef, base: tuple[Stop, ...], visit: Visit, bounds: tuple[int, int], top: int
    ) -> list[Option]:
        carer = self.problem.carers[ref.carer]
        shift = carer.shifts[ref.shift]
        before = replay(self.problem, self.route(ref, base)).travel if base else 0
        out = []
        for pos, lo, hi in insertion_windows(self.problem, carer, shift, base, visit):
            lo, hi = max(lo, bounds[0]), min(hi, bounds[1])
            if lo > hi:
                continue
            trial = insert_stop(base, pos, VisitStop(visit.id, lo))
            added = replay(self.problem, self.route(ref, trial)).travel - before
            cost = self.new_carer_cost(visit, ref.carer) + self.params.travel_per_minute * added
            cost += self.late_cost(visit, lo, top)
            out.append(Option(ref, base, pos, lo, hi, cost))
        return out

    def every_option(self, visit: Visit, refs: Iterable[ShiftRef], bounds: tuple[int, int]) -> list[Option]:
        """Every insertion into every shift of ``refs`` with a start inside ``bounds``, cheapest first."""
        out = []
        top = self.max_late() if visit.late_allowed else 0
        for ref in refs:
            carer = self.problem.carers[ref.carer]
            for base in base_timelines(carer.shifts[ref.shift], self.stops.get(ref, ())):
                found = self._every_in(ref, base, visit, bounds, top)
                if found:
                    out += found
                    break
        return sorted(out, key=lambda o: (o.cost, o.earliest, o.ref.carer, o.ref.shift, o.position))

    def place(self, visit: Visit, option: Option, start: int) -> None:
        """Insert ``visit`` at ``start`` as ``option`` describes."""
        self.stops[option.ref] = insert_stop(option.base, option.position, VisitStop(visit.id, start))
        self._count(visit.id, option.ref.carer, +1)
        self.start[visit.id] = start

    def set_route(self, ref: ShiftRef, stops: tuple[Stop, ...]) -> None:
        """Replace the timeline of shift ``ref`` (its visits must be on no other shift)."""
        for stop in self.stops.get(ref, ()):
            if isinstance(stop, VisitStop):
                self._count(stop.visit, ref.carer, -1)
                self.start.pop(stop.visit, None)
        self.stops[ref] = stops
        for stop in stops:
            if isinstance(stop, VisitStop):
                self._count(stop.visit, ref.carer, +1)
                self.start[stop.visit] = stop.start

    def remove(self, visit_id: str) -> list[ShiftRef]:
        """Take every copy of ``visit_id`` out; drop routes left without visits. Returns the shifts."""
        touched = []
        for ref, stops in list(self.stops.items()):
            kept = tuple(s for s in stops if not (isinstance(s, VisitStop) and s.visit == visit_id))
            if len(kept) == len(stops):
                continue
            touched.append(ref)
            self._count(visit_id, ref.carer, -1)
            self.stops[ref] = kept
            if not any(isinstance(s, VisitStop) for s in kept):
                del self.stops[ref]
        self.start.pop(visit_id, None)
        return touched


def _bounds(problem: Problem, board: Board, visit: Visit, earliest: int) -> tuple[int, int] | None:
    """Start bounds from the window, ``earliest`` and ``after`` links to visits already on the board."""
    lo, hi = max(visit.window[0], earliest), visit.latest_start
    if visit.after is not None and visit.after.visit in board.start:
        ps = board.start[visit.after.visit]
        lo, hi = max(lo, ps + visit.after.min_gap), min(hi, ps + visit.after.max_gap)
    for other in problem.visits:
        if other.after is not None and other.after.visit == visit.id and other.id in board.start:
            os = board.start[other.id]
            lo, hi = max(lo, os - other.after.max_gap), min(hi, os - other.after.min_gap)
    return (lo, hi) if lo <= hi else None


def insert_visit(
    problem: Problem, board: Board, visit: Visit, refs: Iterable[ShiftRef], *, earliest: int = 0
) -> bool:
    """Insert all copies of ``visit`` into shifts of ``refs`` starting no earlier than ``earliest``,
    cheapest first; ``False`` if impossible."""
    bounds = _bounds(problem, board, visit, earliest)
    if bounds is None:
        return False
    options = board.options(visit, refs, bounds)
    if visit.carers == 1:
        if not options:
            return False
        board.place(visit, options[0], options[0].earliest)
        return True
    for i, first in enumerate(options):
        for second in options[i + 1 :]:
            lo, hi = max(first.earliest, second.earliest), min(first.latest, second.latest)
            if first.ref.carer != second.ref.carer and lo <= hi:
                board.place(visit, first, lo)
                board.place(visit, second, lo)
                return True
    return False


def linked_group(problem: Problem, visit: Visit, pending: set[str]) -> list[Visit]:
    """``visit`` and the pending visits linked to it by ``after``, earliest window first."""
    group, todo = {visit.id}, [visit.id]
    while todo:
        vid = todo.pop()
        v = problem.visit_by_id[vid]
        linked = {o.id for o in problem.visits if o.after is not None and o.after.visit == vid}
        if v.after is not None:
            linked.add(v.after.visit)
        for other in sorted(linked & pending - group):
            group.add(other)
            todo.append(other)
    return sorted((problem.visit_by_id[g] for g in group), key=lambda v: (v.window[0], v.id))


def insert_group(
    problem: Problem,
    board: Board,
    group: list[Visit],
    eligible: Mapping[str, tuple[ShiftRef, ...]],
    *,
    earliest: int = 0,
) -> bool:
    """Insert every visit of ``group`` (none before ``earliest``) or none of them; a linked
    pair that does not fit one visit after the other is tried together (:func:`insert_pair`)."""
    placed: list[Visit] = []
    for visit in group:
        if not insert_visit(problem, board, visit, eligible.get(visit.id, ()), earliest=earliest):
            for done in placed:
                board.remove(done.id)
            return insert_pair(problem, board, group, eligible, earliest=earliest)
        placed.append(visit)
    return True


def insert_pair(
    problem: Problem,
    board: Board,
    group: list[Visit],
    eligible: Mapping[str, tuple[ShiftRef, ...]],
    *,
    earliest: int = 0,
) -> bool:
    """Insert a one-carer visit and the one-carer visit ``after`` it into two shifts at starts
    that keep their gap, trying every position of every shift, the cheapest pair first (of
    the ``PAIR_OPTIONS`` cheapest insertions of each). Any other group: ``False``."""
    if len(group) != 2 or any(v.carers != 1 for v in group):
        return False
    first, second = group if group[1].after is not None else group[::-1]
    gap = second.after
    if gap is None or gap.visit != first.id or any(v.id in board.start for v in group):
        return False
    tops = {v.id: board.max_late() if v.late_allowed else 0 for v in group}
    opts = [
        board.every_option(v, eligible.get(v.id, ()), (max(v.window[0], earliest), v.latest_start))[
            :PAIR_OPTIONS
        ]
        for v in (first, second)
    ]
    best: tuple[float, Option, int, Option, int] | None = None
    for a in opts[0]:
        for b in opts[1]:
            if a.ref == b.ref:
                continue
            ta = max(a.earliest, b.earliest - gap.max_gap)
            tb = max(b.earliest, ta + gap.min_gap)
            if ta > a.latest or tb > min(b.latest, ta + gap.max_gap):
                continue
            cost = a.cost + b.cost
            cost += board.late_cost(first, ta, tops[first.id]) - board.late_cost(
                first, a.earliest, tops[first.id]
            )
            cost += board.late_cost(second, tb, tops[second.id]) - board.late_cost(
                second, b.earliest, tops[second.id]
            )
            if best is None or cost < best[0]:
                best = (cost, a, ta, b, tb)
    if best is None:
        return False
    _, a, ta, b, tb = best
    board.place(first, a, ta)
    board.place(second, b, tb)
    return True
