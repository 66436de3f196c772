# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Realistic synthetic one-week instances built from Aabenraa's published figures.

``generate("rural", 200, seed=1)`` gives a week (Monday to Sunday) of home care for
about 200 citizens in two to four geographic teams: Aabenraa's 2024 package mix
turned into visits with routine windows, delegated nursing (SUL §138) that only SSA
and nurses may take, two-carer lifts (Ekstra APV), screen visits, the staff and
contract mix of November 2023, day/evening/night shifts with breaks and a weekend
rotation, preferred (key person first) and blocked carers. Shifts are sized to the
visits so that a simple greedy can start every visit in its window, plus a little
slack: instances are tight but plannable.

The same arguments always give the same instance: all randomness comes from one
``random.Random`` seeded with the family, size and seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from naerhed.planner.model import Carer, Citizen, Horizon, Problem, Visit
from naerhed.planner.synthetic import care, geography, staff
from naerhed.planner.synthetic.care import CitizenCare, VisitSpec

GENERATOR_VERSION = "1"
FAMILIES = ("rural", "urban")
START_DATE = dt.date(2026, 11, 16)  # a Monday
CITIZENS_PER_CARER = 3.5
BLOCKED_SHARE = 0.03


def generate(family: str, citizens: int, seed: int) -> Problem:
    """A one-week instance of the ``family`` ("rural" or "urban") with ``citizens`` citizens."""
    if family not in FAMILIES:
        raise ValueError(f"family {family!r} is not one of {', '.join(FAMILIES)}")
    if citizens < 2:
        raise ValueError(f"citizens {citizens} must be at least 2")
    rng = random.Random(f"naerhed-{GENERATOR_VERSION}-{family}-{citizens}-{seed}")
    geo = geography.build(family, citizens, rng)
    team_of = {h.location: h.team for h in geo.homes}
    people = care.assign([h.location for h in geo.homes], rng)
    roster = _roster(family, geo, people, team_of, rng)
    carers = _carers(family, geo, roster, rng)
    return Problem(
        name=f"{family}-{citizens}-s{seed}",
        horizon=Horizon(START_DATE, 7),
        locations=geo.locations,
        travel=geo.travel,
        teams=geo.teams,
        carers=carers,
        citizens=_citizens(people, team_of, roster, rng),
        visits=_visits(people),
        meta=_meta(family, citizens, seed, people, roster),
    )


def _roster(
    family: str,
    geo: geography.Geography,
    people: list[CitizenCare],
    team_of: dict[str, str],
    rng: random.Random,
) -> staff.Roster:
    """Hire the cleaning assistants, then size and hand out every other shift."""
    teams = [t.id for t in geo.teams]
    triples = [(v, p.routine[v.slot], team_of[p.id]) for p in people for v in p.visits]
    roster = staff.Roster(teams, rng)
    n_cleaners = max(1, round(staff.STAFF_MIX["cleaning"] * len(people) / CITIZENS_PER_CARER))
    cleaner_shifts = roster.cleaners(teams, n_cleaners)
    for need in staff.needs(triples, _area(family, geo, team_of), cleaner_shifts):
        roster.fill(need)
    return roster


def _area(family: str, geo: geography.Geography, team_of: dict[str, str]) -> staff.Area:
    """The map as the sizing sees it. Travel is by car, slowed by the family's transport mix;
    ``nearest`` is each team's mean time to the nearest other home of the team."""
    idx = {loc.id: i for i, loc in enumerate(geo.locations)}
    car = geo.travel["car"].minutes
    speeds = geography.SPEEDS[family]
    slowdown = sum(share * speeds["car"] / speeds[mode] for mode, share in geography.TRANSPORT_MIX[family])
    nearest = {}
    for team in (t.id for t in geo.teams):
        homes = [idx[h.location] for h in geo.homes if h.team == team]
        near = [min((car[i][j] for j in homes if j != i), default=0) for i in homes]
        nearest[team] = slowdown * sum(near) / max(1, len(near))
    return staff.Area(
        nearest=nearest,
        homes=dict(Counter(team_of.values())),
        office={team: idx[loc] for team, loc in geo.offices.items()},
        place={h.location: idx[h.location] for h in geo.homes},
        travel=lambda a, b: slowdown * car[a][b],
    )


def _carers(
    family: str, geo: geography.Geography, roster: staff.Roster, rng: random.Random
) -> tuple[Carer, ...]:
    """Carers with a transport mode (night carers drive) starting and ending at their team's office."""
    modes = geography.TRANSPORT_MIX[family]
    out = []
    for s in roster.staff:
        mode = "car"
        if s.layer != "night":
            mode = rng.choices([m for m, _ in modes], weights=[w for _, w in modes])[0]
        out.append(staff.to_carer(s, mode, geo.offices[s.team]))
    return tuple(out)


def _citizens(
    people: list[CitizenCare], team_of: dict[str, str], roster: staff.Roster, rng: random.Random
) -> tuple[Citizen, ...]:
    """Citizens with one to three preferred carers of their own team (key person first)
    and, for a few, a blocked carer."""
    keys: Counter[str] = Counter()
    preferred: dict[str, tuple[str, ...]] = {}
    for p in sorted(people, key=lambda p: -p.need):
        preferred[p.id] = _preferred(p, team_of[p.id], roster, keys, rng)
    blocked: dict[str, frozenset[str]] = {}
    for p in rng.sample(people, max(1, round(BLOCKED_SHARE * len(people)))):
        others = [s.id for s in roster.staff if s.team == team_of[p.id] and s.id not in preferred[p.id]]
        if others:
            blocked[p.id] = frozenset({rng.choice(others)})
    return tuple(
        Citizen(
            id=p.id,
            location=p.id,
            team=team_of[p.id],
            preferred_carers=preferred[p.id],
            blocked_carers=blocked.get(p.id, frozenset()),
        )
        for p in people
    )


def _preferred(
    p: CitizenCare, team: str, roster: staff.Roster, keys: Counter[str], rng: random.Random
) -> tuple[str, ...]:
    """The key person from the layer that does most of the citizen's visits, evenly spread,
    skilled when the citizen has delegated nursing; then maybe a second day carer and an
    evening carer."""
    layers = Counter(staff.BUCKETS.get(v.slot, "midday") for v in p.visits)
    evening = layers["early"] + layers["late"]
    day = layers["morning"] + layers["midday"]
    practical_only = set(layers) <= {"practical"}
    layer = "evening" if evening > day else "day"
    team_staff = [s for s in roster.staff if s.team == team]
    pool = [s for s in team_staff if s.layer == layer and (s.profession == "cleaning") == practical_only]
    if p.tasks:
        pool = [s for s in pool if s.profession in staff.SKILLED] or pool
    if not pool:
        pool = [s for s in team_staff if s.profession != "cleaning"] or team_staff
    if not pool:
        return ()
    key = min(pool, key=lambda s: (keys[s.id], -s.contract_minutes, s.id))
    keys[key.id] += 1
    chosen = [key.id]
    day_staff = [
        s.id for s in team_staff if s.layer == "day" and s.profession != "cleaning" and s.id != key.id
    ]
    if day and day_staff and rng.random() < 0.6:
        chosen.append(rng.choice(day_staff))
    eve_staff = [s.id for s in team_staff if s.layer == "evening" and s.id not in chosen]
    if evening and eve_staff and layer == "day" and rng.random() < 0.7:
        chosen.append(rng.choice(eve_staff))
    return tuple(chosen)


def _visits(people: list[CitizenCare]) -> tuple[Visit, ...]:
    """All visits, numbered in order of window start."""
    specs = [(v.window(p.routine), p.id, v.slot, v) for p in people for v in p.visits]
    specs.sort(key=lambda x: (x[0], x[1], x[2]))
    return tuple(_visit(f"v-{k + 1:06d}", window, v) for k, (window, _, _, v) in enumerate(specs))


def _visit(vid: str, window: tuple[int, int], v: VisitSpec) -> Visit:
    return Visit(
        id=vid,
        citizen=v.citizen,
        window=window,
        duration=v.duration,
        competences=frozenset(v.competences),
        carers=v.carers,
        remote=v.remote,
        priority=v.priority,
    )


def _meta(
    family: str, citizens: int, seed: int, people: list[CitizenCare], roster: staff.Roster
) -> dict[str, Any]:
    """Provenance plus what the generator knows and the model does not hold."""
    return {
        "generator": "naerhed.planner.generate",
        "generator_version": GENERATOR_VERSION,
        "family": family,
        "seed": seed,
        "citizens": citizens,
        "utilisation_target": staff.UTILISATION,
        "packages": {p.id: sorted(p.packages) for p in people},
        "delegated_tasks": {p.id: sorted(p.tasks) for p in people if p.tasks},
        "screen_citizens": sorted(p.id for p in people if p.screen),
        "contract_hours": {s.id: s.contract_minutes // 60 for s in roster.staff},
        "weekend_rotation": {s.id: s.weekend_period for s in roster.staff},
        "layers": {s.id: s.layer for s in roster.staff},
    }
