# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""One citizen's care quality: triage colour and history, observations and TOBS, conversations and goals,
hospital stays and adverse events; and recording observations and TOBS from the carer's day."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from naerhed.accounts.access import as_user
from naerhed.citizens.models import Citizen
from naerhed.citizens.services import open_citizen_for_edit, open_citizen_record
from naerhed.quality.access import can_measure_tobs, works_in
from naerhed.quality.forms import (
    AdmissionForm,
    AdverseEventForm,
    DischargeForm,
    ObservationForm,
    TobsForm,
    TriageForm,
)
from naerhed.quality.models import (
    AdverseEvent,
    HospitalStay,
    Observation,
    ObservationArea,
    RehabGoal,
    StartupConversation,
    TobsMeasurement,
    TriageAssessment,
)
from naerhed.quality.services import board as board_services
from naerhed.quality.services import observations as services
from naerhed.quality.views.common import form_errors, run_service
from naerhed.visits.models import Visit

LATEST = 20


@login_required
@require_GET
def citizen_quality(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_record(user=user, pk=pk, purpose="care quality")
    today = timezone.localdate()
    context = {
        "citizen": citizen,
        "today": today,
        "can_write": works_in(user, citizen.team_id),
        "triage": TriageAssessment.objects.filter(citizen=citizen).select_related("meeting")[:LATEST],
        "observations": Observation.objects.filter(citizen=citizen)[:LATEST],
        "tobs": TobsMeasurement.objects.filter(citizen=citizen)[:LATEST],
        "conversations": StartupConversation.objects.filter(citizen=citizen).order_by("-due_date"),
        "goals": RehabGoal.objects.filter(citizen=citizen).order_by("status", "-set_on"),
        "stays": HospitalStay.objects.filter(citizen=citizen),
        "events": AdverseEvent.objects.filter(citizen=citizen)[:LATEST],
        "triage_form": TriageForm(),
        "admission_form": AdmissionForm(initial={"admitted_on": today}),
        "discharge_form": DischargeForm(initial={"discharged_on": today}),
        "event_form": AdverseEventForm(initial={"occurred_on": today}),
    }
    return render(request, "quality/citizen.html", context)


def _visit_of(citizen: Citizen, visit_pk: int | None) -> Visit | None:
    return Visit.objects.filter(pk=visit_pk, citizen=citizen).first() if visit_pk else None


def _back(citizen: Citizen, visit: Visit | None) -> HttpResponse:
    if visit is not None:
        return redirect("carer_day:visit", pk=visit.pk)
    return redirect("quality:citizen", pk=citizen.pk)


@login_required
@require_http_methods(["GET", "POST"])
def observation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The change form's six areas, and for SSA and nurses the TOBS values (posted to tobs_new)."""
    user = as_user(request.user)
    citizen = open_citizen_for_edit(user=user, pk=pk, purpose="observation")
    visit_pk = request.GET.get("visit") or request.POST.get("visit")
    visit = _visit_of(citizen, int(visit_pk) if visit_pk and visit_pk.isdigit() else None)
    form = ObservationForm(request.POST or None, initial={"visit": visit.pk if visit else None})
    if request.method == "POST" and form.is_valid():
        texts = {area: form.cleaned_data[area] for area in ObservationArea.values}
        saved = run_service(
            request,
            lambda: services.record_observations(citizen=citizen, by=user, texts=texts, visit=visit),
            _("The observation is saved."),
        )
        if saved:
            return _back(citizen, visit)
    context = {
        "citizen": citizen,
        "visit": visit,
        "form": form,
        "tobs_form": TobsForm(initial={"visit": visit.pk if visit else None, "consciousness": "habitual"}),
        "can_measure_tobs": can_measure_tobs(user),
        "recent": Observation.objects.filter(citizen=citizen)[:5],
    }
    return render(request, "quality/observation_new.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def tobs_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_for_edit(user=user, pk=pk, purpose="TOBS")
    form = TobsForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("quality:observation_new", pk=pk)
    data = dict(form.cleaned_data)
    visit = _visit_of(citizen, data.pop("visit"))
    result: list[TobsMeasurement] = []
    saved = run_service(
        request,
        lambda: result.append(services.record_tobs(citizen=citizen, by=user, visit=visit, **data)),
        _("The TOBS measurement is saved."),
    )
    if not saved:
        return redirect("quality:observation_new", pk=pk)
    return redirect("quality:tobs", pk=result[0].pk)


@login_required
@require_GET
def tobs_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    measurement = TobsMeasurement.objects.filter(pk=pk).first()
    if measurement is None:
        raise PermissionDenied("measurement outside your scope")
    citizen = open_citizen_record(user=user, pk=measurement.citizen_id, purpose="TOBS")
    return render(request, "quality/tobs_detail.html", {"m": measurement, "citizen": citizen})


@login_required
@require_POST
def triage_set(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_record(user=user, pk=pk, purpose="triage")
    form = TriageForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: board_services.set_triage_colour(
                citizen=citizen, colour=data["colour"], reason=data["reason"], by=user
            ),
            _("The colour is set."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:citizen", pk=pk)


@login_required
@require_POST
def admission_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_record(user=user, pk=pk, purpose="hospital stay")
    form = AdmissionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: board_services.record_admission(citizen=citizen, by=user, **data),
            _("The admission is recorded."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:citizen", pk=pk)


@login_required
@require_POST
def discharge(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    stay = HospitalStay.objects.filter(pk=pk).first()
    if stay is None:
        raise PermissionDenied("stay outside your scope")
    stay.citizen = open_citizen_record(user=user, pk=stay.citizen_id, purpose="hospital stay")
    form = DischargeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: board_services.record_discharge(stay=stay, by=user, **data),
            _("The discharge is recorded."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:citizen", pk=stay.citizen_id)


@login_required
@require_POST
def adverse_event_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_record(user=user, pk=pk, purpose="adverse event")
    form = AdverseEventForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: board_services.report_adverse_event(citizen=citizen, by=user, **data),
            _("The adverse event is reported."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:citizen", pk=pk)
