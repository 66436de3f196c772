# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Who may see what: the one place that decides role and team scope.

Carers, nurses and team leaders see their own team's citizens; planners their
district's; needs assessors (visitators) the whole municipality; managers see
figures, never records; administrators configure and read the audit log.
Every page and API endpoint asks these functions, never the role directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from naerhed.accounts.models import TEAM_SCOPED_ROLES, Role, User
from naerhed.citizens.models import Citizen
from naerhed.organisation.models import Team
from naerhed.workforce.models import StaffMember

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

RECORD_ROLES = frozenset({*TEAM_SCOPED_ROLES, Role.PLANNER, Role.VISITATOR})
STAFF_PAGE_ROLES = frozenset(
    {Role.TEAM_LEADER, Role.PLANNER, Role.MANAGER, Role.ADMIN, Role.NURSE, Role.CARER}
)
GRANT_WRITE_ROLES = frozenset({Role.VISITATOR})
#: The team's own people keep a citizen's wishes, flags, key person and function levels current.
PROFILE_WRITE_ROLES = TEAM_SCOPED_ROLES
#: Management figures: managers for their municipality, planners their district, team leaders their team.
FIGURE_ROLES = frozenset({Role.MANAGER, Role.PLANNER, Role.TEAM_LEADER})
#: The T-card board: the team's own people and the district's planners look; carers do not move cards.
BOARD_VIEW_ROLES = frozenset({*TEAM_SCOPED_ROLES, Role.PLANNER})
BOARD_MOVE_ROLES = frozenset({Role.TEAM_LEADER, Role.NURSE, Role.PLANNER})


def as_user(user: User | AnonymousUser) -> User:
    """The logged-in user, or PermissionDenied for an anonymous one."""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        raise PermissionDenied("login required")
    return user


def teams_visible_to(user: User) -> QuerySet[Team]:
    teams = Team.objects.select_related("district")
    if user.role in TEAM_SCOPED_ROLES:
        return teams.filter(pk=user.team_id) if user.team_id else teams.none()
    if user.role == Role.PLANNER:
        return teams.filter(district_id=user.district_id) if user.district_id else teams.none()
    if user.role in (Role.VISITATOR, Role.MANAGER, Role.ADMIN):
        return _in_municipality(teams, user)
    return teams.none()


def citizens_visible_to(user: User) -> QuerySet[Citizen]:
    """The citizens whose records the user may read (managers and administrators: none)."""
    citizens = Citizen.objects.select_related("team", "team__district", "key_person")
    if user.role not in RECORD_ROLES:
        return citizens.none()
    return citizens.filter(team__in=teams_visible_to(user))


def staff_visible_to(user: User) -> QuerySet[StaffMember]:
    staff = StaffMember.objects.select_related("team", "team__district")
    if user.role not in STAFF_PAGE_ROLES:
        return staff.none()
    return staff.filter(team__in=teams_visible_to(user))


def can_read_records(user: User) -> bool:
    return user.role in RECORD_ROLES


def can_write_grants(user: User) -> bool:
    return user.role in GRANT_WRITE_ROLES


def can_see_staff(user: User) -> bool:
    return user.role in STAFF_PAGE_ROLES


def can_edit_profile(user: User, citizen: Citizen) -> bool:
    """Team roles may change the profile of a citizen of their own team."""
    return user.role in PROFILE_WRITE_ROLES and citizen.team_id == user.team_id


def can_set_message_preferences(user: User, citizen: Citizen) -> bool:
    """Who records the citizen's choice about SMS messages: the team leader of the citizen's team, or
    the citizen's key person."""
    if user.role == Role.TEAM_LEADER and citizen.team_id == user.team_id:
        return True
    return user.staff_id is not None and user.staff_id == citizen.key_person_id


def can_see_figures(user: User) -> bool:
    """Aggregated figures, never records; scope as for teams (see ``teams_visible_to``)."""
    return user.role in FIGURE_ROLES


def can_view_board(user: User) -> bool:
    """The T-card board of the teams in ``teams_visible_to``."""
    return user.role in BOARD_VIEW_ROLES


def can_move_board_cards(user: User) -> bool:
    return user.role in BOARD_MOVE_ROLES


def can_read_audit_log(user: User) -> bool:
    return user.role == Role.ADMIN or user.is_superuser


def get_citizen_for(user: User, pk: int) -> Citizen:
    """The citizen, if the user may read the record; PermissionDenied otherwise (also for unknown ids,
    so that ids outside the scope cannot be probed)."""
    citizen = citizens_visible_to(user).filter(pk=pk).first()
    if citizen is None:
        raise PermissionDenied("citizen outside your scope")
    return citizen


def _in_municipality(teams: QuerySet[Team], user: User) -> QuerySet[Team]:
    if user.municipality_id is None:
        return teams if user.is_superuser else teams.none()
    return teams.filter(district__municipality_id=user.municipality_id)
