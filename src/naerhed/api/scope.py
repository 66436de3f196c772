# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Looking records up within the caller's scope, built on ``accounts.access``.

Unknown ids and ids outside the scope both raise PermissionDenied (a 403), so
that ids cannot be probed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from naerhed.accounts.access import can_read_records, get_citizen_for, staff_visible_to, teams_visible_to
from naerhed.accounts.models import Role, User
from naerhed.grants.models import Grant
from naerhed.organisation.models import Team
from naerhed.workforce.models import StaffMember

#: Roles that lay out a team's visits: its team leader, and the planners of its district.
PLANNING_ROLES = frozenset({Role.TEAM_LEADER, Role.PLANNER})


def get_team_for(user: User, pk: int) -> Team:
    team = teams_visible_to(user).filter(pk=pk).first()
    if team is None:
        raise PermissionDenied("team outside your scope")
    return team


def get_staff_for(user: User, pk: int) -> StaffMember:
    member = staff_visible_to(user).prefetch_related("competence_cards__competence").filter(pk=pk).first()
    if member is None:
        raise PermissionDenied("staff member outside your scope")
    return member


def get_grant_for(user: User, pk: int) -> Grant:
    """The grant, if the user may read its citizen's record."""
    grant = Grant.objects.select_related("service").filter(pk=pk).first() if can_read_records(user) else None
    try:
        if grant is None:
            raise PermissionDenied
        grant.citizen = get_citizen_for(user, grant.citizen_id)
    except PermissionDenied:
        # One message for unknown and forbidden grants, so that ids cannot be probed.
        raise PermissionDenied("grant outside your scope") from None
    return grant


def get_team_to_plan(user: User, pk: int) -> Team:
    """The team, if the user is its team leader or a planner of its district."""
    if user.role not in PLANNING_ROLES:
        raise PermissionDenied("only team leaders and planners lay out visits")
    return get_team_for(user, pk)
