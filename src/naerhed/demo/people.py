# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's citizens: who they are, where they live, their key person and wishes about carers,
relatives and network, and a few FSIII function levels."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from naerhed.citizens.models import (
    CarerWish,
    CarerWishKind,
    Citizen,
    FunctionLevel,
    GenderPreference,
    Relative,
)
from naerhed.demo.mix import apportion
from naerhed.demo.names import RELATIONS, danish_phone, older_person, relative_name
from naerhed.demo.places import TeamPlace, home_in
from naerhed.organisation.models import Team
from naerhed.workforce.models import Profession, StaffMember

#: FSIII function areas the demo assesses (Vaske sig, Af- og påklædning, Gå, Forflytte sig,
#: Lave husligt arbejde, Spise) and Hukommelse for citizens with memory impairment.
BODY_AREAS = [
    "4d46bd94-9518-431c-82e8-ebb91bca307a",
    "e853d3e7-1de5-44f0-ab48-1fb20c449035",
    "51697715-965a-40f3-b4a5-819103bf9d49",
    "d39cd035-eb12-4a18-8a68-f43d4c0c62ef",
    "a7ac8429-513f-43cd-bc69-96a8d0e0f0ff",
    "888c8f63-c059-46c3-8f36-f9649dbd0771",
]
MEMORY_AREA = "a3ac7928-77c9-425c-a7f1-1248a3764d0a"

WISHES = [
    "Kaffe først, så bad.",
    "Vil helst have besøg efter kl. 8.",
    "Hunden Bobby skal lukkes ud ved morgenbesøget.",
    "Taler sønderjysk og sætter pris på faste ansigter.",
    "Ønsker at gøre så meget som muligt selv.",
    "Datteren kommer om søndagen; besøget må gerne være kort.",
    "Husk høreapparatet ved morgenbesøget.",
    "Hører P4 Syd om morgenen; sluk ikke radioen.",
    "",
    "",
]
BLOCK_REASONS = ["Uoverensstemmelse ved tidligere besøg", "Borgerens eget ønske", "Familiær relation"]


@dataclass(frozen=True)
class CitizenDraft:
    citizen: Citizen
    need: float  # 0 (little) to 1 (much): drives packages and function levels


def build_citizens(
    rng: random.Random,
    teams: list[tuple[Team, TeamPlace]],
    total: int,
    by_team: dict[int, list[StaffMember]],
    today: dt.date,
) -> list[CitizenDraft]:
    counts = apportion(total, [place.share for _, place in teams])
    cprs: set[str] = set()
    drafts: list[CitizenDraft] = []
    for (team, place), count in zip(teams, counts, strict=True):
        keys = [
            m for m in by_team[team.pk] if m.works_day and m.profession in (Profession.SSH, Profession.SSA)
        ]
        for j in range(count):
            citizen = _citizen(rng, team, place, keys[j % len(keys)], cprs, today)
            drafts.append(CitizenDraft(citizen, rng.betavariate(1.4, 2.2)))
    for draft in rng.sample(drafts, 6):  # new this week: a start-up conversation is due
        draft.citizen.started_on = today - dt.timedelta(days=rng.randint(0, 6))
    Citizen.objects.bulk_create([d.citizen for d in drafts])
    _relatives(rng, drafts)
    _wishes(rng, drafts, by_team)
    _function_levels(rng, drafts)
    return drafts


def _citizen(
    rng: random.Random, team: Team, place: TeamPlace, key: StaffMember, cprs: set[str], today: dt.date
) -> Citizen:
    female = rng.random() < 0.64
    first, last = older_person(rng, female=female)
    home = home_in(rng, place)
    return Citizen(
        first_name=first,
        last_name=last,
        cpr=_cpr(rng, female, cprs),
        street=home.street,
        postcode=home.postcode,
        city=home.city,
        lat=home.lat,
        lon=home.lon,
        phone=danish_phone(rng),
        team=team,
        key_person=key,
        lives_alone=rng.random() < 0.45,
        memory_impairment=rng.random() < 0.16,
        gender_preference=GenderPreference.FEMALE if rng.random() < 0.05 else GenderPreference.NONE,
        wishes=rng.choice(WISHES),
        started_on=today - dt.timedelta(days=rng.randint(14, 3000)),
    )


def _cpr(rng: random.Random, female: bool, taken: set[str]) -> str:
    """A CPR number of someone born 1926–1958 (seventh digit 0–3 for the 1900s), even last digit for women."""
    while True:
        born = dt.date(1926, 1, 1) + dt.timedelta(days=rng.randint(0, 33 * 365))
        serial = rng.randint(0, 3) * 1000 + rng.randint(0, 99) * 10
        serial += rng.choice([0, 2, 4, 6, 8]) if female else rng.choice([1, 3, 5, 7, 9])
        cpr = f"{born:%d%m%y}{serial:04d}"
        if cpr not in taken:
            taken.add(cpr)
            return cpr


def _relatives(rng: random.Random, drafts: list[CitizenDraft]) -> None:
    rows: list[Relative] = []
    for draft in drafts:
        c = draft.citizen
        count = (1 if rng.random() < 0.4 else 0) if c.lives_alone else rng.choice([1, 1, 2])
        for k in range(count):
            relation = rng.choice(RELATIONS[:3] if k == 0 and not c.lives_alone else RELATIONS)
            consent = rng.random() < 0.85
            rows.append(
                Relative(
                    citizen=c,
                    name=relative_name(rng, c.last_name, relation),
                    relation=relation,
                    phone=danish_phone(rng),
                    consent_to_share=consent,
                    consent_recorded_on=c.started_on if consent else None,
                    is_primary=k == 0,
                )
            )
    Relative.objects.bulk_create(rows)


def _wishes(rng: random.Random, drafts: list[CitizenDraft], by_team: dict[int, list[StaffMember]]) -> None:
    """The key person ranks first among preferred carers; a few citizens block one carer."""
    rows: list[CarerWish] = []
    for draft in drafts:
        c = draft.citizen
        key = c.key_person
        assert key is not None
        others = [m for m in by_team[c.team.pk] if m.pk != key.pk and m.works_day]
        preferred = [key, *rng.sample(others, rng.randint(1, 2))]
        for rank, member in enumerate(preferred, start=1):
            rows.append(CarerWish(citizen=c, staff=member, kind=CarerWishKind.PREFERRED, rank=rank))
        if rng.random() < 0.05:
            blocked = rng.choice([m for m in others if m not in preferred])
            rows.append(
                CarerWish(
                    citizen=c, staff=blocked, kind=CarerWishKind.BLOCKED, reason=rng.choice(BLOCK_REASONS)
                )
            )
    CarerWish.objects.bulk_create(rows)


def _function_levels(rng: random.Random, drafts: list[CitizenDraft]) -> None:
    rows: list[FunctionLevel] = []
    for draft in drafts:
        c = draft.citizen
        areas = rng.sample(BODY_AREAS, rng.randint(2, 4)) + ([MEMORY_AREA] if c.memory_impairment else [])
        assessor = c.key_person
        for code in areas:
            level = max(0, min(4, round(draft.need * 4 + rng.gauss(0, 0.6))))
            if code == MEMORY_AREA:
                level = rng.choice([2, 3, 3, 4])
            rows.append(
                FunctionLevel(
                    citizen=c,
                    fsiii_code=code,
                    level=level,
                    assessed_on=c.started_on,
                    assessor=assessor,
                    assessor_name=assessor.full_name if assessor else "",
                )
            )
    FunctionLevel.objects.bulk_create(rows)
