# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's geography: two districts of Aabenraa, their teams, towns and streets.

Coordinates are the towns' centres; homes are scattered around them, so each
team's citizens form a cluster as its real area would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    name: str
    postcode: str
    city: str
    lat: float
    lon: float
    spread: float  # roughly the town's radius in degrees of latitude
    streets: tuple[str, ...]


@dataclass(frozen=True)
class TeamPlace:
    district: str
    name: str
    office: str
    towns: tuple[Town, ...]
    share: float  # of the municipality's citizens

    @property
    def office_lat(self) -> float:
        return self.towns[0].lat

    @property
    def office_lon(self) -> float:
        return self.towns[0].lon


AABENRAA = Town(
    "Aabenraa",
    "6200",
    "Aabenraa",
    55.0443,
    9.4174,
    0.010,
    (
        "Storegade",
        "Nygade",
        "Søndergade",
        "Nørreport",
        "H.P. Hanssens Gade",
        "Haderslevvej",
        "Flensborgvej",
        "Hjelmallé",
        "Løgumklostervej",
        "Jernbanegade",
        "Ramsherred",
        "Vestergade",
        "Klinkbjerg",
        "Kystvej",
        "Langrode",
        "Nyvej",
        "Møllemærsk",
        "Hjelm Skov",
    ),
)
LOJT = Town(
    "Løjt Kirkeby",
    "6200",
    "Aabenraa",
    55.0882,
    9.3940,
    0.006,
    ("Bodumvej", "Løjt Nørreskovvej", "Kirkevej", "Barsøvej", "Skovbyvej", "Bjerggade"),
)
RODEKRO = Town(
    "Rødekro",
    "6230",
    "Rødekro",
    55.0700,
    9.3350,
    0.008,
    (
        "Vestergade",
        "Hovedvejen",
        "Tingvej",
        "Elkærvej",
        "Lindevej",
        "Egevej",
        "Skovvej",
        "Stationsvej",
        "Hærvejen",
        "Øster Løgumvej",
    ),
)
HJORDKAER = Town(
    "Hjordkær",
    "6230",
    "Rødekro",
    55.1030,
    9.2920,
    0.005,
    ("Hjordkær Bygade", "Bolderslevvej", "Bjergvej", "Mølleparken", "Søndermarken"),
)
PADBORG = Town(
    "Padborg",
    "6330",
    "Padborg",
    54.8265,
    9.3640,
    0.007,
    ("Torvegade", "Nørregade", "Jernbanegade", "Kirkevej", "Frøslevvej", "Ravnsbjerg", "Thomas Jensens Gade"),
)
BOV = Town(
    "Bov", "6330", "Padborg", 54.8450, 9.3800, 0.004, ("Bov Bygade", "Bovvej", "Smedeby", "Skovgårdvej")
)
KOLLUND = Town(
    "Kollund",
    "6340",
    "Kruså",
    54.8380,
    9.4560,
    0.005,
    ("Fjordvejen", "Kollund Byvej", "Sønderhav", "Kollund Strand", "Bøgevej"),
)
KRUSAA = Town(
    "Kruså",
    "6340",
    "Kruså",
    54.8480,
    9.4030,
    0.005,
    ("Flensborgvej", "Grænsevej", "Kummelefort", "Tøndervej", "Krusåvej"),
)
TINGLEV = Town(
    "Tinglev",
    "6360",
    "Tinglev",
    54.9360,
    9.2550,
    0.007,
    ("Hovedgaden", "Jernbanegade", "Nygade", "Bjerndrupvej", "Kirkevej", "Tøndervej", "Grønnevej"),
)

NORTH, SOUTH = "Aabenraa Nord", "Aabenraa Syd"
TEAMS: list[TeamPlace] = [
    TeamPlace(NORTH, "Team Aabenraa By", "Hjelmallé 2, 6200 Aabenraa", (AABENRAA,), 0.22),
    TeamPlace(NORTH, "Team Løjt", "Kirkevej 8, 6200 Aabenraa", (LOJT, AABENRAA), 0.14),
    TeamPlace(NORTH, "Team Rødekro-Hjordkær", "Vestergade 14, 6230 Rødekro", (RODEKRO, HJORDKAER), 0.18),
    TeamPlace(SOUTH, "Team Bov-Padborg", "Torvegade 3, 6330 Padborg", (PADBORG, BOV), 0.18),
    TeamPlace(SOUTH, "Team Kollund-Kruså", "Flensborgvej 40, 6340 Kruså", (KRUSAA, KOLLUND), 0.12),
    TeamPlace(SOUTH, "Team Tinglev", "Hovedgaden 21, 6360 Tinglev", (TINGLEV,), 0.16),
]


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    city: str
    lat: float
    lon: float

    @property
    def line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


def home_in(rng: random.Random, place: TeamPlace) -> Address:
    """A plausible address in one of the team's towns, the first town most often."""
    town = place.towns[0] if len(place.towns) == 1 or rng.random() < 0.65 else rng.choice(place.towns[1:])
    number = rng.randint(1, 60) if rng.random() < 0.85 else rng.randint(61, 140)
    lat = town.lat + rng.gauss(0, town.spread / 2)
    lon = town.lon + rng.gauss(0, town.spread)  # a degree of longitude is ~0.57 of one of latitude here
    return Address(
        f"{rng.choice(town.streets)} {number}", town.postcode, town.city, round(lat, 5), round(lon, 5)
    )
