# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's staff in Aabenraa's proportions: professions, contracts, shift layers,
transport, seniority and competence cards."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from naerhed.demo.catalogue import SSA_DELEGATED, SSA_EXTRA
from naerhed.demo.mix import apportion
from naerhed.demo.names import danish_phone, staff_person
from naerhed.demo.places import TeamPlace, home_in
from naerhed.organisation.models import Team
from naerhed.workforce.models import Competence, Gender, Profession, StaffCompetence, StaffMember, Transport

#: Home-care staff, Nov 2023: 49.6 % SSH, 21.6 % SSA, 14.2 % unskilled, 4.3 % cleaning; the rest
#: (10.3 %) are here the teams' nurses and therapists.
PROFESSION_SHARES: list[tuple[Profession, float]] = [
    (Profession.NURSE, 8.5),
    (Profession.SSA, 21.6),
    (Profession.SSH, 49.6),
    (Profession.UNSKILLED, 14.2),
    (Profession.CLEANING_ASSISTANT, 4.3),
    (Profession.OCCUPATIONAL_THERAPIST, 0.9),
    (Profession.PHYSIOTHERAPIST, 0.9),
]
#: Contracts: 11.5 % work 37 h a week, 38.9 % 32–36 h, 49.7 % under 32 h.
CONTRACT_SHARES = [11.5, 38.9, 49.7]
CARE = (Profession.SSH, Profession.SSA, Profession.UNSKILLED)


@dataclass(frozen=True)
class Staffing:
    members: list[StaffMember]
    by_team: dict[int, list[StaffMember]]


def build_staff(
    rng: random.Random,
    teams: list[tuple[Team, TeamPlace]],
    total: int,
    today: dt.date,
    competences: dict[str, Competence],
) -> Staffing:
    professions = _dealt_professions(total, len(teams))
    hours = _contract_hours(rng, total)
    members: list[StaffMember] = []
    for i, (team_index, profession) in enumerate(professions):
        team, place = teams[team_index]
        members.append(_member(rng, i, team, place, profession, hours[i], today))
    by_team: dict[int, list[StaffMember]] = {team.pk: [] for team, _ in teams}
    for member in members:
        by_team[member.team.pk].append(member)
    districts_seen: set[str] = set()
    for team, place in teams:
        # The first team of each district carries two night carers, so a two-carer night visit is possible.
        _assign_layers(rng, by_team[team.pk], nights=1 if place.district in districts_seen else 2)
        districts_seen.add(place.district)
    StaffMember.objects.bulk_create(members)
    _give_competences(rng, members, competences, today)
    return Staffing(members, by_team)


def _dealt_professions(total: int, teams: int) -> list[tuple[int, Profession]]:
    """Each profession dealt round the teams, so every team gets its share of each."""
    counts = apportion(total, [share for _, share in PROFESSION_SHARES])
    out: list[tuple[int, Profession]] = []
    for (profession, _), count in zip(PROFESSION_SHARES, counts, strict=True):
        out.extend((len(out) % teams, profession) for _ in range(count))
    return out


def _contract_hours(rng: random.Random, total: int) -> list[Decimal]:
    full, middle, part = apportion(total, CONTRACT_SHARES)
    hours = [Decimal("37")] * full
    hours += [Decimal(rng.choice(["32", "33", "34", "35", "36"])) for _ in range(middle)]
    hours += [Decimal(rng.choice(["16", "20", "24", "25", "28", "30"])) for _ in range(part)]
    rng.shuffle(hours)
    return hours


def _member(
    rng: random.Random,
    i: int,
    team: Team,
    place: TeamPlace,
    profession: Profession,
    hours: Decimal,
    today: dt.date,
) -> StaffMember:
    female = rng.random() < 0.88
    first, last = staff_person(rng, female=female)
    home = home_in(rng, place)
    years = rng.uniform(0.2, 3.5) if rng.random() < 0.35 else rng.uniform(4, 26)
    return StaffMember(
        team=team,
        first_name=first,
        last_name=last,
        employee_number=str(5801001 + i),
        profession=profession,
        gender=Gender.FEMALE if female else Gender.MALE,
        weekly_hours=hours,
        transport=_transport(rng, place),
        starts_from_home=rng.random() < 0.25,
        home_address=home.line,
        home_lat=home.lat,
        home_lon=home.lon,
        employed_since=today - dt.timedelta(days=round(years * 365.25)),
        phone=danish_phone(rng),
        email=f"{first.lower()}.{last.lower()}.{i}@naerhed.example",
    )


def _transport(rng: random.Random, place: TeamPlace) -> Transport:
    """Mostly cars, a third of them electric; bikes mainly in Aabenraa town."""
    town_team = len(place.towns) == 1 and place.towns[0].name == "Aabenraa"
    options = [Transport.CAR, Transport.ELECTRIC_CAR, Transport.BIKE]
    return rng.choices(options, weights=[50, 35, 15 if town_team else 4])[0]


def _assign_layers(rng: random.Random, members: list[StaffMember], *, nights: int) -> None:
    """Per team: ``nights`` carers on nights, three on evenings (one of them days too), the rest days."""
    care = [m for m in members if m.profession in CARE]
    rng.shuffle(care)
    for member in care[:nights]:
        member.works_day, member.works_night = False, True
    for j, member in enumerate(care[nights : nights + 3]):
        member.works_day, member.works_evening = j == 0, True


def _give_competences(
    rng: random.Random, members: list[StaffMember], competences: dict[str, Competence], today: dt.date
) -> None:
    cards: list[StaffCompetence] = []
    for member in members:
        for code in _card(rng, member.profession, competences):
            days = (today - member.employed_since).days
            gained = member.employed_since + dt.timedelta(days=rng.randint(30, max(31, days)))
            cards.append(
                StaffCompetence(staff=member, competence=competences[code], gained_on=min(gained, today))
            )
    StaffCompetence.objects.bulk_create(cards)


def _card(rng: random.Random, profession: str, competences: dict[str, Competence]) -> list[str]:
    """The codes on one competence card: nurses hold every delegated task, SSA the usual four and
    some more, SSH a few after training, therapists rehabilitation."""
    delegated = [code for code, c in competences.items() if c.delegated_nursing]
    if profession == Profession.NURSE:
        return [*delegated, "lifting", "dementia", "screen-visits"]
    if profession in (Profession.OCCUPATIONAL_THERAPIST, Profession.PHYSIOTHERAPIST):
        return ["rehabilitation", "lifting"]
    chance: dict[str, float] = {"lifting": 0.8, "dementia": 0.3}
    if profession == Profession.SSA:
        chance |= {code: 0.95 for code in SSA_DELEGATED} | {code: 0.45 for code in SSA_EXTRA}
        chance |= {"rehabilitation": 0.3, "screen-visits": 0.5}
    elif profession == Profession.SSH:
        chance |= {"compression-stockings": 0.4, "eye-drops": 0.3, "rehabilitation": 0.15}
    elif profession == Profession.UNSKILLED:
        chance = {"lifting": 0.5, "compression-stockings": 0.15}
    else:
        chance = {}
    return [code for code, p in chance.items() if rng.random() < p]
