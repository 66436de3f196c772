# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Aabenraa's 2024 package mix turned into citizens' weekly visits.

Package holders per week and average weekly prices come from the 2024 institution
agreement (docs: /work/shared/domain/BRIEF.md). A package's weekly minutes are its
price over the hourly price; each package is a fixed pattern of visits whose
durations add up to those minutes. Shares are taken over 2 100 citizens, an average
week of the 2 341 citizens helped in 2023. Holders are chosen by a hidden need score
so that heavy day packages go with evening and night packages, as in life.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from naerhed.planner.model import MINUTES_PER_DAY

WEEKLY_CITIZENS = 2100
DAY_RATE = (5 * 508.57 + 2 * 564.90) / 7  # personal care by day, weekdays and weekends blended
EVENING_RATE = 638.94
NIGHT_RATE = 1223.18
PRACTICAL_RATE = 326.51

#: Holders per week in Aabenraa 2024 and average weekly price (DKK).
PACKAGES: dict[str, tuple[int, float]] = {
    "dagpakke-1": (127, 384),
    "dagpakke-2": (395, 1074),
    "dagpakke-3": (224, 2889),
    "dagpakke-4": (28, 6179),
    "aftenpakke-2": (203, 777),
    "aftenpakke-3": (189, 1502),
    "aftenpakke-4": (24, 2992),
    "natpakke": (51, 1386),
    "apv-day": (59, 0),
    "apv-evening": (53, 0),
    "apv-night": (9, 0),
    "opstart": (45, 75),
    "rengoering": (1426, 103),
    "toejvask": (455, 114),
    "klippekort": (630, 254),
}
DAY_PACKAGES = ("dagpakke-4", "dagpakke-3", "dagpakke-2", "dagpakke-1")
EVENING_PACKAGES = ("aftenpakke-4", "aftenpakke-3", "aftenpakke-2")

#: Delegated nursing (SUL §138): task -> (share of citizens, [(slot, minutes)]). A task joins the
#: citizen's care visit in that slot, which then needs an SSA or nurse as a whole; at these shares
#: such visits are about a fifth of all visit minutes (Aabenraa: §138 is 24 % of home-help hours)
#: and SSA and nurses come out near their 32 % of the staff.
DELEGATED: dict[str, tuple[float, tuple[tuple[str, int], ...]]] = {
    "medication": (0.09, (("morning", 5), ("evening", 5))),
    "eye-drops": (0.03, (("morning", 5), ("lunch", 5), ("bedtime", 5))),
    "compression": (0.04, (("morning", 15), ("bedtime", 10))),
    "insulin": (0.02, (("morning", 10), ("evening", 10))),
}
DELEGATED_COMPETENCES = frozenset(DELEGATED) | {"assessment"}
SCREEN_SHARE = 0.06  # Aabenraa's goal: 15 screen citizens per district of ~240

#: Start windows (minutes after midnight) of a citizen's routine: slot -> (earliest choices, widths).
WINDOWS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "morning": ((420, 435, 450, 465, 480, 510), (60, 90, 120)),
    "lunch": ((660, 690, 720), (60,)),
    "afternoon": ((780, 810), (45, 60)),
    "evening": ((990, 1020, 1050), (60, 90)),
    "bedtime": ((1170, 1200, 1230, 1260), (45, 60)),
    "night": ((60,), (210,)),
    "practical": ((510,), (240,)),
    "screen": ((600, 960), (60, 90)),
    "opstart": ((570,), (210,)),
    "klippekort": ((600,), (210,)),
}


@dataclass
class VisitSpec:
    """A visit before it has an id."""

    citizen: str
    day: int
    slot: str
    duration: int
    kind: str
    competences: set[str] = field(default_factory=set)
    carers: int = 1
    remote: bool = False
    priority: int = 1

    def window(self, routine: dict[str, tuple[int, int]]) -> tuple[int, int]:
        lo, hi = routine[self.slot]
        base = self.day * MINUTES_PER_DAY
        return base + lo, base + hi


@dataclass
class CitizenCare:
    """One citizen's packages, delegated tasks, routine windows and visits."""

    id: str
    need: float
    packages: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    screen: bool = False
    routine: dict[str, tuple[int, int]] = field(default_factory=dict)
    visits: list[VisitSpec] = field(default_factory=list)


def quota(n: int, holders: int) -> int:
    """How many of ``n`` citizens hold a package that ``holders`` of the weekly citizens hold."""
    return round(n * holders / WEEKLY_CITIZENS)


def weekly_minutes(package: str) -> float:
    """A package's weekly minutes: its price over its hourly price."""
    rate = DAY_RATE
    if package.startswith("aftenpakke"):
        rate = EVENING_RATE
    elif package == "natpakke":
        rate = NIGHT_RATE
    elif package in ("rengoering", "toejvask"):
        rate = PRACTICAL_RATE
    return PACKAGES[package][1] / rate * 60


def assign(ids: list[str], rng: random.Random) -> list[CitizenCare]:
    """Give each citizen packages, delegated tasks and routine windows, then visits."""
    people = [CitizenCare(id=i, need=rng.random()) for i in ids]
    n = len(people)
    _ranked(people, DAY_PACKAGES, n, 0.0, rng)
    _ranked(people, EVENING_PACKAGES, n, 0.15, rng)
    _ranked(people, ("natpakke",), n, 0.1, rng)
    _ranked([p for p in people if _has(p, "dagpakke")], ("apv-day",), n, 0.2, rng)
    _ranked([p for p in people if _has(p, "aftenpakke")], ("apv-evening",), n, 0.2, rng)
    _ranked([p for p in people if "natpakke" in p.packages], ("apv-night",), n, 0.2, rng)
    _ranked(people, ("klippekort",), n, 0.4, rng)
    for package in ("toejvask", "opstart"):
        for p in rng.sample(people, min(n, quota(n, PACKAGES[package][0]))):
            p.packages.append(package)
    for task, (share, _) in DELEGATED.items():
        for p in rng.sample(people, round(n * share)):
            p.tasks.append(task)
    for p in rng.sample(people, round(n * SCREEN_SHARE)):
        p.screen = True
    # Cleaning goes first to citizens who have nothing else, so every citizen has help.
    idle = [p for p in people if not (p.packages or p.tasks or p.screen)]
    busy = [p for p in people if p.packages or p.tasks or p.screen]
    rng.shuffle(idle)
    rng.shuffle(busy)
    for p in (idle + busy)[: quota(n, PACKAGES["rengoering"][0])]:
        p.packages.append("rengoering")
    for p in people:
        p.routine = _routine(p, rng)
        p.visits = _visits(p, rng)
    return people


def _has(p: CitizenCare, prefix: str) -> bool:
    return any(k.startswith(prefix) for k in p.packages)


def _ranked(
    people: list[CitizenCare], packages: tuple[str, ...], n: int, noise: float, rng: random.Random
) -> None:
    """Hand ``packages`` (heaviest first) to the neediest of ``people``, by need plus some noise.

    Quotas are shares of all ``n`` citizens, also when drawn from a smaller group.
    """
    order = sorted(people, key=lambda p: p.need + rng.uniform(-noise, noise), reverse=True)
    i = 0
    for package in packages:
        count = quota(n, PACKAGES[package][0])
        for p in order[i : i + count]:
            p.packages.append(package)
        i += count


def _routine(p: CitizenCare, rng: random.Random) -> dict[str, tuple[int, int]]:
    """The citizen's own start windows, kept all week (the visit plan)."""
    routine = {}
    for slot, (earliest, widths) in WINDOWS.items():
        lo, width = rng.choice(earliest), rng.choice(widths)
        if slot == "morning" and "insulin" in p.tasks:
            lo, width = min(lo, 450), 60  # insulin before breakfast
        routine[slot] = (lo, lo + width)
    return routine


#: Personal care packages as (slot, minutes every day, extra minutes on bath day).
CARE_PATTERNS: dict[str, tuple[tuple[str, int, int], ...]] = {
    "dagpakke-2": (("morning", 15, 20),),
    "dagpakke-3": (("morning", 30, 15), ("lunch", 15, 0)),
    "dagpakke-4": (("morning", 45, 30), ("lunch", 25, 0), ("afternoon", 25, 0)),
    "aftenpakke-2": (("bedtime", 10, 0),),
    "aftenpakke-3": (("evening", 10, 0), ("bedtime", 10, 0)),
    "aftenpakke-4": (("evening", 15, 0), ("bedtime", 25, 0)),
    "natpakke": (("night", 10, 0),),
}
PERSONAL = "personal-care"
WEEKDAYS = (0, 1, 2, 3, 4)


def _visits(p: CitizenCare, rng: random.Random) -> list[VisitSpec]:
    """Turn packages, tasks and the screen flag into the week's visits."""
    out: list[VisitSpec] = []
    bath_day = rng.randrange(7)
    for package in p.packages:
        if package == "dagpakke-1":
            out += [_care(p, d, "morning", 15, package) for d in sorted(rng.sample(range(7), 3))]
        for slot, minutes, bath in CARE_PATTERNS.get(package, ()):
            out += [_care(p, d, slot, minutes + (bath if d == bath_day else 0), package) for d in range(7)]
    out += _other(p, rng)
    _two_carers(p, out)
    for task in p.tasks:
        for slot, minutes in DELEGATED[task][1]:
            out += _delegate(p, out, task, slot, minutes)
    if p.screen:
        out += [VisitSpec(p.id, d, "screen", 10, "screen", remote=True, priority=2) for d in range(7)]
    if not out:
        out.append(VisitSpec(p.id, rng.choice(WEEKDAYS), "practical", 20, "rengoering", priority=3))
    return out


def _care(p: CitizenCare, day: int, slot: str, minutes: int, package: str) -> VisitSpec:
    return VisitSpec(p.id, day, slot, minutes, package, competences={PERSONAL})


def _other(p: CitizenCare, rng: random.Random) -> list[VisitSpec]:
    """Cleaning (every 14 days or weekly), laundry, klippekort and the start-up conversation."""
    out: list[VisitSpec] = []
    if "rengoering" in p.packages:
        alone = len(p.packages) == 1 and not p.tasks and not p.screen
        if rng.random() < 0.2:
            out.append(VisitSpec(p.id, rng.choice(WEEKDAYS), "practical", 20, "rengoering", priority=3))
        elif alone or rng.random() < 0.5:  # every 14 days: this week or next
            out.append(VisitSpec(p.id, rng.choice(WEEKDAYS), "practical", 40, "rengoering", priority=3))
    if "toejvask" in p.packages:
        out.append(VisitSpec(p.id, rng.choice(WEEKDAYS), "practical", 20, "toejvask", priority=3))
    if "klippekort" in p.packages:
        out.append(VisitSpec(p.id, rng.randrange(7), "klippekort", 30, "klippekort", {PERSONAL}, priority=2))
    if "opstart" in p.packages:
        out.append(
            VisitSpec(p.id, rng.choice(WEEKDAYS), "opstart", 45, "opstart", {"assessment"}, priority=2)
        )
    return out


def _two_carers(p: CitizenCare, visits: list[VisitSpec]) -> None:
    """Ekstra APV: a second carer for lifting at morning care, at bedtime, at night."""
    slots = {"apv-day": ("morning",), "apv-evening": ("bedtime", "evening"), "apv-night": ("night",)}
    for package, wanted in slots.items():
        if package not in p.packages:
            continue
        for slot in wanted:
            chosen = [v for v in visits if v.slot == slot and v.kind.startswith(("dag", "aft", "nat"))]
            for v in chosen:
                v.carers = 2
            if chosen:
                break


#: Where a delegated task may join an existing care visit, in order of preference.
MERGE_SLOTS = {
    "morning": ("morning",),
    "lunch": ("lunch",),
    "evening": ("evening", "bedtime"),
    "bedtime": ("bedtime", "evening"),
}


def _delegate(p: CitizenCare, visits: list[VisitSpec], task: str, slot: str, minutes: int) -> list[VisitSpec]:
    """Add a delegated task to the day's care visit in that slot, or make it a visit of its own.

    Two-carer visits are left alone: one SSA comes on their own rather than asking both lifters
    to hold the competence.
    """
    out = []
    for day in range(7):
        host = next(
            (
                v
                for s in MERGE_SLOTS[slot]
                for v in visits
                if v.day == day and v.slot == s and v.carers == 1 and PERSONAL in v.competences
            ),
            None,
        )
        if host is not None:
            host.duration += minutes
            host.competences.add(task)
            continue
        remote = p.screen and task == "medication" and slot != "morning"
        out.append(VisitSpec(p.id, day, slot, max(minutes, 5), "sul138", {task}, remote=remote))
    return out
