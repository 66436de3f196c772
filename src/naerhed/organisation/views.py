# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Team pages: the teams the user may see, and one team's members, leader and citizens count."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from naerhed.accounts.access import as_user, can_read_records, can_view_board
from naerhed.organisation import queries


@login_required
@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    user = as_user(request.user)
    return render(request, "organisation/team_list.html", {"teams": queries.teams_with_counts(user)})


@login_required
@require_GET
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    team = queries.team_for(user, pk)
    if team is None:
        raise PermissionDenied("team outside your scope")
    context = {
        "team": team,
        "members": queries.team_members(user, team),
        "can_read_records": can_read_records(user),
        "can_view_board": can_view_board(user),
    }
    return render(request, "organisation/team_detail.html", context)
