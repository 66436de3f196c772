# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Citizen pages: the scoped list, the record (the only page with the full CPR number) and its forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from naerhed.accounts.access import as_user, can_edit_profile, can_read_records, teams_visible_to
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens import queries
from naerhed.citizens.forms import CitizenProfileForm, CitizenSearchForm, FunctionLevelForm
from naerhed.citizens.services import (
    open_citizen_for_edit,
    open_citizen_record,
    record_function_level,
    update_citizen_profile,
)

PAGE_SIZE = 100


@login_required
@require_GET
def citizen_list(request: HttpRequest) -> HttpResponse:
    user = as_user(request.user)
    if not can_read_records(user):
        raise PermissionDenied("no access to citizens' records")
    form = CitizenSearchForm(request.GET or None, teams=teams_visible_to(user))
    search, team = ("", None)
    if form.is_valid():
        search, team = form.cleaned_data["q"], form.cleaned_data["team"]
    citizens = queries.citizen_list(user, search=search, team_id=team.pk if team else None)
    page = Paginator(citizens, PAGE_SIZE).get_page(request.GET.get("page"))
    record_event(
        user=user,
        action=Action.VIEW,
        object_type="citizen-list",
        object_id=page.number,
        summary=f"page {page.number} of {page.paginator.num_pages}: {len(page.object_list)} citizens",
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "citizens": page.object_list, "query": query.urlencode()}
    return render(request, "citizens/list.html", context)


@login_required
@require_GET
def citizen_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_record(user=user, pk=pk)
    record = queries.citizen_record(citizen, today=timezone.localdate())
    return render(
        request, "citizens/detail.html", {"record": record, "can_edit": can_edit_profile(user, citizen)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def citizen_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_for_edit(user=user, pk=pk, purpose="profile form")
    form = CitizenProfileForm(request.POST or None, citizen=citizen)
    if request.method == "POST" and form.is_valid():
        try:
            update_citizen_profile(citizen=citizen, by=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect("citizens:detail", pk=citizen.pk)
    return render(request, "citizens/edit.html", {"citizen": citizen, "form": form}, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def function_level_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_for_edit(user=user, pk=pk, purpose="function level form")
    initial = {"assessed_on": timezone.localdate()}
    form = FunctionLevelForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record_function_level(citizen=citizen, by=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The function level was recorded."))
            return redirect("citizens:detail", pk=citizen.pk)
    return render(
        request, "citizens/function_level.html", {"citizen": citizen, "form": form}, status=_status(form)
    )


def _status(form: CitizenProfileForm | FunctionLevelForm) -> int:
    """400 for a submitted form with errors, so that tools and tests see the refusal."""
    return 400 if form.is_bound and form.errors else 200
