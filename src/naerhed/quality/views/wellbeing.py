# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Wellbeing conversations: the team's list of citizens living alone, one citizen's plan, conversations and
referrals, and the catalogue of local activities and helpers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from naerhed.accounts.access import as_user
from naerhed.citizens.services import open_citizen_record
from naerhed.quality import queries
from naerhed.quality.access import can_edit_catalogue, get_team_to_read, works_in
from naerhed.quality.forms import (
    LocalActivityForm,
    ReferralForm,
    ReferralStatusForm,
    WellbeingConversationForm,
    WellbeingPlanForm,
)
from naerhed.quality.models import LocalActivity, Referral, WellbeingConversation, WellbeingInterval
from naerhed.quality.rules import LONELY_FROM
from naerhed.quality.services import wellbeing as services
from naerhed.quality.views.common import form_errors, log_list_view, run_service


@login_required
@require_GET
def wellbeing_list(request: HttpRequest, team_pk: int) -> HttpResponse:
    user = as_user(request.user)
    team = get_team_to_read(user, team_pk)
    rows = queries.wellbeing_rows(team)
    log_list_view(user, "wellbeing-list", team.pk, f"{len(rows)} citizens")
    today = timezone.localdate()
    context = {"team": team, "rows": rows, "today": today, "lonely_from": LONELY_FROM}
    return render(request, "quality/wellbeing_list.html", context)


@login_required
@require_GET
def wellbeing_citizen(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_record(user=user, pk=pk, purpose="wellbeing")
    plan = getattr(citizen, "wellbeing_plan", None)
    municipality_id = citizen.team.district.municipality_id
    context = {
        "citizen": citizen,
        "plan": plan,
        "today": timezone.localdate(),
        "lonely_from": LONELY_FROM,
        "can_write": works_in(user, citizen.team_id),
        "conversations": WellbeingConversation.objects.filter(citizen=citizen),
        "referrals": Referral.objects.filter(citizen=citizen).select_related("activity"),
        "plan_form": WellbeingPlanForm(
            initial={"interval_months": plan.interval_months if plan else WellbeingInterval.QUARTERLY}
        ),
        "conversation_form": WellbeingConversationForm(initial={"held_on": timezone.localdate()}),
        "referral_form": ReferralForm(municipality_id=municipality_id),
        "status_form": ReferralStatusForm(),
    }
    return render(request, "quality/wellbeing_citizen.html", context)


@login_required
@require_POST
def wellbeing_plan(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_record(user=user, pk=pk, purpose="wellbeing plan")
    form = WellbeingPlanForm(request.POST)
    if form.is_valid():
        months = form.cleaned_data["interval_months"]
        run_service(
            request,
            lambda: services.plan_wellbeing(citizen=citizen, by=user, interval_months=months),
            _("The wellbeing conversations are planned."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:wellbeing_citizen", pk=pk)


@login_required
@require_POST
def wellbeing_record(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_record(user=user, pk=pk, purpose="wellbeing conversation")
    form = WellbeingConversationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.record_wellbeing_conversation(citizen=citizen, by=user, **data),
            _("The wellbeing conversation is saved."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:wellbeing_citizen", pk=pk)


@login_required
@require_POST
def referral_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_record(user=user, pk=pk, purpose="referral")
    form = ReferralForm(request.POST, municipality_id=citizen.team.district.municipality_id)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.refer_to_activity(
                citizen=citizen, activity=data["activity"], by=user, note=data["note"]
            ),
            _("The referral is saved."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:wellbeing_citizen", pk=pk)


@login_required
@require_POST
def referral_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    referral = Referral.objects.filter(pk=pk).first()
    if referral is None:
        raise PermissionDenied("referral outside your scope")
    referral.citizen = open_citizen_record(user=user, pk=referral.citizen_id, purpose="referral")
    form = ReferralStatusForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        run_service(
            request,
            lambda: services.set_referral_status(referral=referral, by=user, status=status),
            _("The referral is updated."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:wellbeing_citizen", pk=referral.citizen_id)


@login_required
@require_http_methods(["GET", "POST"])
def activities(request: HttpRequest) -> HttpResponse:
    """The municipality's catalogue of local activities and helpers (not health data: every role reads it)."""
    user = as_user(request.user)
    if user.municipality_id is None:
        raise PermissionDenied("not in a municipality")
    form = LocalActivityForm(request.POST or None)
    if request.method == "POST":
        if not can_edit_catalogue(user):
            raise PermissionDenied("your role does not keep the catalogue")
        if form.is_valid():
            data = form.cleaned_data
            if run_service(
                request, lambda: services.add_local_activity(by=user, **data), _("The activity is added.")
            ):
                return redirect("quality:activities")
    entries = LocalActivity.objects.filter(municipality_id=user.municipality_id, active=True)
    context = {"activities": entries, "form": form, "can_edit": can_edit_catalogue(user)}
    return render(request, "quality/activities.html", context, status=400 if form.errors else 200)
