# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The administrator's audit-log page: filterable, paginated, read-only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from naerhed.accounts.access import as_user, can_read_audit_log
from naerhed.audit.forms import AuditFilterForm
from naerhed.audit.models import AuditEvent
from naerhed.audit.queries import audit_events

PAGE_SIZE = 50


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can_read_audit_log(as_user(request.user)):
        raise PermissionDenied("only administrators read the audit log")
    form = AuditFilterForm(request.GET or None)
    page = Paginator(_filtered(form), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/log.html", {"form": form, "page": page, "query": query.urlencode()})


def _filtered(form: AuditFilterForm) -> QuerySet[AuditEvent]:
    """The events the filters ask for; none while the filters have errors."""
    if form.is_bound and not form.is_valid():
        return AuditEvent.objects.none()
    filters = form.cleaned_data if form.is_bound else {}
    return audit_events(
        username=filters.get("user") or "",
        action=filters.get("action") or "",
        citizen_id=filters.get("citizen"),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
