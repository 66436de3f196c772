# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The team's view of a citizen's klippekort, with corrections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from naerhed.accounts.access import as_user
from naerhed.citizens.services import open_citizen_record
from naerhed.klippekort.access import can_correct
from naerhed.klippekort.forms import CorrectionForm
from naerhed.klippekort.periods import ledger_period, parse_until
from naerhed.klippekort.queries import ledger
from naerhed.klippekort.services import record_correction, sync_ledger


@login_required
@require_http_methods(["GET", "POST"])
def citizen_ledger(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_record(user=user, pk=pk, purpose="klippekort")
    may_correct = can_correct(user, citizen)
    today = timezone.localdate()
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_correct:
            raise PermissionDenied("only the citizen's team or a needs assessor corrects the klippekort")
        if form.is_valid():
            try:
                record_correction(citizen=citizen, by=user, today=today, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The correction was recorded."))
                return redirect("klippekort:citizen", pk=citizen.pk)
    sync_ledger(citizen=citizen, today=today)
    context = {
        "citizen": citizen,
        "ledger": ledger(citizen, today=today, with_entries=False),
        "period": ledger_period(citizen, today=today, until=parse_until(request.GET.get("til"), today=today)),
        "form": form,
        "may_correct": may_correct,
    }
    return render(request, "klippekort/citizen.html", context, status=400 if form.errors else 200)
