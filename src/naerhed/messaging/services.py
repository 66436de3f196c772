# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Named writes of messaging: opening a citizen's messages (audited) and recording their choice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction

from naerhed.accounts.access import can_set_message_preferences
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen
from naerhed.citizens.services import open_citizen_record
from naerhed.messaging.models import CitizenMessagePreference, Participation, Recipients

if TYPE_CHECKING:
    from naerhed.accounts.models import User


def open_citizen_messages(*, user: User, pk: int, purpose: str = "messages") -> Citizen:
    """The citizen whose messages ``user`` may read (scope as for the record); logged as VIEW or DENIED."""
    return open_citizen_record(user=user, pk=pk, purpose=purpose)


def open_preferences_for_edit(*, user: User, pk: int) -> Citizen:
    """The citizen whose message choice ``user`` may change (team leader, key person); DENIED is logged."""
    citizen = open_citizen_record(user=user, pk=pk, purpose="message preferences")
    if not can_set_message_preferences(user, citizen):
        record_event(
            user=user,
            action=Action.DENIED,
            object_type="message-preference",
            object_id=pk,
            citizen_id=pk,
            summary="only the team leader or the key person changes message preferences",
        )
        raise PermissionDenied("only the team leader or the key person changes message preferences")
    return citizen


def set_message_preference(
    *, citizen: Citizen, by: User, participation: str, recipients: str
) -> CitizenMessagePreference:
    """Record whether the citizen gets messages and who receives them; ValueError names a bad field."""
    if participation not in Participation.values:
        raise ValueError(f"participation: must be one of {', '.join(Participation.values)}")
    if recipients not in Recipients.values:
        raise ValueError(f"recipients: must be one of {', '.join(Recipients.values)}")
    with transaction.atomic():
        preference, created = CitizenMessagePreference.objects.select_for_update().get_or_create(
            citizen=citizen,
            defaults={"participation": participation, "recipients": recipients, "updated_by": by},
        )
        if not created:
            preference.participation, preference.recipients, preference.updated_by = (
                participation,
                recipients,
                by,
            )
            preference.save(update_fields=["participation", "recipients", "updated_by", "updated_at"])
        record_event(
            user=by,
            action=Action.CREATE if created else Action.UPDATE,
            object_type="message-preference",
            object_id=preference.pk,
            citizen_id=citizen.pk,
            summary=f"messages: {participation}, to: {recipients}",
        )
    return preference
