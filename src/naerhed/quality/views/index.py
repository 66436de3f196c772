# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The way in: the user's team's quality overview, or the teams to choose from."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from naerhed.accounts.access import as_user, can_read_records, teams_visible_to
from naerhed.quality import queries
from naerhed.quality.access import get_team_to_read, works_in
from naerhed.quality.models import TriageColour


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = as_user(request.user)
    if not can_read_records(user):
        raise PermissionDenied("care quality is part of the citizens' records")
    if user.team_id is not None:
        return redirect("quality:team", team_pk=user.team_id)
    return render(request, "quality/index.html", {"teams": teams_visible_to(user)})


@login_required
@require_GET
def team_overview(request: HttpRequest, team_pk: int) -> HttpResponse:
    user = as_user(request.user)
    team = get_team_to_read(user, team_pk)
    today = timezone.localdate()
    colours = queries.colour_counts(team)
    context = {
        "team": team,
        "today": today,
        "overdue": queries.overdue_conversations(team, today),
        "open_count": queries.open_conversations(team).count(),
        "red": colours.get(TriageColour.RED, 0),
        "yellow": colours.get(TriageColour.YELLOW, 0),
        "wellbeing_overdue": sum(1 for row in queries.wellbeing_rows(team) if row.is_overdue(today)),
        "can_write": works_in(user, team.pk),
    }
    return render(request, "quality/team.html", context)
