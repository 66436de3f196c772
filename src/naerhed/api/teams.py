# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Teams the caller may see: their own (team roles), their district's (planners) or the municipality's."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router

from naerhed.accounts.access import teams_visible_to
from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut
from naerhed.api.schemas import TeamOut
from naerhed.api.scope import get_team_for
from naerhed.organisation.models import Team

router = Router(tags=["teams"])


@router.get("/", response=list[TeamOut], summary="List the teams you may see")
def list_teams(request: HttpRequest) -> QuerySet[Team]:
    return teams_visible_to(api_user(request)).order_by("district__name", "name")


@router.get("/{team_id}", response={200: TeamOut, 403: ErrorOut}, summary="One team")
def get_team(request: HttpRequest, team_id: int) -> Team:
    return get_team_for(api_user(request), team_id)
