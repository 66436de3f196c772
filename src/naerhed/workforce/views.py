# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Staff pages: the list and one staff member's page, scoped by team or district."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from naerhed.accounts.access import as_user, can_see_staff, teams_visible_to
from naerhed.workforce import queries
from naerhed.workforce.forms import StaffSearchForm


@login_required
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    user = as_user(request.user)
    if not can_see_staff(user):
        raise PermissionDenied("no access to staff pages")
    form = StaffSearchForm(request.GET or None, teams=teams_visible_to(user))
    search, team = ("", None)
    if form.is_valid():
        search, team = form.cleaned_data["q"], form.cleaned_data["team"]
    staff = queries.staff_list(user, search=search, team_id=team.pk if team else None)
    return render(request, "workforce/list.html", {"form": form, "staff": staff})


@login_required
@require_GET
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    member = queries.staff_member_for(user, pk)
    if member is None:
        raise PermissionDenied("staff member outside your scope")
    today = timezone.localdate()
    context = {
        "member": member,
        "competences": queries.competence_card(member),
        "seniority": member.seniority_years(today),
    }
    return render(request, "workforce/detail.html", context)
