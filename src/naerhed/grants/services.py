# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every write to a grant: validated by the model's ``full_clean`` and audit-logged in one transaction.

Validation errors name the field (``ends_on``, ``weekdays``, ``service_id``); audit summaries name
the fields that changed, never their values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant, Service

#: The fields a grant write may set; the citizen and the audit fields are fixed.
GRANT_FIELDS = frozenset(
    {
        "service_id",
        "starts_on",
        "ends_on",
        "recurrence",
        "weekdays",
        "interval_days",
        "window_start",
        "window_end",
        "duration",
        "weekly_minutes",
        "priority",
        "two_carers",
        "remote",
        "note",
    }
)


@transaction.atomic
def create_grant(*, citizen: Citizen, by: User, **fields: Any) -> Grant:
    """Grant the citizen a service; ``service_id`` must name an active service."""
    _check_field_names(fields)
    if "service_id" in fields:
        _check_service(fields["service_id"])
    grant = Grant(citizen=citizen, granted_by=by, **fields)
    _full_clean(grant)
    grant.save()
    summary = f"grant of service {grant.service_id}"
    _record(by, Action.CREATE, grant, summary)
    return grant


@transaction.atomic
def update_grant(*, grant: Grant, by: User, **changes: Any) -> list[str]:
    """Change some of a grant's fields; returns the names of those that changed."""
    _check_field_names(changes)
    changed = [name for name, value in changes.items() if getattr(grant, name) != value]
    if not changed:
        return []
    if "service_id" in changed:
        _check_service(changes["service_id"])
    for name in changed:
        setattr(grant, name, changes[name])
    _full_clean(grant)
    grant.save(update_fields=changed)
    _record(by, Action.UPDATE, grant, "changed: " + ", ".join(changed))
    return changed


def end_grant(*, grant: Grant, by: User, ends_on: dt.date) -> list[str]:
    """Time-limit a grant: its last day becomes ``ends_on`` (inclusive)."""
    return update_grant(grant=grant, by=by, ends_on=ends_on)


def _check_field_names(fields: dict[str, Any]) -> None:
    unknown = set(fields) - GRANT_FIELDS
    if unknown:
        raise ValueError(f"not grant fields: {', '.join(sorted(unknown))}")


def _check_service(service_id: int) -> None:
    if not Service.objects.filter(pk=service_id, active=True).exists():
        raise ValidationError({"service_id": _("No active service has this id.")})


def _full_clean(grant: Grant) -> None:
    """The model's validation, with the service error under the name writers use (``service_id``)."""
    try:
        grant.full_clean()
    except ValidationError as exc:
        errors = exc.message_dict
        if "service" in errors:
            errors["service_id"] = errors.pop("service")
        raise ValidationError(errors) from exc


def _record(by: User, action: Action, grant: Grant, summary: str) -> None:
    record_event(
        user=by,
        action=action,
        object_type="grant",
        object_id=grant.pk,
        citizen_id=grant.citizen_id,
        summary=summary,
    )
