# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Changes that affect a citizen (new carer, new time, cancelled or undelivered visit), recorded once so
that notifications can be sent from them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from naerhed.visits.models import ChangeKind, CitizenChangeEvent, Visit

if TYPE_CHECKING:
    from naerhed.accounts.models import User


def record_change(
    *, visit: Visit, kind: ChangeKind, details: dict[str, Any], by: User | None
) -> CitizenChangeEvent:
    """Record one change to ``visit`` for its citizen. Call it inside the transaction that makes the change,
    so that the event exists exactly when the change does."""
    return CitizenChangeEvent.objects.create(
        citizen_id=visit.citizen_id, visit=visit, kind=kind, details=details, created_by=by
    )
