# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Tiny hand-made instances for planner tests.

Locations sit on a line: the office at 0 and citizen ``k`` at ``positions[k]``;
travel takes one minute per unit by car.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from naerhed.planner.model import (
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


def day_shift(day: int = 0, start: int = 420, end: int = 900, brk: bool = False) -> Shift:
    """A shift on ``day`` from ``start`` to ``end`` minutes of that day, optionally with a 30-minute break."""
    base = day * 1440
    b = Break(base + 660, base + 720, 30) if brk else None
    return Shift(base + start, base + end, b)


def carer(cid: str, *, competences: Sequence[str] = (), team: str = "t1", days: Sequence[int] = (0,),
          brk: bool = False, shifts: Sequence[Shift] | None = None) -> Carer:
    """A car-driving carer based at the office with one shift per day in ``days``."""
    return Carer(cid, team, "SSA", frozenset(competences), "car", "office", "office",
                 tuple(shifts) if shifts is not None else tuple(day_shift(d, brk=brk) for d in days))


def citizen(zid: str, *, team: str = "t1", preferred: Sequence[str] = (), blocked: Sequence[str] = ()) -> Citizen:
    """A citizen living at location ``zid``."""
    return Citizen(zid, zid, team, tuple(preferred), frozenset(blocked))


def problem(carers: Sequence[Carer], citizens: Sequence[Citizen], visits: Sequence[Visit],
            positions: Sequence[int] | None = None, *, days: int = 1, teams: Sequence[str] = ("t1",)) -> Problem:
    """A problem whose citizen ``k`` lives ``positions[k]`` minutes from the office (default 5, 10, …)."""
    pos = [0] + list(positions if positions is not None else [5 * (k + 1) for k in range(len(citizens))])
    locs = (Location("office", 55.0, 9.0), *(Location(z.location, 55.0, 9.0) for z in citizens))
    minutes = tuple(tuple(abs(a - b) for b in pos) for a in pos)
    km = tuple(tuple(float(x) for x in row) for row in minutes)
    return Problem("tiny", Horizon(dt.date(2026, 11, 16), days), locs, {"car": TravelMatrix(minutes, km)},
                   tuple(Team(t) for t in teams), tuple(carers), tuple(citizens), tuple(visits))
