# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reads for the team pages and the overview figures on the home pages (counts, never people)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from naerhed.accounts.access import staff_visible_to, teams_visible_to
from naerhed.accounts.models import User
from naerhed.organisation.models import District, Team
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import StaffMember

_ACTIVE_CITIZENS = Count("citizens", filter=Q(citizens__ended_on__isnull=True), distinct=True)
_CURRENT_STAFF = Count("staff", filter=Q(staff__employed_until__isnull=True), distinct=True)


def teams_with_counts(user: User) -> QuerySet[Team]:
    """The user's teams with ``citizen_count`` and ``staff_count``."""
    teams = teams_visible_to(user).select_related("leader")
    return teams.annotate(citizen_count=_ACTIVE_CITIZENS, staff_count=_CURRENT_STAFF)


def team_for(user: User, pk: int) -> Team | None:
    return teams_with_counts(user).filter(pk=pk).first()


def team_members(user: User, team: Team) -> QuerySet[StaffMember]:
    """The team's current staff, if the user may see staff (empty otherwise)."""
    members = staff_visible_to(user).filter(team=team, employed_until__isnull=True)
    return members.order_by("first_name", "last_name")


@dataclass(frozen=True)
class DistrictFigures:
    district: District
    teams: int
    citizens: int
    staff: int
    visits: int


def district_figures(user: User, *, week_of: dt.date) -> list[DistrictFigures]:
    """Per district: teams, active citizens, current staff and planned or delivered visits in the week."""
    teams = list(teams_with_counts(user))
    start = week_of - dt.timedelta(days=week_of.weekday())
    visits = _visits_per_team(teams, start, start + dt.timedelta(days=7))
    figures: dict[int, DistrictFigures] = {}
    for team in teams:
        old = figures.get(team.district_id) or DistrictFigures(team.district, 0, 0, 0, 0)
        figures[team.district_id] = DistrictFigures(
            old.district,
            old.teams + 1,
            old.citizens + team.citizen_count,  # type: ignore[attr-defined]
            old.staff + team.staff_count,  # type: ignore[attr-defined]
            old.visits + visits.get(team.pk, 0),
        )
    return sorted(figures.values(), key=lambda f: f.district.name)


def _visits_per_team(teams: list[Team], start: dt.date, end: dt.date) -> dict[int, int]:
    visits = Visit.objects.filter(citizen__team__in=teams, date__gte=start, date__lt=end)
    rows = visits.exclude(status=VisitStatus.CANCELLED).values("citizen__team_id").annotate(n=Count("id"))
    return {row["citizen__team_id"]: row["n"] for row in rows}
