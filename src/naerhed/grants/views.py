# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The needs assessor's grant pages: add, change and end a grant from the citizen record, and the
overview of grants that need attention. Views parse, check access, call one service and render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from naerhed.accounts.access import as_user
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.grants import queries
from naerhed.grants.access import open_citizen_for_grants, open_grant_for_write, require_grant_writer
from naerhed.grants.forms import ALL_DAYS, EndGrantForm, GrantForm, months_ahead
from naerhed.grants.models import LawParagraph, Priority, Recurrence, Service
from naerhed.grants.services import create_grant, end_grant, update_grant

#: Delegated nursing is granted for this many months by default (the municipality time-limits it).
NURSING_DEFAULT_MONTHS = 3


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    user = as_user(request.user)
    require_grant_writer(user, object_type="grant-overview")
    data = queries.grant_overview(user, today=timezone.localdate())
    record_event(
        user=user,
        action=Action.VIEW,
        object_type="grant-overview",
        summary=f"{len(data.ending_soon)} ending soon, {len(data.nursing_open_ended)} §138 without end date",
    )
    return render(request, "grants/overview.html", {"overview": data, "days": queries.ENDING_SOON_DAYS})


@login_required
@require_http_methods(["GET", "POST"])
def grant_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_for_grants(user=user, pk=pk, purpose="grant form")
    form = GrantForm(request.POST or None, initial=_new_initial(request.GET.get("service")))
    if request.method == "POST" and form.is_valid():
        try:
            create_grant(citizen=citizen, by=user, **form.grant_fields())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The grant was added."))
            return redirect("citizens:detail", pk=citizen.pk)
    context = {"citizen": citizen, "form": form, **_form_context(form)}
    return render(request, "grants/grant_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def grant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    grant = open_grant_for_write(user=user, pk=pk, purpose="grant change form")
    title = str(grant)  # before a failed change leaves its values on the object
    form = GrantForm(request.POST or None, initial=GrantForm.initial_for(grant))
    if request.method == "POST" and form.is_valid():
        try:
            changed = update_grant(grant=grant, by=user, **form.grant_fields())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The grant was changed.") if changed else _("Nothing was changed."))
            return redirect("citizens:detail", pk=grant.citizen_id)
    context = {"citizen": grant.citizen, "grant": grant, "title": title, "form": form, **_form_context(form)}
    return render(request, "grants/grant_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def grant_end(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    grant = open_grant_for_write(user=user, pk=pk, purpose="grant end form")
    title = str(grant)
    # Today by default, or the first day of a grant that has not started yet.
    default_end = grant.ends_on or max(timezone.localdate(), grant.starts_on)
    form = EndGrantForm(request.POST or None, initial={"ends_on": default_end})
    if request.method == "POST" and form.is_valid():
        try:
            end_grant(grant=grant, by=user, ends_on=form.cleaned_data["ends_on"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The grant now ends on %(day)s.") % {"day": _day(grant.ends_on)})
            return redirect("citizens:detail", pk=grant.citizen_id)
    context = {"citizen": grant.citizen, "grant": grant, "title": title, "form": form}
    return render(request, "grants/grant_end.html", context, status=_status(form))


def _new_initial(service_id: str | None) -> dict[str, Any]:
    """A new grant starts today, every day; a service named in the query fills in its defaults."""
    today = timezone.localdate()
    initial: dict[str, Any] = {
        "starts_on": today,
        "recurrence": Recurrence.DAILY,
        "weekdays": [str(day) for day, flag in enumerate(ALL_DAYS) if flag == "1"],
        "priority": Priority.MUST,
    }
    wanted = int(service_id) if service_id and service_id.isdigit() else None
    service = Service.objects.filter(pk=wanted, active=True).first() if wanted else None
    if service is not None:
        initial |= {
            "service": service.pk,
            "duration": service.default_duration,
            "priority": service.default_priority,
            "two_carers": service.two_carers,
            "remote": service.remote,
        }
        if service.paragraph == LawParagraph.SUL_138:
            initial["ends_on"] = months_ahead(today, NURSING_DEFAULT_MONTHS)
    return initial


def _form_context(form: GrantForm) -> dict[str, Any]:
    """What the form's small script needs: each service's defaults and which are delegated nursing;
    and whether the chosen service is delegated nursing (the hint shows without the script too)."""
    defaults = {
        str(s.pk): {
            "nursing": s.paragraph == LawParagraph.SUL_138,
            "duration": s.default_duration,
            "priority": s.default_priority,
            "two_carers": s.two_carers,
            "remote": s.remote,
        }
        for s in queries.active_services()
    }
    chosen = defaults.get(str(form["service"].value()), {})
    return {
        "service_defaults": defaults,
        "nursing_months": NURSING_DEFAULT_MONTHS,
        "show_nursing_hint": bool(chosen.get("nursing")),
    }


def _day(day: dt.date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else ""


def _status(form: Form) -> int:
    """400 for a submitted form with errors, so that tools and tests see the refusal."""
    return 400 if form.is_bound and form.errors else 200
