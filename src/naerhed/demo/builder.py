# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo municipality: Aabenraa's two districts, six teams, ~250 citizens and ~70 staff,
built deterministically from the 2024 institution agreement's figures."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError

from naerhed.accounts.models import User
from naerhed.citizens.models import Citizen
from naerhed.demo.catalogue import load_competences, load_services
from naerhed.demo.granting import build_grants
from naerhed.demo.people import build_citizens
from naerhed.demo.places import TEAMS, TeamPlace
from naerhed.demo.staffing import build_staff
from naerhed.demo.users import DEMO_USERNAMES, build_users
from naerhed.grants.models import Grant
from naerhed.organisation.models import District, Municipality, Team
from naerhed.visits.models import Visit
from naerhed.visits.services import ExpansionResult, expand_grants
from naerhed.workforce.models import Profession, StaffMember

MUNICIPALITY_NAME, MUNICIPALITY_CODE = "Aabenraa", "580"
SEED = 580
CITIZENS, STAFF = 250, 71


@dataclass(frozen=True)
class DemoCounts:
    teams: int
    staff: int
    citizens: int
    grants: int
    visits: int


def demo_exists() -> bool:
    return Municipality.objects.filter(code=MUNICIPALITY_CODE).exists()


@transaction.atomic
def build_demo(
    *, today: dt.date, seed: int = SEED, citizens: int = CITIZENS, staff: int = STAFF
) -> Municipality:
    """Create the demo municipality; the same seed and day give the same data."""
    rng = random.Random(seed)
    competences = load_competences()
    services = load_services(competences)
    municipality = Municipality.objects.create(name=MUNICIPALITY_NAME, code=MUNICIPALITY_CODE)
    teams = _teams(municipality)
    staffing = build_staff(rng, teams, staff, today, competences)
    for team, _ in teams:
        team.leader = _leader(staffing.by_team[team.pk])
        team.save(update_fields=["leader"])
    home, other = teams[0][0], teams[3][0]
    users = build_users(municipality, home, other, today)
    drafts = build_citizens(rng, teams, citizens, staffing.by_team, today)
    build_grants(rng, drafts, services, today, by=users["visitator"], night_team_pk=home.pk)
    return municipality


def _teams(municipality: Municipality) -> list[tuple[Team, TeamPlace]]:
    districts: dict[str, District] = {}
    out: list[tuple[Team, TeamPlace]] = []
    for place in TEAMS:
        if place.district not in districts:
            districts[place.district] = District.objects.create(
                municipality=municipality, name=place.district
            )
        team = Team.objects.create(
            district=districts[place.district],
            name=place.name,
            office_address=place.office,
            office_lat=place.office_lat,
            office_lon=place.office_lon,
        )
        out.append((team, place))
    return out


def _leader(members: list[StaffMember]) -> StaffMember:
    """The team's first SSA working days leads it (a nurse if it has no such SSA)."""
    for profession in (Profession.SSA, Profession.NURSE):
        for member in members:
            if member.profession == profession and member.works_day:
                return member
    return members[0]


def demo_teams() -> list[Team]:
    return list(
        Team.objects.filter(district__municipality__code=MUNICIPALITY_CODE).select_related("district")
    )


def expand_week(*, start: dt.date) -> dict[Team, ExpansionResult]:
    """Turn every demo team's grants into visits for the seven days from ``start``."""
    return {team: expand_grants(team=team, start=start, days=7) for team in demo_teams()}


def demo_counts() -> DemoCounts:
    teams = Team.objects.filter(district__municipality__code=MUNICIPALITY_CODE)
    return DemoCounts(
        teams=teams.count(),
        staff=StaffMember.objects.filter(team__in=teams).count(),
        citizens=Citizen.objects.filter(team__in=teams).count(),
        grants=Grant.objects.filter(citizen__team__in=teams).count(),
        visits=Visit.objects.filter(citizen__team__in=teams).count(),
    )


@transaction.atomic
def reset_demo() -> None:
    """Remove the demo municipality and the demo users (the catalogues stay; they are upserted)."""
    _delete(User.objects.filter(username__in=DEMO_USERNAMES))
    municipality = Municipality.objects.filter(code=MUNICIPALITY_CODE).first()
    if municipality is None:
        return
    teams = Team.objects.filter(district__municipality=municipality)
    teams.update(leader=None)
    _delete(User.objects.filter(municipality=municipality))
    _delete(Visit.objects.filter(citizen__team__in=teams))
    _delete(Grant.objects.filter(citizen__team__in=teams))
    _delete(Citizen.objects.filter(team__in=teams))
    _delete(StaffMember.objects.filter(team__in=teams))
    _delete(teams)
    _delete(District.objects.filter(municipality=municipality))
    _delete(Municipality.objects.filter(pk=municipality.pk))


def _delete(queryset: QuerySet[Model], depth: int = 0) -> None:
    """Delete, first removing rows of other apps that protect these (plans, bookings, notes…)."""
    try:
        queryset.delete()
    except (ProtectedError, RestrictedError) as exc:
        if depth >= 8:
            raise
        blockers = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        by_model: dict[type[Model], list[object]] = {}
        for obj in blockers:
            by_model.setdefault(type(obj), []).append(obj.pk)
        for model, pks in by_model.items():
            _delete(model._default_manager.filter(pk__in=pks), depth + 1)
        _delete(queryset, depth + 1)
