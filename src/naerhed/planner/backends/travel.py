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
    return {z.id: min((travel.minutes(mode, loc, z.location) for mode, loc in starts), default=0)
            for z in problem.citizens}
