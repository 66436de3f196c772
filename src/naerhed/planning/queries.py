# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Who may plan which team, and the runs they see; scope comes from :mod:`naerhed.accounts.access`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from naerhed.accounts.access import teams_visible_to
from naerhed.accounts.models import Role, User
from naerhed.organisation.models import Team
from naerhed.planning.models import PlanningRun

#: Team leaders plan their own team, planners the teams of their district.
PLANNING_ROLES = frozenset({Role.TEAM_LEADER, Role.PLANNER})


def can_plan(user: User) -> bool:
    return user.role in PLANNING_ROLES


def planning_teams(user: User) -> QuerySet[Team]:
    """The teams the user may start, cancel and publish runs for."""
    return teams_visible_to(user) if can_plan(user) else Team.objects.none()


def runs_visible_to(user: User) -> QuerySet[PlanningRun]:
    return PlanningRun.objects.filter(team__in=planning_teams(user)).select_related("team", "created_by")


def get_run_for(user: User, pk: int) -> PlanningRun:
    """The run, if it is for a team the user plans; PermissionDenied otherwise (also for unknown ids)."""
    run = runs_visible_to(user).filter(pk=pk).first()
    if run is None:
        raise PermissionDenied("planning run outside your scope")
    return run
