# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reading the audit log, filtered."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from naerhed.audit.models import AuditEvent
from naerhed.lib.dates import aware


def audit_events(
    *,
    username: str = "",
    action: str = "",
    citizen_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events newest first; dates are Copenhagen days, both ends inclusive."""
    events = AuditEvent.objects.all()
    if username:
        events = events.filter(username__icontains=username)
    if action:
        events = events.filter(action=action)
    if citizen_id is not None:
        events = events.filter(citizen_id=citizen_id)
    if date_from is not None:
        events = events.filter(at__gte=aware(date_from, dt.time.min))
    if date_to is not None:
        events = events.filter(at__lt=aware(date_to + dt.timedelta(days=1), dt.time.min))
    return events.order_by("-at", "-id")
