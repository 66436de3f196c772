# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Who may do what with care quality records, built on ``naerhed.accounts.access``.

Reading follows the record scope (team roles their team, planners their district, visitators the
municipality); managers and administrators see none of it. Writing is for the citizen's own team
(carers, nurses, the team leader). TOBS is measured by SSA and nurses only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from naerhed.accounts.access import can_read_records, teams_visible_to
from naerhed.accounts.models import TEAM_SCOPED_ROLES, Role, User
from naerhed.organisation.models import Team
from naerhed.workforce.models import Profession

TOBS_PROFESSIONS = frozenset({Profession.SSA, Profession.NURSE})
#: Roles that keep the catalogue of local activities (the team's people and the needs assessors).
CATALOGUE_WRITE_ROLES = frozenset({*TEAM_SCOPED_ROLES, Role.VISITATOR})


def get_team_to_read(user: User, pk: int) -> Team:
    """The team, if the user reads its citizens' records; PermissionDenied otherwise (also unknown ids)."""
    team = teams_visible_to(user).filter(pk=pk).first() if can_read_records(user) else None
    if team is None:
        raise PermissionDenied("team outside your scope")
    return team


def works_in(user: User, team_id: int) -> bool:
    """Whether the user is one of the team's own people (carer, nurse or team leader)."""
    return user.role in TEAM_SCOPED_ROLES and user.team_id is not None and user.team_id == team_id


def check_works_in(user: User, team_id: int) -> None:
    if not works_in(user, team_id):
        raise PermissionDenied("only the citizen's own team records this")


def can_measure_tobs(user: User) -> bool:
    """SSA and nurses measure TOBS: by the profession of their staff record, or the nurse role."""
    if user.role == Role.NURSE:
        return True
    return user.staff is not None and user.staff.profession in TOBS_PROFESSIONS


def can_edit_catalogue(user: User) -> bool:
    return user.role in CATALOGUE_WRITE_ROLES and user.municipality_id is not None
