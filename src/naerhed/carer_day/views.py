# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The carer's pages: today's route, a visit (check in, check out, not delivered, handover) and the
team's visit plans. Views parse, check access, call one service and render or redirect."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from naerhed.accounts.access import as_user, citizens_visible_to
from naerhed.accounts.models import TEAM_SCOPED_ROLES, User
from naerhed.carer_day import queries, services
from naerhed.carer_day.access import is_assigned, is_in_team_of
from naerhed.carer_day.forms import HandoverForm, NotDeliveredForm, SubmissionForm, VisitPlanForm
from naerhed.carer_day.models import VisitPlan
from naerhed.citizens.services import open_citizen_for_edit
from naerhed.visits.models import Visit
from naerhed.workforce.models import StaffMember

VisitAction = Callable[[Visit, User, SubmissionForm], object]


@login_required
@require_GET
def route(request: HttpRequest) -> HttpResponse:
    user = as_user(request.user)
    staff = _staff(user)
    day = timezone.localdate()
    stops = queries.route_estimate(staff, day, timezone.now())
    services.log_route_viewed(user=user, visits=[stop.visit for stop in stops])
    return render(request, "carer_day/route.html", {"day": day, "stops": stops})


@login_required
@require_GET
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    visit = services.open_visit(user=user, pk=pk)
    staff = _staff(user)
    page = queries.visit_page(visit, staff, today=timezone.localdate())
    context = {
        "page": page,
        "check_form": SubmissionForm(),
        "not_delivered_form": NotDeliveredForm(),
        "handover_form": HandoverForm(initial={"visit": visit.pk}),
        "can_write_handover": is_in_team_of(user, visit.citizen),
    }
    return render(request, "carer_day/visit.html", context)


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    def run(visit: Visit, user: User, form: SubmissionForm) -> object:
        return services.check_in(
            visit=visit, by=user, at=timezone.now(), request_id=form.cleaned_data["request_id"]
        )

    return _visit_action(request, pk, SubmissionForm, run, _("You are checked in."))


@login_required
@require_POST
def check_out(request: HttpRequest, pk: int) -> HttpResponse:
    def run(visit: Visit, user: User, form: SubmissionForm) -> object:
        return services.check_out(
            visit=visit, by=user, at=timezone.now(), request_id=form.cleaned_data["request_id"]
        )

    return _visit_action(request, pk, SubmissionForm, run, _("You are checked out."))


@login_required
@require_POST
def not_delivered(request: HttpRequest, pk: int) -> HttpResponse:
    def run(visit: Visit, user: User, form: SubmissionForm) -> object:
        data = form.cleaned_data
        return services.mark_not_delivered(
            visit=visit, by=user, reason=data["reason"], request_id=data["request_id"]
        )

    return _visit_action(request, pk, NotDeliveredForm, run, _("The visit is marked as not delivered."))


@login_required
@require_POST
def handover_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = citizens_visible_to(user).filter(pk=pk).first()
    if citizen is None or not is_in_team_of(user, citizen):
        raise PermissionDenied("not the citizen's team")
    form = HandoverForm(request.POST)
    valid = form.is_valid()
    visit_pk = form.cleaned_data.get("visit")
    visit = Visit.objects.filter(pk=visit_pk, citizen=citizen).first() if visit_pk else None
    if valid:
        data = form.cleaned_data

        def write() -> object:
            return services.write_handover(
                citizen=citizen, visit=visit, by=user, text=data["text"], request_id=data["request_id"]
            )

        _call(request, write, _("The handover note was saved."))
    else:
        _form_errors(request, form)
    if visit is not None and is_assigned(user, visit):
        return redirect("carer_day:visit", pk=visit.pk)
    return redirect("carer_day:plan", pk=citizen.pk)


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    user = as_user(request.user)
    if user.role not in TEAM_SCOPED_ROLES or user.team_id is None:
        raise PermissionDenied("visit plans are kept by the team")
    citizens = queries.team_plans(user.team_id, user.staff_id)
    return render(request, "carer_day/plan_list.html", {"citizens": citizens})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_for_edit(user=user, pk=pk, purpose="visit plan")
    plan = VisitPlan.objects.select_related("updated_by").filter(citizen=citizen).first()
    form = VisitPlanForm.for_plan(plan, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_visit_plan(citizen=citizen, by=user, expected_version=version, **data)
        except ValidationError as error:
            form.add_error(None, error)
            plan = VisitPlan.objects.select_related("updated_by").filter(citizen=citizen).first()
            form = _with_current_version(form, plan)
        else:
            messages.success(request, _("The visit plan was saved."))
            return redirect("carer_day:plan", pk=citizen.pk)
    context = {
        "citizen": citizen,
        "plan": plan,
        "form": form,
        "history": queries.plan_history(plan),
        "handovers": queries.latest_handovers(citizen),
        "handover_form": HandoverForm(),
    }
    return render(request, "carer_day/plan_edit.html", context, status=400 if form.errors else 200)


def _visit_action(
    request: HttpRequest, pk: int, form_class: type[SubmissionForm], run: VisitAction, done: str
) -> HttpResponse:
    user = as_user(request.user)
    visit = queries.visit_for_page(pk)
    if visit is None:
        raise PermissionDenied("not your visit")
    form = form_class(request.POST)
    if form.is_valid():
        _call(request, lambda: run(visit, user, form), done)
    else:
        _form_errors(request, form)
    return redirect("carer_day:visit", pk=pk)


def _call(request: HttpRequest, action: Callable[[], object], done: str) -> None:
    """Run one service; a refusal the carer can act on becomes a message (PermissionDenied is a 403)."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)


def _form_errors(request: HttpRequest, form: SubmissionForm) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def _staff(user: User) -> StaffMember:
    if user.staff is None:
        raise PermissionDenied("not linked to a staff member")
    return user.staff


def _with_current_version(form: VisitPlanForm, plan: VisitPlan | None) -> VisitPlanForm:
    """Keep what the user wrote, but against the version now saved, so a second save is deliberate."""
    data = {**form.data}
    data["version"] = str(plan.version if plan else 0)
    fresh = VisitPlanForm(data)
    fresh.is_valid()
    for error in form.non_field_errors():
        fresh.add_error(None, error)
    return fresh
