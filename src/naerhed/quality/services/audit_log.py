# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The audit entry every quality write leaves: which record, which citizen, what kind of change."""

from __future__ import annotations

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event


def log_write(
    user: User | None, object_type: str, object_id: int, citizen_id: int | None, summary: str
) -> None:
    record_event(
        user=user,
        action=Action.CREATE if summary.startswith("created") else Action.UPDATE,
        object_type=object_type,
        object_id=object_id,
        citizen_id=citizen_id,
        summary=summary,
    )


def display_name(user: User) -> str:
    if user.staff is not None:
        return user.staff.full_name
    return user.get_full_name() or user.username
