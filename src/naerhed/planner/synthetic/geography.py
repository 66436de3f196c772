# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Where the offices and homes are, and how long it takes to travel between them.

Two families around Aabenraa (lat 55.04, lon 9.42): ``rural`` spreads each team
over a village, a few hamlets and scattered farms 7–18 km from town; ``urban``
packs the teams into districts of a small town, with some apartment blocks.
Distances are haversine kilometres times a road factor; minutes follow each
transport mode's speed.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from naerhed.planner.model import Location, Team, TravelMatrix

TOWN = (55.044, 9.418)
ROAD_FACTOR = 1.3
EARTH_RADIUS_KM = 6371.0

#: Speeds in km/h per transport mode, by family.
SPEEDS: dict[str, dict[str, float]] = {
    "rural": {"car": 45.0, "ecar": 45.0},
    "urban": {"car": 30.0, "ecar": 30.0, "bike": 15.0, "walk": 5.0},
}

#: The transport mix of carers, by family: (mode, share).
TRANSPORT_MIX: dict[str, tuple[tuple[str, float], ...]] = {
    "rural": (("car", 0.8), ("ecar", 0.2)),
    "urban": (("car", 0.45), ("ecar", 0.25), ("bike", 0.22), ("walk", 0.08)),
}


@dataclass(frozen=True)
class Home:
    """A citizen's home: its location id and the team whose area it lies in."""

    location: str
    team: str


@dataclass(frozen=True)
class Geography:
    teams: tuple[Team, ...]
    offices: dict[str, str]  # team id -> office location id
    homes: tuple[Home, ...]
    locations: tuple[Location, ...]
    travel: dict[str, TravelMatrix]


def team_count(citizens: int) -> int:
    """Two teams for small instances, up to four for large ones."""
    return max(2, min(4, round(citizens / 100) + 1))


def build(family: str, citizens: int, rng: random.Random) -> Geography:
    """Place teams, offices and ``citizens`` homes, and build the travel matrices."""
    n_teams = team_count(citizens)
    teams = tuple(Team(id=f"team-{k + 1}", name=f"Team {k + 1}") for k in range(n_teams))
    centres = _team_centres(family, n_teams, rng)
    sizes = _split(citizens, n_teams, rng)
    locations: list[Location] = []
    offices: dict[str, str] = {}
    for team, (lat, lon) in zip(teams, centres, strict=True):
        office = f"office-{team.id}"
        offices[team.id] = office
        locations.append(Location(id=office, lat=round(lat, 6), lon=round(lon, 6)))
    points: list[tuple[float, float, str]] = []
    for team, centre, size in zip(teams, centres, sizes, strict=True):
        spread = _rural_points if family == "rural" else _urban_points
        points.extend((lat, lon, team.id) for lat, lon in spread(centre, size, rng))
    rng.shuffle(points)
    homes = []
    for i, (lat, lon, team_id) in enumerate(points):
        loc = f"c-{i + 1:04d}"
        locations.append(Location(id=loc, lat=round(lat, 6), lon=round(lon, 6)))
        homes.append(Home(location=loc, team=team_id))
    travel = {mode: matrix(locations, speed) for mode, speed in SPEEDS[family].items()}
    return Geography(teams, offices, tuple(homes), tuple(locations), travel)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split ``total`` into ``parts`` unequal but comparable team sizes."""
    weights = [rng.uniform(0.75, 1.25) for _ in range(parts)]
    raw = [total * w / sum(weights) for w in weights]
    sizes = [int(x) for x in raw]
    for k in sorted(range(parts), key=lambda k: raw[k] - sizes[k], reverse=True)[: total - sum(sizes)]:
        sizes[k] += 1
    return sizes


def _team_centres(family: str, n: int, rng: random.Random) -> list[tuple[float, float]]:
    near, far = (7.0, 18.0) if family == "rural" else (0.9, 2.4)
    first = rng.uniform(0, 2 * math.pi)
    out = []
    for k in range(n):
        angle = first + 2 * math.pi * k / n + rng.uniform(-0.3, 0.3)
        out.append(offset(TOWN, rng.uniform(near, far), angle))
    return out


def _rural_points(centre: tuple[float, float], size: int, rng: random.Random) -> list[tuple[float, float]]:
    """A village core (35 %), three to five hamlets (45 %) and scattered farms (20 %)."""
    hamlets = [
        offset(centre, rng.uniform(3.0, 9.0), rng.uniform(0, 2 * math.pi)) for _ in range(rng.randint(3, 5))
    ]
    out = []
    for _ in range(size):
        u = rng.random()
        if u < 0.35:
            out.append(_scatter(centre, 1.5, rng))
        elif u < 0.80:
            out.append(_scatter(rng.choice(hamlets), 0.7, rng))
        else:
            out.append(_scatter(centre, 11.0, rng))
    return out


def _urban_points(centre: tuple[float, float], size: int, rng: random.Random) -> list[tuple[float, float]]:
    """Detached houses around the district centre, a fifth in a few apartment blocks."""
    blocks = [_scatter(centre, 1.2, rng) for _ in range(max(1, size // 25))]
    out = []
    for _ in range(size):
        if rng.random() < 0.2:
            out.append(_scatter(rng.choice(blocks), 0.05, rng))
        else:
            km = min(3.0, abs(rng.gauss(0.0, 0.9)))
            out.append(offset(centre, km, rng.uniform(0, 2 * math.pi)))
    return out


def _scatter(centre: tuple[float, float], radius_km: float, rng: random.Random) -> tuple[float, float]:
    """A point uniformly distributed in a disc around ``centre``."""
    return offset(centre, radius_km * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi))


def offset(origin: tuple[float, float], km: float, angle: float) -> tuple[float, float]:
    """The point ``km`` kilometres from ``origin`` in direction ``angle`` (radians, 0 = north)."""
    lat, lon = origin
    dlat = km * math.cos(angle) / 111.32
    dlon = km * math.sin(angle) / (111.32 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def haversine_km(a: Location, b: Location) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def matrix(locations: list[Location] | tuple[Location, ...], speed_kmh: float) -> TravelMatrix:
    """Road kilometres (rounded to 0.1) and whole minutes at ``speed_kmh``, at least 1 between places."""
    n = len(locations)
    km = [[0.0] * n for _ in range(n)]
    minutes = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            d = haversine_km(locations[i], locations[j]) * ROAD_FACTOR
            km[i][j] = km[j][i] = round(d, 1)
            minutes[i][j] = minutes[j][i] = max(1, round(d / speed_kmh * 60))
    return TravelMatrix(
        minutes=tuple(tuple(row) for row in minutes),
        km=tuple(tuple(row) for row in km),
    )
