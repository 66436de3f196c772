# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every write to a citizen's record, and every opening of one, goes through here and is audit-logged.

Audit summaries name the fields that changed, never their values and never the CPR number.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from naerhed.accounts.access import can_edit_profile, get_citizen_for
from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.fsiii import is_function_area
from naerhed.citizens.models import Citizen, FunctionLevel, GenderPreference

#: The profile fields a team may change from the record page.
PROFILE_FIELDS = ("wishes", "lives_alone", "memory_impairment", "gender_preference", "key_person")


def open_citizen_record(*, user: User, pk: int, purpose: str = "record") -> Citizen:
    """The citizen for reading, logged as VIEW; a refusal is logged as DENIED and raised."""
    try:
        citizen = get_citizen_for(user, pk)
    except PermissionDenied:
        _log_denied(user, pk, purpose)
        raise
    record_event(
        user=user, action=Action.VIEW, object_type="citizen", object_id=pk, citizen_id=pk, summary=purpose
    )
    return citizen


def open_citizen_for_edit(*, user: User, pk: int, purpose: str) -> Citizen:
    """The citizen for changing (team roles, own team only), logged as VIEW or DENIED."""
    citizen = open_citizen_record(user=user, pk=pk, purpose=purpose)
    if not can_edit_profile(user, citizen):
        _log_denied(user, pk, purpose)
        raise PermissionDenied("only the citizen's own team changes the profile")
    return citizen


@transaction.atomic
def update_citizen_profile(*, citizen: Citizen, by: User, **changes: Any) -> list[str]:
    """Change wishes, flags, gender preference and key person; returns the names of changed fields."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {', '.join(sorted(unknown))}")
    changed = [name for name, value in changes.items() if getattr(citizen, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(citizen, name, changes[name])
    _check_profile(citizen)
    citizen.save(update_fields=changed)
    record_event(
        user=by,
        action=Action.UPDATE,
        object_type="citizen",
        object_id=citizen.pk,
        citizen_id=citizen.pk,
        summary="profile: " + ", ".join(changed),
    )
    return changed


@transaction.atomic
def record_function_level(
    *, citizen: Citizen, code: str, level: int, assessed_on: dt.date, by: User
) -> FunctionLevel:
    """Add an assessment of one FSIII function area, assessed by the user (and their staff record)."""
    _check_assessment(code, level, assessed_on)
    assessment = FunctionLevel.objects.create(
        citizen=citizen,
        fsiii_code=code,
        level=level,
        assessed_on=assessed_on,
        assessor=by.staff,
        assessor_name=by.get_full_name() or by.username,
    )
    record_event(
        user=by,
        action=Action.CREATE,
        object_type="functionlevel",
        object_id=assessment.pk,
        citizen_id=citizen.pk,
        summary="function level assessed",
    )
    return assessment


def _check_profile(citizen: Citizen) -> None:
    if citizen.gender_preference not in GenderPreference.values:
        raise ValidationError({"gender_preference": _("Choose one of the listed preferences.")})
    if citizen.key_person is not None and citizen.key_person.team_id != citizen.team_id:
        raise ValidationError({"key_person": _("The key person must belong to the citizen's team.")})


def _check_assessment(code: str, level: int, assessed_on: dt.date) -> None:
    errors: dict[str, str] = {}
    if not is_function_area(code):
        errors["code"] = _("Not a Fælles Sprog III function area code.")
    if level not in FunctionLevel.Level.values:
        errors["level"] = _("A function level is 0–4, or 9 when not relevant.")
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = _("The assessment date is in the future.")
    if errors:
        raise ValidationError(errors)


def _log_denied(user: User, pk: int, purpose: str) -> None:
    record_event(
        user=user, action=Action.DENIED, object_type="citizen", object_id=pk, citizen_id=pk, summary=purpose
    )
