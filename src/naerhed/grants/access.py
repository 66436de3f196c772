# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Opening a citizen or a grant for the grant pages: needs assessors only, within their municipality.

The rule is ``accounts.access.can_write_grants`` (the same the API uses); every opening is logged as
VIEW and every refusal as DENIED. Unknown and out-of-scope ids are refused alike so they cannot be probed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from naerhed.accounts.access import can_write_grants, citizens_visible_to
from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen
from naerhed.citizens.services import open_citizen_record
from naerhed.grants.models import Grant


def require_grant_writer(
    user: User, *, object_type: str, object_id: object = "", citizen_id: int | None = None
) -> None:
    """PermissionDenied (logged) unless the user may write grants."""
    if can_write_grants(user):
        return
    record_event(
        user=user,
        action=Action.DENIED,
        object_type=object_type,
        object_id=object_id,
        citizen_id=citizen_id,
        summary="grant pages",
    )
    raise PermissionDenied("only needs assessors change grants")


def open_citizen_for_grants(*, user: User, pk: int, purpose: str) -> Citizen:
    """The citizen, for a needs assessor adding a grant; logged as VIEW, refusals as DENIED."""
    require_grant_writer(user, object_type="citizen", object_id=pk, citizen_id=pk)
    return open_citizen_record(user=user, pk=pk, purpose=purpose)


def open_grant_for_write(*, user: User, pk: int, purpose: str) -> Grant:
    """The grant, with its citizen and service, for a needs assessor to change or end."""
    grant = Grant.objects.select_related("service", "citizen", "citizen__team").filter(pk=pk).first()
    # The audit log names the citizen even for a refusal; the user is told nothing either way.
    citizen_id = grant.citizen_id if grant else None
    require_grant_writer(user, object_type="grant", object_id=pk, citizen_id=citizen_id)
    if grant is None or not citizens_visible_to(user).filter(pk=grant.citizen_id).exists():
        record_event(
            user=user,
            action=Action.DENIED,
            object_type="grant",
            object_id=pk,
            citizen_id=citizen_id,
            summary=purpose,
        )
        raise PermissionDenied("grant outside your scope")
    record_event(
        user=user,
        action=Action.VIEW,
        object_type="grant",
        object_id=pk,
        citizen_id=grant.citizen_id,
        summary=purpose,
    )
    return grant
