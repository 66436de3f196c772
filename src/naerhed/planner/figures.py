# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The figures of ``naerhed-plan/1`` that every tool must report the same way.

Also the route walk that :mod:`naerhed.planner.check` shares, so that the
rules and the figures can never disagree on when a carer arrives. Import
:func:`figures` from :mod:`naerhed.planner.check`, where it is re-exported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from naerhed.planner.model import Carer, Problem, Visit
from naerhed.planner.plan import BreakStop, Plan, Route, Stop, VisitStop


@dataclass(frozen=True)
class Step:
    """One stop of a walked route.

    ``ready`` is when the previous stop ended (the shift start for the first
    stop), ``arrival`` is ``ready`` plus the travel of ``minutes`` and ``km``.
    ``waiting`` is the idle time between arrival and a visit's start; the carer
    leaves the start location as late as the first stop allows, so the first
    stop never waits, and time before a break is not waiting.
    """

    stop: Stop
    ready: int
    arrival: int
    minutes: int
    km: float
    waiting: int


@dataclass(frozen=True)
class RouteWalk:
    """A route walked stop by stop; ``home`` is the arrival at the end location."""

    steps: tuple[Step, ...]
    home: int
    travel_minutes: int
    travel_km: float

    @property
    def waiting(self) -> int:
        """Idle minutes before the route's visits, summed (see :class:`Step`)."""
        return sum(step.waiting for step in self.steps)


def walk_route(problem: Problem, carer: Carer, route: Route) -> RouteWalk:
    """Walk ``route`` of ``carer`` as the format says, skipping stops that name unknown visits.

    ``route.shift`` must be a valid index into ``carer.shifts``.
    """
    mode, position = carer.transport, carer.start_location
    ready = carer.shifts[route.shift].start
    steps: list[Step] = []
    for stop in route.stops:
        visit = problem.visit_by_id.get(stop.visit) if isinstance(stop, VisitStop) else None
        if isinstance(stop, VisitStop) and visit is None:
            continue
        goal, minutes, km = position, 0, 0.0  # a break or a remote visit: no travel
        if visit is not None and not visit.remote:
            goal = problem.visit_location(visit)
            minutes, km = (
                problem.travel_minutes(mode, position, goal),
                problem.travel_km(mode, position, goal),
            )
        arrival = ready + minutes
        waiting = max(0, stop.start - arrival) if visit is not None and steps else 0
        steps.append(Step(stop, ready, arrival, minutes, km, waiting))
        position, ready = goal, stop.start + (visit.duration if visit is not None else _break_minutes(stop))
    home_minutes = problem.travel_minutes(mode, position, carer.end_location)
    home_km = problem.travel_km(mode, position, carer.end_location)
    return RouteWalk(
        tuple(steps),
        ready + home_minutes,
        sum(s.minutes for s in steps) + home_minutes,
        sum(s.km for s in steps) + home_km,
    )


def _break_minutes(stop: Stop) -> int:
    return stop.duration if isinstance(stop, BreakStop) else 0


@dataclass(frozen=True)
class Figures:
    """The figures of a plan against its instance, as the format defines them.

    ``V`` is the planned visit-carer pairs (a two-carer visit counts twice).
    Shares of ``V`` are 0.0 when ``V`` is empty; ``care_time_share`` is 0.0
    when the instance has no shifts. ``unassigned_minutes`` sums the durations
    of the unassigned visits, once per visit. ``carers_by_citizen`` gives the
    number of different carers for each citizen with a planned visit, the
    numbers ``distinct_carers_per_citizen`` is the mean of.
    """

    unassigned: int
    unassigned_by_priority: Mapping[int, int]
    unassigned_minutes: int
    travel_minutes: int
    travel_km: float
    distinct_carers_per_citizen: float
    carers_by_citizen: Mapping[str, int]
    own_team_share: float
    preferred_share: float
    care_time_share: float
    waiting_minutes: int
    late_minutes: int
    max_late: int

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready values; priorities become string keys ``"1"``-``"3"``."""
        out = asdict(self)
        out["unassigned_by_priority"] = {str(p): n for p, n in self.unassigned_by_priority.items()}
        out["carers_by_citizen"] = dict(self.carers_by_citizen)
        out["travel_km"] = round(self.travel_km, 3)
        return out


def figures(problem: Problem, plan: Plan) -> Figures:
    """The format's figures of ``plan`` for ``problem``.

    Meaningful only for a feasible plan (see :func:`naerhed.planner.check.check`);
    for any other plan they are computed on a best-effort basis, ignoring routes
    with an unknown carer or shift and stops with an unknown visit.
    """
    walks, pairs = _walks_and_pairs(problem, plan)
    unassigned = [
        problem.visit_by_id[v]
        for v in dict.fromkeys(u.visit for u in plan.unassigned)
        if v in problem.visit_by_id
    ]
    late = [max(0, start - visit.window[1]) for _, visit, start in pairs]
    by_citizen = _carers_by_citizen([(c, v) for c, v, _ in pairs])
    shift_minutes = sum(s.minutes for c in problem.carers for s in c.shifts)
    return Figures(
        unassigned=len(unassigned),
        unassigned_by_priority={p: sum(v.priority == p for v in unassigned) for p in (1, 2, 3)},
        unassigned_minutes=sum(v.duration for v in unassigned),
        travel_minutes=sum(w.travel_minutes for w in walks),
        travel_km=sum(w.travel_km for w in walks),
        distinct_carers_per_citizen=sum(by_citizen.values()) / len(by_citizen) if by_citizen else 0.0,
        carers_by_citizen=by_citizen,
        own_team_share=_share(
            sum(c.team == problem.citizen_by_id[v.citizen].team for c, v, _ in pairs), pairs
        ),
        preferred_share=_share(
            sum(c.id in problem.citizen_by_id[v.citizen].preferred_carers for c, v, _ in pairs), pairs
        ),
        care_time_share=sum(v.duration for _, v, _ in pairs) / shift_minutes if shift_minutes else 0.0,
        waiting_minutes=sum(w.waiting for w in walks),
        late_minutes=sum(late),
        max_late=max(late, default=0),
    )


def _walks_and_pairs(problem: Problem, plan: Plan) -> tuple[list[RouteWalk], list[tuple[Carer, Visit, int]]]:
    """The walk of each route, and ``V`` as (carer, visit, start) triples."""
    walks, pairs = [], []
    for route in plan.routes:
        carer = problem.carer_by_id.get(route.carer)
        if carer is None or not 0 <= route.shift < len(carer.shifts):
            continue
        walks.append(walk_route(problem, carer, route))
        pairs += [
            (carer, problem.visit_by_id[s.visit], s.start)
            for s in route.visit_stops
            if s.visit in problem.visit_by_id
        ]
    return walks, pairs


def _share(count: int, pairs: list[Any]) -> float:
    return count / len(pairs) if pairs else 0.0


def _carers_by_citizen(pairs: list[tuple[Carer, Visit]]) -> dict[str, int]:
    carers: dict[str, set[str]] = {}
    for carer, visit in pairs:
        carers.setdefault(visit.citizen, set()).add(carer.id)
    return {citizen: len(ids) for citizen, ids in sorted(carers.items())}
