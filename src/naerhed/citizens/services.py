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
from naerhed.citizens.models import CarerWish, CarerWishKind, Citizen, FunctionLevel, GenderPreference
from naerhed.workforce.models import StaffMember

#: The profile fields a team may change from the record page.
PROFILE_FIELDS = ("wishes", "lives_alone", "memory_impairment", "gender_preference", "key_person")
#: The carer wishes the profile form replaces, each a list of staff members.
WISH_FIELDS: dict[str, str] = {
    "preferred_carers": CarerWishKind.PREFERRED,
    "blocked_carers": CarerWishKind.BLOCKED,
}


def open_citizen_record(*, user: User, pk: int, purpose: str = "record") -> Citizen:
    """The citizen for reading, logged as VIEW; a refusal is logged as DENIED and raised."""
    return _open(user, pk, purpose, edit=False)


def open_citizen_for_edit(*, user: User, pk: int, purpose: str) -> Citizen:
    """The citizen for changing (team roles, own team only), logged as VIEW or DENIED."""
    return _open(user, pk, purpose, edit=True)


def _open(user: User, pk: int, purpose: str, *, edit: bool) -> Citizen:
    try:
        citizen = get_citizen_for(user, pk)
        if edit and not can_edit_profile(user, citizen):
            raise PermissionDenied("only the citizen's own team changes the profile")
    except PermissionDenied:
        record_event(
            user=user,
            action=Action.DENIED,
            object_type="citizen",
            object_id=pk,
            citizen_id=pk,
            summary=purpose,
        )
        raise
    record_event(
        user=user, action=Action.VIEW, object_type="citizen", object_id=pk, citizen_id=pk, summary=purpose
    )
    return citizen


@transaction.atomic
def update_citizen_profile(*, citizen: Citizen, by: User, **changes: Any) -> list[str]:
    """Change wishes, flags, gender preference, key person and the preferred and blocked carers.

    Takes any of PROFILE_FIELDS and WISH_FIELDS (lists of staff); returns the names of the changed ones.
    """
    unknown = set(changes) - set(PROFILE_FIELDS) - set(WISH_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {', '.join(sorted(unknown))}")
    wishes = {name: list(changes.pop(name)) for name in WISH_FIELDS if name in changes}
    changed = [name for name, value in changes.items() if getattr(citizen, name) != value]
    for name in changed:
        setattr(citizen, name, changes[name])
    _check_profile(citizen, wishes)
    if changed:
        citizen.save(update_fields=changed)
    changed += _set_carer_wishes(citizen, wishes)
    if changed:
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
    # A changed function level makes a start-up conversation due (naerhed.quality).
    from naerhed.quality.services.conversations import conversation_due_for_function_level

    conversation_due_for_function_level(assessment=assessment, by=by)
    return assessment


def _check_profile(citizen: Citizen, wishes: dict[str, list[StaffMember]]) -> None:
    if citizen.gender_preference not in GenderPreference.values:
        raise ValidationError({"gender_preference": _("Choose one of the listed preferences.")})
    if citizen.key_person is not None and citizen.key_person.team_id != citizen.team_id:
        raise ValidationError({"key_person": _("The key person must belong to the citizen's team.")})
    if wishes and _wished(citizen, wishes, "preferred_carers") & _wished(citizen, wishes, "blocked_carers"):
        raise ValidationError({"blocked_carers": _("A carer cannot be both preferred and blocked.")})


def _wished(citizen: Citizen, wishes: dict[str, list[StaffMember]], name: str) -> set[int]:
    """The staff ids of one kind of wish after the change (the given list, or what is stored)."""
    if name in wishes:
        return {member.pk for member in wishes[name]}
    return set(citizen.carer_wishes.filter(kind=WISH_FIELDS[name]).values_list("staff_id", flat=True))


def _set_carer_wishes(citizen: Citizen, wishes: dict[str, list[StaffMember]]) -> list[str]:
    """Replace the wished-for carers of each given kind; those who stay keep their rank and reason."""
    kinds = {WISH_FIELDS[name] for name in wishes}
    wanted = {(WISH_FIELDS[name], member.pk) for name, staff in wishes.items() for member in staff}
    existing = [w for w in citizen.carer_wishes.all() if w.kind in kinds]
    stale = [w for w in existing if (w.kind, w.staff_id) not in wanted]
    CarerWish.objects.filter(pk__in=[w.pk for w in stale]).delete()
    kept = [w for w in existing if w not in stale]
    new = sorted(wanted - {(w.kind, w.staff_id) for w in kept})
    next_rank = {kind: 1 + max((w.rank for w in kept if w.kind == kind), default=0) for kind in kinds}
    for kind, staff_id in new:
        CarerWish.objects.create(citizen=citizen, staff_id=staff_id, kind=kind, rank=next_rank[kind])
        next_rank[kind] += 1
    touched = {kind for kind, _staff in new} | {w.kind for w in stale}
    return [name for name, kind in WISH_FIELDS.items() if kind in touched]


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
