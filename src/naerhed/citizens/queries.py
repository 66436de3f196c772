# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reads for the citizen pages: the scoped, searchable list and everything on the record page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from naerhed.accounts.access import citizens_visible_to
from naerhed.accounts.models import User
from naerhed.citizens.fsiii import area_name
from naerhed.citizens.models import CarerWish, CarerWishKind, Citizen, FunctionLevel, Relative
from naerhed.grants.models import Grant
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import StaffMember

UPCOMING_VISITS = 20


def citizen_list(user: User, *, search: str = "", team_id: int | None = None) -> QuerySet[Citizen]:
    """The user's citizens, by name (every word must match a first or last name) and team."""
    citizens = citizens_visible_to(user).filter(ended_on__isnull=True)
    for word in search.split():
        citizens = citizens.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if team_id is not None:
        citizens = citizens.filter(team_id=team_id)
    return citizens.order_by("last_name", "first_name")


@dataclass(frozen=True)
class AssessedArea:
    code: str
    name: str
    level: FunctionLevel


@dataclass(frozen=True)
class CitizenRecord:
    citizen: Citizen
    relatives: list[Relative]
    preferred: list[CarerWish]
    blocked: list[CarerWish]
    function_levels: list[AssessedArea]
    grants: list[Grant]
    upcoming_visits: list[Visit]
    age: int


def citizen_record(citizen: Citizen, *, today: dt.date) -> CitizenRecord:
    """Everything the record page shows, in a fixed number of queries."""
    wishes = list(citizen.carer_wishes.select_related("staff").order_by("kind", "rank"))
    return CitizenRecord(
        citizen=citizen,
        relatives=list(citizen.relatives.all()),
        preferred=[w for w in wishes if w.kind == CarerWishKind.PREFERRED],
        blocked=[w for w in wishes if w.kind == CarerWishKind.BLOCKED],
        function_levels=latest_function_levels(citizen),
        grants=list(
            citizen.grants.select_related("service").exclude(ends_on__lt=today).order_by("starts_on")
        ),
        upcoming_visits=upcoming_visits(citizen, today=today),
        age=citizen.age(today),
    )


def latest_function_levels(citizen: Citizen) -> list[AssessedArea]:
    """The newest assessment in each function area, ordered by area name."""
    newest: dict[str, FunctionLevel] = {}
    for level in citizen.function_levels.order_by("fsiii_code", "-assessed_on", "-pk"):
        newest.setdefault(level.fsiii_code, level)
    areas = [AssessedArea(code, area_name(code), level) for code, level in newest.items()]
    return sorted(areas, key=lambda area: area.name)


def upcoming_visits(citizen: Citizen, *, today: dt.date) -> list[Visit]:
    visits = citizen.visits.filter(date__gte=today).exclude(status=VisitStatus.CANCELLED)
    carers = Prefetch("carers", queryset=StaffMember.objects.order_by("first_name"))
    return list(
        visits.select_related("service").prefetch_related(carers).order_by("window_start")[:UPCOMING_VISITS]
    )


def team_staff(citizen: Citizen) -> QuerySet[StaffMember]:
    """Who may be the citizen's key person: the staff of the citizen's team."""
    return StaffMember.objects.filter(team_id=citizen.team_id).order_by("first_name", "last_name")
