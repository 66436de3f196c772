# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Which carer shifts could ever take a visit, judged on that visit alone.

A shift is *eligible* for a visit when the carer has the competences, is not
blocked by the citizen, and could leave the start location, do the visit inside
its window, take the shift's break and be back at the end location in time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from naerhed.planner.model import MINUTES_PER_DAY, Carer, Problem, Shift, Visit


@dataclass(frozen=True)
class ShiftRef:
    """One shift of one carer: ``problem.carers[carer].shifts[shift]``."""

    carer: int
    shift: int


def legs(problem: Problem, carer: Carer, visit: Visit) -> tuple[int, int]:
    """Travel minutes from the carer's start location to the visit and on to the end location."""
    if visit.remote:
        return 0, problem.travel_minutes(carer.transport, carer.start_location, carer.end_location)
    here = problem.visit_location(visit)
    return (
        problem.travel_minutes(carer.transport, carer.start_location, here),
        problem.travel_minutes(carer.transport, here, carer.end_location),
    )


def earliest_start(problem: Problem, carer: Carer, shift: Shift, visit: Visit) -> int | None:
    """The earliest start of ``visit`` as the only visit of ``shift``, break included, or ``None``."""
    t_in, t_out = legs(problem, carer, visit)
    s = max(visit.window[0], shift.start + t_in)
    b = shift.break_
    if b is None:
        ok = s <= visit.latest_start and s + visit.duration + t_out <= shift.end
        return s if ok else None
    options = []
    after_break = max(b.earliest, s + visit.duration)
    if s <= visit.latest_start and after_break <= b.latest and after_break + b.duration + t_out <= shift.end:
        options.append(s)
    before = max(s, b.earliest + b.duration + t_in)
    if before <= visit.latest_start and before + visit.duration + t_out <= shift.end:
        options.append(before)
    return min(options, default=None)


class Eligibility:
    """Eligible shifts for every visit of a problem, computed once."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem

    @cached_property
    def _by_day(self) -> dict[int, list[ShiftRef]]:
        out: dict[int, list[ShiftRef]] = {}
        for ci, carer in enumerate(self.problem.carers):
            for si, shift in enumerate(carer.shifts):
                for day in range(shift.start // MINUTES_PER_DAY, shift.end // MINUTES_PER_DAY + 1):
                    out.setdefault(day, []).append(ShiftRef(ci, si))
        return out

    def _candidates(self, visit: Visit) -> list[ShiftRef]:
        first, last = visit.window[0] // MINUTES_PER_DAY, visit.latest_start // MINUTES_PER_DAY
        seen: dict[ShiftRef, None] = {}
        for day in range(first, last + 1):
            seen.update(dict.fromkeys(self._by_day.get(day, [])))
        return list(seen)

    @cached_property
    def shifts(self) -> dict[str, tuple[ShiftRef, ...]]:
        """For each visit id, the shifts that could take it alone."""
        return {visit.id: self.for_visit(visit) for visit in self.problem.visits}

    def for_visit(self, visit: Visit) -> tuple[ShiftRef, ...]:
        """The shifts that could take ``visit`` alone (it need not be in the problem's visits)."""
        problem, refs = self.problem, []
        for ref in self._candidates(visit):
            carer = problem.carers[ref.carer]
            shift = carer.shifts[ref.shift]
            if problem.can_serve(carer, visit) and earliest_start(problem, carer, shift, visit) is not None:
                refs.append(ref)
        return tuple(sorted(refs, key=lambda r: (r.carer, r.shift)))

    def carers(self, visit_id: str) -> set[int]:
        """Indices of carers with at least one eligible shift for the visit."""
        return {ref.carer for ref in self.shifts[visit_id]}
