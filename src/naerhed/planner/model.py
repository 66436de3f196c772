# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The planning problem as frozen value objects.

Times are whole minutes from 00:00 on day 0 of the horizon; durations are whole
minutes; distances are kilometres. Every object checks itself on creation and
raises ``ValueError`` with a plain message; cross-references (a visit naming an
unknown citizen, say) are checked by :class:`Problem`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

MINUTES_PER_DAY = 1440


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


@dataclass(frozen=True)
class Location:
    """A place carers travel between: an office, a carer's home, a citizen's home."""

    id: str
    lat: float
    lon: float

    def __post_init__(self) -> None:
        _require(bool(self.id), "location id must not be empty")
        _require(-90.0 <= self.lat <= 90.0, f"location {self.id}: lat {self.lat} is not in [-90, 90]")
        _require(-180.0 <= self.lon <= 180.0, f"location {self.id}: lon {self.lon} is not in [-180, 180]")


@dataclass(frozen=True)
class TravelMatrix:
    """Travel minutes and kilometres between locations for one transport mode.

    Rows and columns follow the order of ``Problem.locations``.
    """

    minutes: tuple[tuple[int, ...], ...]
    km: tuple[tuple[float, ...], ...]

    def __post_init__(self) -> None:
        n = len(self.minutes)
        _require(len(self.km) == n, f"km has {len(self.km)} rows, minutes has {n}")
        for i, (row_min, row_km) in enumerate(zip(self.minutes, self.km, strict=True)):
            _require(len(row_min) == n, f"minutes row {i} has {len(row_min)} entries, expected {n}")
            _require(len(row_km) == n, f"km row {i} has {len(row_km)} entries, expected {n}")

    @property
    def size(self) -> int:
        return len(self.minutes)


@dataclass(frozen=True)
class Team:
    id: str
    name: str = ""

    def __post_init__(self) -> None:
        _require(bool(self.id), "team id must not be empty")


@dataclass(frozen=True)
class Break:
    """A break of ``duration`` minutes starting between ``earliest`` and ``latest`` (inclusive)."""

    earliest: int
    latest: int
    duration: int

    def __post_init__(self) -> None:
        _require(
            self.latest >= self.earliest, f"break: latest {self.latest} is before earliest {self.earliest}"
        )
        _require(self.duration > 0, f"break: duration {self.duration} must be positive")


@dataclass(frozen=True)
class Shift:
    """Paid time ``[start, end]``; the carer leaves the start location no earlier than
    ``start`` and is back at the end location no later than ``end``."""

    start: int
    end: int
    break_: Break | None = None

    def __post_init__(self) -> None:
        _require(self.start >= 0, f"shift: start {self.start} must not be negative")
        _require(self.end > self.start, f"shift: end {self.end} is not after start {self.start}")
        if self.break_ is not None:
            b = self.break_
            _require(
                self.start <= b.earliest and b.latest + b.duration <= self.end,
                f"shift [{self.start}, {self.end}]: break window [{b.earliest}, {b.latest}] "
                f"+ {b.duration} does not fit inside the shift",
            )

    @property
    def day(self) -> int:
        """The horizon day the shift starts on."""
        return self.start // MINUTES_PER_DAY

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Carer:
    id: str
    team: str
    profession: str
    competences: frozenset[str]
    transport: str
    start_location: str
    end_location: str
    shifts: tuple[Shift, ...]

    def __post_init__(self) -> None:
        _require(bool(self.id), "carer id must not be empty")
        for k in range(1, len(self.shifts)):
            _require(
                self.shifts[k].start >= self.shifts[k - 1].end,
                f"carer {self.id}: shift {k} starts before shift {k - 1} ends",
            )


@dataclass(frozen=True)
class Citizen:
    id: str
    location: str
    team: str
    preferred_carers: tuple[str, ...] = ()
    blocked_carers: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _require(bool(self.id), "citizen id must not be empty")
        both = set(self.preferred_carers) & self.blocked_carers
        _require(not both, f"citizen {self.id}: carers {sorted(both)} are both preferred and blocked")


@dataclass(frozen=True)
class After:
    """This visit starts at least ``min_gap`` and at most ``max_gap`` minutes after ``visit`` starts."""

    visit: str
    min_gap: int
    max_gap: int

    def __post_init__(self) -> None:
        _require(
            self.max_gap >= self.min_gap, f"after: max_gap {self.max_gap} is below min_gap {self.min_gap}"
        )


@dataclass(frozen=True)
class Visit:
    id: str
    citizen: str
    window: tuple[int, int]
    duration: int
    competences: frozenset[str] = frozenset()
    carers: int = 1
    remote: bool = False
    priority: int = 1
    late_allowed: int = 0
    after: After | None = None

    def __post_init__(self) -> None:
        _require(bool(self.id), "visit id must not be empty")
        start, end = self.window
        _require(start >= 0, f"visit {self.id}: window start {start} must not be negative")
        _require(end >= start, f"visit {self.id}: window end {end} is before start {start}")
        _require(self.duration > 0, f"visit {self.id}: duration {self.duration} must be positive")
        _require(self.carers in (1, 2), f"visit {self.id}: carers {self.carers} must be 1 or 2")
        _require(self.priority in (1, 2, 3), f"visit {self.id}: priority {self.priority} must be 1, 2 or 3")
        _require(self.late_allowed >= 0, f"visit {self.id}: late_allowed must not be negative")

    @property
    def latest_start(self) -> int:
        """The latest start allowed, lateness included."""
        return self.window[1] + self.late_allowed

    @property
    def day(self) -> int:
        return self.window[0] // MINUTES_PER_DAY


@dataclass(frozen=True)
class Horizon:
    start_date: dt.date
    days: int

    def __post_init__(self) -> None:
        _require(self.days >= 1, f"horizon: days {self.days} must be at least 1")


@dataclass(frozen=True)
class Problem:
    """One planning instance. Construction checks every cross-reference."""

    name: str
    horizon: Horizon
    locations: tuple[Location, ...]
    travel: Mapping[str, TravelMatrix]
    teams: tuple[Team, ...]
    carers: tuple[Carer, ...]
    citizens: tuple[Citizen, ...]
    visits: tuple[Visit, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_unique("locations", [x.id for x in self.locations])
        _check_unique("teams", [x.id for x in self.teams])
        _check_unique("carers", [x.id for x in self.carers])
        _check_unique("citizens", [x.id for x in self.citizens])
        _check_unique("visits", [x.id for x in self.visits])
        n = len(self.locations)
        for mode, matrix in self.travel.items():
            _require(
                matrix.size == n, f"travel.{mode}: matrix is {matrix.size}x{matrix.size}, expected {n}x{n}"
            )
        self._check_references()

    def _check_references(self) -> None:
        locs, teams = self.location_index, {t.id for t in self.teams}
        carers, citizens, visits = self.carer_by_id, self.citizen_by_id, self.visit_by_id
        for c in self.carers:
            _require(c.team in teams, f"carer {c.id}: unknown team {c.team!r}")
            _require(c.transport in self.travel, f"carer {c.id}: unknown transport {c.transport!r}")
            _require(c.start_location in locs, f"carer {c.id}: unknown start_location {c.start_location!r}")
            _require(c.end_location in locs, f"carer {c.id}: unknown end_location {c.end_location!r}")
        for z in self.citizens:
            _require(z.location in locs, f"citizen {z.id}: unknown location {z.location!r}")
            _require(z.team in teams, f"citizen {z.id}: unknown team {z.team!r}")
            for cid in (*z.preferred_carers, *z.blocked_carers):
                _require(cid in carers, f"citizen {z.id}: unknown carer {cid!r}")
        for v in self.visits:
            _require(v.citizen in citizens, f"visit {v.id}: unknown citizen {v.citizen!r}")
            if v.after is not None:
                _require(
                    v.after.visit in visits, f"visit {v.id}: after names unknown visit {v.after.visit!r}"
                )
                _require(v.after.visit != v.id, f"visit {v.id}: after names itself")

    @cached_property
    def location_index(self) -> dict[str, int]:
        return {loc.id: i for i, loc in enumerate(self.locations)}

    @cached_property
    def carer_by_id(self) -> dict[str, Carer]:
        return {c.id: c for c in self.carers}

    @cached_property
    def citizen_by_id(self) -> dict[str, Citizen]:
        return {z.id: z for z in self.citizens}

    @cached_property
    def visit_by_id(self) -> dict[str, Visit]:
        return {v.id: v for v in self.visits}

    def travel_minutes(self, mode: str, origin: str, destination: str) -> int:
        idx = self.location_index
        return self.travel[mode].minutes[idx[origin]][idx[destination]]

    def travel_km(self, mode: str, origin: str, destination: str) -> float:
        idx = self.location_index
        return self.travel[mode].km[idx[origin]][idx[destination]]

    def visit_location(self, visit: Visit) -> str:
        return self.citizen_by_id[visit.citizen].location

    def can_serve(self, carer: Carer, visit: Visit) -> bool:
        """Competences and blocked carers: may this carer ever take this visit?"""
        citizen = self.citizen_by_id[visit.citizen]
        return visit.competences <= carer.competences and carer.id not in citizen.blocked_carers


def _check_unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        _require(x not in seen, f"{what}[{i}].id: {x!r} is not unique")
        seen.add(x)
