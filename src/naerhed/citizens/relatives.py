# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Relatives and network on a citizen's record: added, changed and removed by the citizen's own team.

Each write is audit-logged with the fields that changed, never their values. A citizen has at most
one primary contact; consent to share information needs the date it was given.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen, Relative
from naerhed.lib import phone as lib_phone

FIELDS = ("name", "relation", "phone", "email", "consent_to_share", "consent_recorded_on", "is_primary")


def normalise_phone(raw: str) -> str:
    """A Danish phone number as the SMS gateways take it (``+45`` and eight digits); empty stays empty."""
    if not raw.strip():
        return ""
    try:
        return lib_phone.normalise_phone(raw)
    except lib_phone.InvalidPhone:
        raise ValidationError(
            {"phone": _("Write a Danish phone number with 8 digits, e.g. 20 30 40 50.")}
        ) from None


@transaction.atomic
def save_relative(*, citizen: Citizen, by: User, relative: Relative | None = None, **values: Any) -> Relative:
    """Add a relative to ``citizen`` (``relative`` None) or change one of theirs; returns it."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"not relative fields: {', '.join(sorted(unknown))}")
    if relative is not None and relative.citizen_id != citizen.pk:
        raise ValidationError(_("That relative belongs to another citizen."))
    if "phone" in values:
        values["phone"] = normalise_phone(values["phone"])
    target = relative or Relative(citizen=citizen)
    changed = [name for name, value in values.items() if getattr(target, name) != value]
    for name in changed:
        setattr(target, name, values[name])
    if not target.consent_to_share:
        target.consent_recorded_on = None
    target.full_clean()
    if target.is_primary:
        Relative.objects.filter(citizen=citizen, is_primary=True).exclude(pk=target.pk).update(
            is_primary=False
        )
    created = target.pk is None
    target.save()
    if created or changed:
        record_event(
            user=by,
            action=Action.CREATE if created else Action.UPDATE,
            object_type="relative",
            object_id=target.pk,
            citizen_id=citizen.pk,
            summary="relative added" if created else "relative: " + ", ".join(changed),
        )
    return target


@transaction.atomic
def remove_relative(*, citizen: Citizen, relative: Relative, by: User) -> None:
    """Remove one of ``citizen``'s relatives."""
    if relative.citizen_id != citizen.pk:
        raise ValidationError(_("That relative belongs to another citizen."))
    pk = relative.pk
    relative.delete()
    record_event(
        user=by,
        action=Action.DELETE,
        object_type="relative",
        object_id=pk,
        citizen_id=citizen.pk,
        summary="relative removed",
    )
