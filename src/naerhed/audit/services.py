# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Writing to the audit log: the only way events are created."""

from __future__ import annotations

from typing import TYPE_CHECKING

from naerhed.audit.context import current_request
from naerhed.audit.models import Action, AuditEvent

if TYPE_CHECKING:
    from naerhed.accounts.models import User


def record_event(
    *,
    user: User | None,
    action: Action,
    object_type: str,
    object_id: object = "",
    citizen_id: int | None = None,
    summary: str = "",
) -> AuditEvent:
    """Append one event, taking the origin (IP, path, channel) from the current request."""
    ctx = current_request.get()
    return AuditEvent.objects.create(
        user=user,
        username=user.username if user else "",
        role=user.role if user else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:50],
        citizen_id=citizen_id,
        summary=summary[:300],
        ip_address=ctx.ip_address,
        path=ctx.path,
        channel=ctx.channel,
    )
