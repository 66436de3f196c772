# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Solver parameters and progress reports.

The objective is lexicographic in priority and a weighted sum below it:

1. Unassigned visits cost ``unassigned_penalty[p]`` for priority ``p``. The
   defaults are so large that one dropped priority-1 visit outweighs any number
   of dropped priority-2 visits' other costs, and so on: keeping visits always
   comes first.
2. Below that, one weighted sum trades off

   (a) continuity: every distinct carer a citizen sees in the horizon costs
       ``carer_per_citizen``; a carer from another team costs
       ``other_team`` more, a carer outside the citizen's preferred carers
       ``not_preferred`` more, a preferred carer who is not the key person
       (the first preferred carer) ``not_key_person`` more;
   (b) travel: ``travel_per_minute`` per minute driven or cycled;
   (c) waiting: ``waiting_per_minute`` per minute a route spans beyond its
       visits, travel and break (when the exact times are chosen);
   (d) fairness: ``fairness_per_percent`` per percentage point of the busiest
       shift's planned visit minutes as a share of its length (when visits
       are assigned to shifts);
   (e) lateness, for visits with ``late_allowed``: ``late_per_minute`` per
       minute a visit-carer pair starts after ``window[1]`` (the format's
       ``late_minutes``), and ``max_late_per_minute`` per minute of the
       largest single lateness in the plan (``max_late``), which spreads
       unavoidable lateness over several citizens instead of one. The daily
       routing prices the summed lateness (soft upper bounds on its time
       dimension); the exact timing and the repair price both.

With the defaults one extra carer for a citizen (100) is worth 50 minutes of
travel.

The daily routing cannot see the week, so it is steered by charges, as
percentages of the pair's continuity cost (:meth:`SolveParams.pair_cost`),
for each visit given to a carer the citizen does not have on another day:

- ``routing_new_carer`` percent always;
- ``routing_uncovered`` percent more, times the share of the citizen's week
  that carer has no shift for. A carer who can come on most of the
  citizen's days is worth starting with; one who works only this day will
  not be the last new face.

Both were measured on generated 80-citizen weeks at 20 s (urban, against a
continuity-blind router's 3.53 carers per citizen and 2210 minutes): 0/0 gave
3.54 carers and 2252 minutes, 25/25 gave 2.66 and 2313, 100/100 gave 2.65 and
2478. Past a small charge, continuity hardly improves and travel grows, so the
defaults are 25/25. The final continuity moves accept at most a quarter of a
carer's cost in added travel.
Lateness by default costs twice a minute of travel per minute, and the largest
lateness as much again per minute: a visit late by a municipal promise
(``late_allowed``) is worth a detour, but not an unbounded one.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _default_penalties() -> dict[int, int]:
    return {1: 10_000_000, 2: 1_000_000, 3: 100_000}


@dataclass(frozen=True)
class SolveParams:
    """How long and towards what the engine searches.

    ``time_limit`` is the wall-clock budget in seconds for the whole solve; the
    engine splits it between its stages and uses deterministic limits inside
    them, so the same seed gives the same plan on the same machine type.

    ``use_whole_time`` lets the searches that can stop on a deterministic limit
    (the routing search and the neighbourhood steps of a problem without a
    continuity aspect) run until their share of ``time_limit`` instead: better
    plans from long runs, at the price of the same seed giving the same plan.
    Benchmarks against published results set it; the product does not.
    """

    time_limit: float = 30.0
    use_whole_time: bool = False
    unassigned_penalty: dict[int, int] = field(default_factory=_default_penalties)
    carer_per_citizen: int = 100
    other_team: int = 60
    not_preferred: int = 20
    not_key_person: int = 10
    travel_per_minute: int = 2
    waiting_per_minute: int = 1
    fairness_per_percent: int = 2
    routing_new_carer: int = 25
    routing_uncovered: int = 25
    late_per_minute: int = 4
    max_late_per_minute: int = 4

    def __post_init__(self) -> None:
        if self.time_limit <= 0:
            raise ValueError(f"time_limit {self.time_limit} must be positive")
        if sorted(self.unassigned_penalty) != [1, 2, 3]:
            raise ValueError("unassigned_penalty needs an entry for priorities 1, 2 and 3")
        weights = (
            self.carer_per_citizen,
            self.other_team,
            self.not_preferred,
            self.not_key_person,
            self.travel_per_minute,
            self.waiting_per_minute,
            self.fairness_per_percent,
            self.routing_new_carer,
            self.routing_uncovered,
            self.late_per_minute,
            self.max_late_per_minute,
        )
        if min(weights) < 0:
            raise ValueError("objective weights must not be negative")

    def pair_cost(self, *, own_team: bool, preferred_rank: int | None) -> int:
        """Continuity cost of one carer visiting one citizen in the horizon.

        ``preferred_rank`` is the carer's index in the citizen's preferred carers
        (0 is the key person) or ``None`` when the carer is not preferred.
        """
        cost = self.carer_per_citizen
        if not own_team:
            cost += self.other_team
        if preferred_rank is None:
            cost += self.not_preferred + self.not_key_person
        elif preferred_rank > 0:
            cost += self.not_key_person
        return cost


@dataclass(frozen=True)
class Progress:
    """One progress report from a running solve.

    ``objective`` is the current stage's objective value, ``distinct_carers``
    the mean number of distinct carers per citizen with planned visits.
    """

    elapsed: float
    objective: float
    unassigned: int
    distinct_carers: float
    travel_minutes: int
