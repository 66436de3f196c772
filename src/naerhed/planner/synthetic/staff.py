# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Carers and their week's shifts, sized to the visits so that an instance is tight.

For each team, day and part of the day (morning, midday, practical help, early evening,
bedtime, night) the number of shifts is the larger of the visit minutes (plus a travel
estimate) at a target utilisation and the carers a greedy needs to start every visit in
its window (:mod:`naerhed.planner.synthetic.greedy`), with enough SSA or nurse shifts for
the delegated nursing. Shifts then go to carers within their contract
hours, weekend duty following a rotation (every other or every third weekend); when
nobody can take a shift a carer is hired, with the profession the Aabenraa staff mix
is most short of. Night shifts serve all teams.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from naerhed.planner.model import MINUTES_PER_DAY, Break, Carer, Shift
from naerhed.planner.synthetic import greedy
from naerhed.planner.synthetic.care import DELEGATED_COMPETENCES, PERSONAL, VisitSpec

#: Aabenraa home-care staff, November 2023; nurses make up the rest.
STAFF_MIX = {"SSH": 0.496, "SSA": 0.216, "unskilled": 0.142, "cleaning": 0.043, "nurse": 0.103}
SKILLED = ("SSA", "nurse")
#: Weekly contract hours: 11.5 % full time (37 h), 38.9 % 32–36 h, 49.7 % under 32 h.
CONTRACTS = ((0.115, 37, 37), (0.389, 32, 36), (0.497, 20, 31))
COMPETENCES = {
    "SSH": frozenset({PERSONAL}),
    "unskilled": frozenset({PERSONAL}),
    "SSA": frozenset({PERSONAL} | DELEGATED_COMPETENCES),
    "nurse": frozenset({PERSONAL} | DELEGATED_COMPETENCES),
    "cleaning": frozenset(),
}
#: Share of a shift's span that visits and travel may fill when sizing by minutes. High,
#: because the greedy already guarantees that the windows can be met: the slack is small.
UTILISATION = 0.9


@dataclass(frozen=True)
class ShiftType:
    """A shift shape in minutes after midnight of its day; ``end`` may pass midnight."""

    name: str
    layer: str
    start: int
    end: int
    break_window: tuple[int, int] | None = None

    def on(self, day: int) -> Shift:
        base = day * MINUTES_PER_DAY
        start, end = max(0, base + self.start), base + self.end
        brk = None
        if self.break_window is not None:
            brk = Break(base + self.break_window[0], base + self.break_window[1], 30)
        return Shift(start=start, end=end, break_=brk)

    def minutes(self, day: int) -> int:
        return self.on(day).minutes


DAY_LONG = ShiftType("day-long", "day", 420, 900, (630, 780))
DAY_SHORT = ShiftType("day-short", "day", 420, 720)
CLEAN = ShiftType("clean", "day", 480, 840, (660, 750))
EVE_LONG = ShiftType("evening-long", "evening", 900, 1380, (1080, 1170))
EVE_SHORT = ShiftType("evening-short", "evening", 1050, 1380)
NIGHT = ShiftType("night", "night", -60, 420, (120, 240))

#: Which load bucket a visit's slot belongs to.
BUCKETS = {
    "morning": "morning",
    "lunch": "midday",
    "afternoon": "midday",
    "klippekort": "midday",
    "opstart": "midday",
    "practical": "practical",
    "evening": "early",
    "bedtime": "late",
    "night": "night",
}


@dataclass
class Need:
    """Shifts wanted on one day: (shift type, how many, how many of them SSA or nurse)."""

    day: int
    team: str
    shifts: list[tuple[ShiftType, int, int]] = field(default_factory=list)


@dataclass
class Staff:
    """A carer being rostered."""

    id: str
    team: str
    profession: str
    layer: str
    contract_minutes: int
    weekend_period: int
    weekend_on: bool
    shifts: dict[int, ShiftType] = field(default_factory=dict)

    def free(self, day: int, kind: ShiftType) -> bool:
        if day in self.shifts or (day >= 5 and not self.weekend_on) or len(self.shifts) >= 5:
            return False
        used = sum(t.minutes(d) for d, t in self.shifts.items())
        return used + kind.minutes(day) <= self.contract_minutes


def bucket(v: VisitSpec, routine_start: int) -> str:
    if v.slot == "screen":
        return "midday" if routine_start < 900 else "early"
    return BUCKETS[v.slot]


#: Minutes of visit work (travel included) one shift can do in each load bucket at full use;
#: the peaks (morning care, bedtime) get less because every window there closes at once.
SPANS = {"morning": 170, "midday": 230, "practical": 300, "early": 240, "late": 150, "night": 390}


@dataclass
class Loads:
    """Visit-carer minutes per (team, day, bucket); night work is pooled under team ``*``.

    Each bucket also remembers the earliest window start, the latest window end and the
    longest visit, because a bucket whose windows all close within an hour needs more
    carers than its minutes alone say.
    """

    total: dict[tuple[str, int, str], float] = field(default_factory=lambda: defaultdict(float))
    skilled: dict[tuple[str, int, str], float] = field(default_factory=lambda: defaultdict(float))
    spans: dict[tuple[str, int, str, bool], tuple[int, int, int]] = field(default_factory=dict)
    pairs: set[tuple[str, int, str]] = field(default_factory=set)
    least: dict[tuple[str, int, str, bool], int] = field(default_factory=dict)  # from the greedy

    def add(
        self, key: tuple[str, int, str], minutes: float, window: tuple[int, int], duration: int, skilled: bool
    ) -> None:
        (self.skilled if skilled else self.total)[key] += minutes
        lo, hi, longest = self.spans.get((*key, skilled), (*window, duration))
        self.spans[(*key, skilled)] = (min(lo, window[0]), max(hi, window[1]), max(longest, duration))

    def shifts(self, team: str, day: int, bucket: str, *, skilled: bool = False) -> int:
        minutes = (self.skilled if skilled else self.total)[team, day, bucket]
        if minutes <= 0:
            return 0
        lo, hi, longest = self.spans[team, day, bucket, skilled]
        span = min(SPANS[bucket], hi - lo + longest)
        return max(math.ceil(minutes / (span * UTILISATION)), self.least.get((team, day, bucket, skilled), 0))


@dataclass(frozen=True)
class Area:
    """What the sizing knows of the map: per team the mean minutes to the nearest home, the
    number of homes and the office's location index; each citizen's location index; and
    travel minutes between location indices."""

    nearest: dict[str, float]
    homes: dict[str, int]
    office: dict[str, int]
    place: dict[str, int]
    travel: greedy.Minutes


#: When carers set out from the office for each bucket, in minutes of the day.
BUCKET_START = {"morning": 420, "midday": 660, "practical": 480, "early": 900, "late": 1140, "night": -60}


def needs(
    visits: list[tuple[VisitSpec, tuple[int, int], str]], area: Area, cleaners: dict[tuple[str, int], int]
) -> list[Need]:
    """Shifts per team and day from the visits: (spec, window in minutes of its day, team) triples.

    Each bucket gets the larger of two counts: its minutes (travel estimated by a square-root
    law: the fewer homes visited, the further apart) at the target utilisation, and the
    carers a greedy needs to start every visit in its window. ``cleaners`` gives the
    cleaning assistants' shifts per team and day, which take practical help first. Weekend
    days come first so that weekend duty is handed out before the weekdays.
    """
    loads = _loads(visits, area)
    out = []
    for day in (5, 6, 0, 1, 2, 3, 4):
        for team in [*area.nearest, "*"]:
            need = (
                _night_need(day, loads)
                if team == "*"
                else _day_need(team, day, loads, cleaners.get((team, day), 0))
            )
            need.shifts = [s for s in need.shifts if s[1] > 0]
            if need.shifts:
                out.append(need)
    return out


def _loads(visits: list[tuple[VisitSpec, tuple[int, int], str]], area: Area) -> Loads:
    visited: dict[tuple[str, int, str, bool], set[str]] = defaultdict(set)
    for v, window, team in visits:
        for skilled in {False, bool(v.competences & DELEGATED_COMPETENCES)}:
            visited[team, v.day, bucket(v, window[0]), skilled].add(v.citizen)

    def minutes(v: VisitSpec, team: str, b: str, skilled: bool) -> float:
        spread = min(4.0, math.sqrt(area.homes[team] / len(visited[team, v.day, b, skilled])))
        return (v.duration + (0 if v.remote else area.nearest[team] * spread)) * v.carers

    loads = Loads()
    jobs: dict[tuple[str, int, str], list[greedy.Job]] = defaultdict(list)
    for v, window, team in visits:
        b = bucket(v, window[0])
        key = ("*" if b == "night" else team, v.day, b)
        skilled = bool(v.competences & DELEGATED_COMPETENCES)
        loads.add(key, minutes(v, team, b, False), window, v.duration, False)
        if skilled:
            # SSA and nurses are few, so their visits lie further apart.
            loads.add(key, minutes(v, team, b, True), window, v.duration, True)
        if v.carers == 2:
            loads.pairs.add(key)
        jobs[key].append(greedy.Job(*window, v.duration, area.place[v.citizen], v.carers, v.remote, skilled))
    first_office = next(iter(area.office.values()))
    for (team, day, b), bucket_jobs in jobs.items():
        office = area.office.get(team, first_office)
        n, k = greedy.needed(bucket_jobs, BUCKET_START[b], office, area.travel)
        loads.least[team, day, b, False], loads.least[team, day, b, True] = n, k
    return loads


def _night_need(day: int, loads: Loads) -> Need:
    """One night carer at least when there is night work; two when a night visit needs two."""
    key = ("*", day, "night")
    least = (2 if key in loads.pairs else 1) if loads.total[key] else 0
    n = max(loads.shifts(*key), least)
    return Need(day, "*", [(NIGHT, n, min(n, loads.shifts(*key, skilled=True)))])


def _day_need(team: str, day: int, loads: Loads, cleaners: int) -> Need:
    """Long and short day and evening shifts; the first of them SSA or nurses as delegated work needs."""
    practical = max(0.0, loads.total[team, day, "practical"] - cleaners * SPANS["practical"] * UTILISATION)
    if practical:
        loads.add((team, day, "midday"), practical, (510, 750), 40, False)
    peak = loads.shifts(team, day, "morning")
    long_ = max(loads.shifts(team, day, "midday"), 1 if peak else 0)
    short = max(0, peak - long_)
    k = max(loads.shifts(team, day, b, skilled=True) for b in ("morning", "midday"))
    shifts = [(DAY_LONG, long_, min(long_, k)), (DAY_SHORT, short, min(short, max(0, k - long_)))]
    late = loads.shifts(team, day, "late")
    long_e = max(loads.shifts(team, day, "early"), 1 if late else 0)
    short_e = max(0, late - long_e)
    k = max(loads.shifts(team, day, b, skilled=True) for b in ("early", "late"))
    shifts += [(EVE_LONG, long_e, min(long_e, k)), (EVE_SHORT, short_e, min(short_e, max(0, k - long_e)))]
    return Need(day, team, shifts)


class Roster:
    """Hands out shifts to carers, hiring when nobody can take one."""

    def __init__(self, teams: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.teams = teams
        self.staff: list[Staff] = []

    def hire(self, team: str, layer: str, day: int, professions: tuple[str, ...]) -> Staff:
        """A new carer of the profession the staff mix is most short of."""
        total = len(self.staff) + 1
        count = defaultdict(int, {p: 0 for p in STAFF_MIX})
        for s in self.staff:
            count[s.profession] += 1
        profession = max(professions, key=lambda p: (STAFF_MIX[p] * total - count[p], -professions.index(p)))
        lo, hi = _pick_contract(self.rng)
        period = self.rng.choice((2, 3))
        person = Staff(
            id=f"e-{len(self.staff) + 1:03d}",
            team=team,
            profession=profession,
            layer=layer,
            contract_minutes=self.rng.randint(lo, hi) * 60,
            weekend_period=period,
            weekend_on=day >= 5,
        )
        self.staff.append(person)
        return person

    def cleaners(self, teams: list[str], count: int) -> dict[tuple[str, int], int]:
        """Hire ``count`` cleaning assistants over the teams, on weekday shifts within contract."""
        shifts: dict[tuple[str, int], int] = defaultdict(int)
        for k in range(count):
            person = self.hire(teams[k % len(teams)], "day", 0, ("cleaning",))
            for day in range(5):
                if person.free(day, CLEAN):
                    person.shifts[day] = CLEAN
                    shifts[person.team, day] += 1
        return shifts

    def fill(self, need: Need) -> None:
        for kind, count, skilled in need.shifts:
            for k in range(count):
                wanted = SKILLED if k < skilled else ANY_CARER
                self._give(need.team, need.day, kind, wanted)

    def _give(self, team: str, day: int, kind: ShiftType, professions: tuple[str, ...]) -> None:
        pool = [
            s
            for s in self.staff
            if s.layer == kind.layer
            and (team == "*" or s.team == team)
            and s.profession in professions
            and s.free(day, kind)
        ]
        if pool:
            # Weekend duty comes in pairs of days; otherwise spread the work by hours left.
            # Keep SSA and nurses free for delegated nursing when the shift does not need them.
            spare = professions != SKILLED
            person = max(
                pool,
                key=lambda s: (
                    day >= 5 and 11 - day in s.shifts,
                    not (spare and s.profession in SKILLED),
                    _left(s),
                    s.id,
                ),
            )
        else:
            nights = sum(s.layer == "night" for s in self.staff)
            home = team if team != "*" else self.teams[nights % len(self.teams)]
            person = self.hire(home, kind.layer, day, professions)
        person.shifts[day] = kind


def _left(s: Staff) -> int:
    return s.contract_minutes - sum(t.minutes(d) for d, t in s.shifts.items())


ANY_CARER = ("SSH", "unskilled", "SSA", "nurse")


def _pick_contract(rng: random.Random) -> tuple[int, int]:
    """Weekly hours (lowest, highest) of a contract drawn from the Aabenraa mix."""
    u, acc = rng.random(), 0.0
    for share, lo, hi in CONTRACTS:
        acc += share
        if u < acc:
            return lo, hi
    return CONTRACTS[-1][1:]


def to_carer(s: Staff, transport: str, office: str) -> Carer:
    """The rostered carer as a model ``Carer`` starting and ending at the team office."""
    shifts = tuple(s.shifts[d].on(d) for d in sorted(s.shifts))
    return Carer(
        id=s.id,
        team=s.team,
        profession=s.profession,
        competences=COMPETENCES[s.profession],
        transport=transport,
        start_location=office,
        end_location=office,
        shifts=shifts,
    )
