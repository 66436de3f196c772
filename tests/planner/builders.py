# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Tiny planning problems built in code, and the format's own example documents.

Places lie on a line: ``office``, ``c1``, ``c2``, ``c3``, ``c4``, one step
apart; each step is 10 minutes and 1.5 km by car (20 minutes by bike).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from typing import Any

from naerhed.planner.model import (
    After,
    Break,
    Carer,
    Citizen,
    Horizon,
    Location,
    Problem,
    Shift,
    Team,
    TravelMatrix,
    Visit,
)
from naerhed.planner.plan import BreakStop, Plan, Route, Stop, Unassigned, VisitStop

PLACES = ("office", "c1", "c2", "c3", "c4")
MINUTES_PER_STEP = {"car": 10, "bike": 20}
KM_PER_STEP = 1.5


def line_travel(minutes_per_step: int) -> TravelMatrix:
    """Travel between the places of :data:`PLACES`, proportional to their distance on the line."""
    steps = [[abs(i - j) for j in range(len(PLACES))] for i in range(len(PLACES))]
    return TravelMatrix(
        minutes=tuple(tuple(minutes_per_step * s for s in row) for row in steps),
        km=tuple(tuple(KM_PER_STEP * s for s in row) for row in steps),
    )


def shift(start: int, end: int, brk: tuple[int, int, int] | None = None) -> Shift:
    """A shift; ``brk`` is ``(earliest, latest, duration)``."""
    return Shift(start, end, Break(*brk) if brk else None)


def carer(
    cid: str,
    *,
    team: str = "t1",
    competences: Iterable[str] = (),
    shifts: Iterable[Shift] = (Shift(420, 900),),
    transport: str = "car",
) -> Carer:
    """A carer who starts and ends every shift at the office."""
    return Carer(cid, team, "SSH", frozenset(competences), transport, "office", "office", tuple(shifts))


def citizen(
    cid: str, location: str, *, team: str = "t1", preferred: Iterable[str] = (), blocked: Iterable[str] = ()
) -> Citizen:
    return Citizen(cid, location, team, tuple(preferred), frozenset(blocked))


def visit(
    vid: str,
    citizen_id: str,
    window: tuple[int, int],
    duration: int,
    *,
    competences: Iterable[str] = (),
    after: tuple[str, int, int] | None = None,
    **options: Any,
) -> Visit:
    """A visit; ``after`` is ``(visit, min_gap, max_gap)``, other options go to :class:`Visit`."""
    return Visit(
        vid,
        citizen_id,
        window,
        duration,
        frozenset(competences),
        after=After(*after) if after else None,
        **options,
    )


def problem(
    *, carers: Iterable[Carer], citizens: Iterable[Citizen], visits: Iterable[Visit], name: str = "tiny"
) -> Problem:
    """A one-week problem on the :data:`PLACES` line with teams ``t1`` and ``t2``."""
    return Problem(
        name=name,
        horizon=Horizon(dt.date(2026, 11, 16), 7),
        locations=tuple(Location(p, 55.0, 9.0 + 0.01 * i) for i, p in enumerate(PLACES)),
        travel={mode: line_travel(m) for mode, m in MINUTES_PER_STEP.items()},
        teams=(Team("t1", "Team 1"), Team("t2", "Team 2")),
        carers=tuple(carers),
        citizens=tuple(citizens),
        visits=tuple(visits),
    )


def at(visit_id: str, start: int) -> VisitStop:
    return VisitStop(visit_id, start)


def pause(start: int, duration: int) -> BreakStop:
    return BreakStop(start, duration)


def route(carer_id: str, *stops: Stop, shift: int = 0) -> Route:
    return Route(carer_id, shift, tuple(stops))


def plan(*routes: Route, unassigned: Iterable[str] = (), instance: str = "tiny") -> Plan:
    return Plan(instance, tuple(routes), tuple(Unassigned(v, "") for v in unassigned))


_EXAMPLE_INSTANCE: dict[str, Any] = {
    "format": "naerhed-plan/1",
    "name": "aabenraa-syd-week-47",
    "horizon": {"start_date": "2026-11-16", "days": 7},
    "locations": [
        {"id": "office-bov", "lat": 54.823, "lon": 9.401},
        {"id": "c-0001", "lat": 54.842, "lon": 9.372},
    ],
    "travel": {
        "car": {"minutes": [[0, 6], [6, 0]], "km": [[0.0, 3.1], [3.1, 0.0]]},
        "bike": {"minutes": [[0, 13], [13, 0]], "km": [[0.0, 2.9], [2.9, 0.0]]},
    },
    "teams": [{"id": "bov-1", "name": "Bov team 1"}],
    "carers": [
        {
            "id": "e-017",
            "team": "bov-1",
            "profession": "SSA",
            "competences": ["medication", "compression", "eye-drops"],
            "transport": "car",
            "start_location": "office-bov",
            "end_location": "office-bov",
            "shifts": [{"start": 420, "end": 900, "break": {"earliest": 660, "latest": 750, "duration": 30}}],
        }
    ],
    "citizens": [
        {
            "id": "c-0001",
            "location": "c-0001",
            "team": "bov-1",
            "preferred_carers": ["e-017"],
            "blocked_carers": [],
        }
    ],
    "visits": [
        {
            "id": "v-000123",
            "citizen": "c-0001",
            "window": [450, 540],
            "duration": 25,
            "competences": ["medication"],
            "carers": 1,
            "remote": False,
            "priority": 1,
        }
    ],
}

_EXAMPLE_PLAN: dict[str, Any] = {
    "format": "naerhed-plan/1",
    "instance": "aabenraa-syd-week-47",
    "routes": [
        {
            "carer": "e-017",
            "shift": 0,
            "stops": [{"visit": "v-000123", "start": 452}, {"break": True, "start": 700, "duration": 30}],
        }
    ],
    "unassigned": [],
    "meta": {"solver": "naerhed 0.1", "seconds": 12.4},
}


def example_instance() -> dict[str, Any]:
    """The instance of the format's own example: 1 carer, 1 citizen, 1 visit (a fresh copy)."""
    return copy.deepcopy(_EXAMPLE_INSTANCE)


def example_plan() -> dict[str, Any]:
    """A feasible plan for :func:`example_instance` (the format's example without its unknown
    unassigned visit ``v-000999``), as a fresh copy."""
    return copy.deepcopy(_EXAMPLE_PLAN)
