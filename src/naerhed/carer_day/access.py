# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Who may do what on the carer's pages: a carer checks in only to their own visits; the citizen's team
(carers, nurses, the team leader) keeps the visit plan and writes handovers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from naerhed.accounts.models import TEAM_SCOPED_ROLES, User
from naerhed.citizens.models import Citizen
from naerhed.visits.models import Visit


def staff_of(user: User) -> int:
    """The staff member id behind the user; PermissionDenied for users who are not staff."""
    if user.staff_id is None:
        raise PermissionDenied("not linked to a staff member")
    return user.staff_id


def is_assigned(user: User, visit: Visit) -> bool:
    """Whether the visit is on the user's own route (uses prefetched carers when present)."""
    return user.staff_id is not None and any(carer.pk == user.staff_id for carer in visit.carers.all())


def is_in_team_of(user: User, citizen: Citizen) -> bool:
    return user.role in TEAM_SCOPED_ROLES and user.team_id is not None and user.team_id == citizen.team_id


def check_assigned(user: User, visit: Visit) -> None:
    if not is_assigned(user, visit):
        raise PermissionDenied("not your visit")


def check_in_team(user: User, citizen: Citizen) -> None:
    if not is_in_team_of(user, citizen):
        raise PermissionDenied("not the citizen's team")
