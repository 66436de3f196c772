# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A citizen's messages (every one, with its status) and the form for their choice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from naerhed.accounts.access import as_user, can_set_message_preferences
from naerhed.messaging import queries
from naerhed.messaging.forms import MessagePreferenceForm
from naerhed.messaging.services import (
    open_citizen_messages,
    open_preferences_for_edit,
    set_message_preference,
)

PAGE_SIZE = 100


@login_required
@require_GET
def citizen_messages(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_messages(user=user, pk=pk)
    page = Paginator(queries.citizen_messages(citizen), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(message, queries.kind_label(message.kind)) for message in page.object_list]
    context = {
        "citizen": citizen,
        "overview": queries.message_overview(citizen),
        "page": page,
        "rows": rows,
        "can_edit": can_set_message_preferences(user, citizen),
    }
    return render(request, "messaging/citizen_messages.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def preference_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_preferences_for_edit(user=user, pk=pk)
    current = queries.message_overview(citizen).preference
    initial = {"participation": current.participation, "recipients": current.recipients}
    form = MessagePreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        set_message_preference(citizen=citizen, by=user, **form.cleaned_data)
        messages.success(request, _("The choice about messages was saved."))
        return redirect("messaging:citizen_messages", pk=citizen.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "messaging/preference_form.html", {"citizen": citizen, "form": form}, status=status
    )
