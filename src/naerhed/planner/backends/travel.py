# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Travel-time sources and the travel estimates the assignment stage uses."""

from __future__ import annotations

from typing import Protocol

from naerhed.planner.model import Problem


class TravelSource(Protocol):
    """Travel minutes between two locations for one transport mode."""

    def minutes(self, mode: str, origin: str, destination: str) -> int:
        """Whole minutes from ``origin`` to ``destination`` by ``mode``."""
        ...


class MatrixTravel:
    """The travel matrices of a :class:`Problem` as a :class:`TravelSource`."""

    def __init__(self, problem: Problem) -> None:
        self._problem = problem

    def minutes(self, mode: str, origin: str, destination: str) -> int:
        """Look the leg up in the problem's matrix for ``mode``."""
        return self._problem.travel_minutes(mode, origin, destination)


def neighbour_estimate(
    problem: Problem, travel: TravelSource, *, neighbours: int = 3
) -> dict[tuple[str, str], int]:
    """Estimated travel minutes to reach each citizen's home within a route, per mode.

    Keys are ``(mode, citizen id)``; the value is the mean leg from the
    citizen's ``neighbours`` nearest other citizens of the same team (any team
    if it has too few). Used only to size shift capacity; routes are timed
    exactly later.
    """
    out: dict[tuple[str, str], int] = {}
    for z in problem.citizens:
        same = [o for o in problem.citizens if o.team == z.team and o.location != z.location]
        pool = same if len(same) >= neighbours else [o for o in problem.citizens if o.location != z.location]
        for mode in problem.travel:
            legs = sorted(travel.minutes(mode, o.location, z.location) for o in pool)[:neighbours]
            out[mode, z.id] = round(sum(legs) / len(legs)) if legs else 0
    return out


def nearest_start(problem: Problem, travel: TravelSource) -> dict[str, int]:
    """For each citizen, the fewest minutes from any carer's start location to their home."""
    starts = sorted({(c.transport, c.start_location) for c in problem.carers})
    return {
        z.id: min((travel.minutes(mode, loc, z.location) for mode, loc in starts), default=0)
        for z in problem.citizens
    }


def _medoids(problem: Problem, travel: TravelSource, mode: str, places: list[str], k: int) -> list[str]:
    """``k`` well-spread medoids of ``places`` (farthest-first, then three k-medoid rounds)."""

    def leg(a: str, b: str) -> int:
        return travel.minutes(mode, a, b)

    chosen = [places[0]]
    while len(chosen) < min(k, len(places)):
        chosen.append(max(places, key=lambda p: (min(leg(c, p) for c in chosen), p)))
    for _ in range(3):
        clusters: dict[str, list[str]] = {c: [] for c in chosen}
        for p in places:
            clusters[min(chosen, key=lambda c: (leg(c, p), c))].append(p)
        chosen = [min(ps or [c], key=lambda m: (sum(leg(m, p) for p in ps), m)) for c, ps in clusters.items()]
    return chosen


def anchor_costs(problem: Problem, travel: TravelSource) -> dict[tuple[str, int], int]:
    """Minutes from each citizen to a home area of each carer of the citizen's team.

    The team's citizens are split into one compact area per carer (k-medoids on
    travel time); a carer whose area is far from a citizen costs more, which keeps
    each carer's week geographically tight and so the daily routes short.
    """
    out: dict[tuple[str, int], int] = {}
    for team in problem.teams:
        carers = [i for i, c in enumerate(problem.carers) if c.team == team.id and c.shifts]
        homes = sorted({z.location for z in problem.citizens if z.team == team.id})
        if not carers or not homes:
            continue
        mode = problem.carers[carers[0]].transport
        anchors = _medoids(problem, travel, mode, homes, len(carers))
        for k, ci in enumerate(carers):
            anchor = anchors[k % len(anchors)]
            for z in problem.citizens:
                if z.team == team.id:
                    out[z.id, ci] = travel.minutes(mode, anchor, z.location)
    return out
