# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Staff of the teams the caller may see, with their competence cards in the detail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router

from naerhed.accounts.access import can_see_staff, staff_visible_to
from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut
from naerhed.api.schemas import StaffDetailOut, StaffOut
from naerhed.api.scope import get_staff_for, get_team_for
from naerhed.workforce.models import StaffMember

router = Router(tags=["staff"])


@router.get("/", response={200: list[StaffOut], 403: ErrorOut}, summary="List staff, optionally of one team")
def list_staff(request: HttpRequest, team: int | None = None) -> QuerySet[StaffMember]:
    user = api_user(request)
    if not can_see_staff(user):
        raise PermissionDenied("your role does not see staff")
    staff = staff_visible_to(user)
    if team is not None:
        staff = staff.filter(team=get_team_for(user, team))
    return staff.order_by("first_name", "last_name", "pk")


@router.get("/{staff_id}", response={200: StaffDetailOut, 403: ErrorOut}, summary="One staff member")
def get_staff(request: HttpRequest, staff_id: int) -> StaffMember:
    return get_staff_for(api_user(request), staff_id)
