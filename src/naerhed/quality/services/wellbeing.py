# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Wellbeing conversations for vulnerable citizens without active relatives, the loneliness screening,
the catalogue of local activities and helpers, and referrals to them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen
from naerhed.quality import rules
from naerhed.quality.access import can_edit_catalogue, check_works_in
from naerhed.quality.models import (
    ActivityKind,
    LocalActivity,
    Referral,
    ReferralStatus,
    WellbeingConversation,
    WellbeingInterval,
    WellbeingPlan,
)
from naerhed.quality.services.audit_log import display_name, log_write


@transaction.atomic
def plan_wellbeing(
    *, citizen: Citizen, by: User, interval_months: int, today: dt.date | None = None
) -> WellbeingPlan:
    """Plan wellbeing conversations quarterly or half-yearly; the next one follows from the last held."""
    check_works_in(by, citizen.team_id)
    if interval_months not in WellbeingInterval.values:
        raise ValidationError({"interval_months": _("Choose every quarter or every half year.")})
    last = WellbeingConversation.objects.filter(citizen=citizen).order_by("-held_on").first()
    next_due = rules.next_wellbeing_due(
        last.held_on if last else None, interval_months, today or timezone.localdate()
    )
    plan, _created = WellbeingPlan.objects.update_or_create(
        citizen=citizen,
        defaults={"interval_months": interval_months, "next_due": next_due, "active": True, "created_by": by},
    )
    log_write(by, "wellbeing-plan", plan.pk, citizen.pk, f"planned every {interval_months} months")
    return plan


@transaction.atomic
def record_wellbeing_conversation(
    *,
    citizen: Citizen,
    by: User,
    held_on: dt.date,
    lacks_companionship: int,
    left_out: int,
    isolated: int,
    note: str = "",
) -> WellbeingConversation:
    """A conversation held, with the three loneliness questions; moves the plan's next date on."""
    check_works_in(by, citizen.team_id)
    answers = {"lacks_companionship": lacks_companionship, "left_out": left_out, "isolated": isolated}
    errors = {
        name: _("Choose one of the three answers.")
        for name, value in answers.items()
        if value not in (1, 2, 3)
    }
    if held_on > timezone.localdate():
        errors["held_on"] = _("The date is in the future.")
    if errors:
        raise ValidationError(errors)
    conversation = WellbeingConversation.objects.create(
        citizen=citizen,
        held_on=held_on,
        loneliness_score=rules.loneliness_score(lacks_companionship, left_out, isolated),
        note=note.strip(),
        held_by=by,
        held_by_name=display_name(by),
        **answers,
    )
    plan = WellbeingPlan.objects.filter(citizen=citizen, active=True).first()
    if plan is not None:
        plan.next_due = rules.add_months(held_on, plan.interval_months)
        plan.save(update_fields=["next_due"])
    log_write(by, "wellbeing-conversation", conversation.pk, citizen.pk, "created")
    return conversation


@transaction.atomic
def add_local_activity(
    *, by: User, name: str, kind: str, description: str = "", contact: str = "", area: str = ""
) -> LocalActivity:
    """A new entry in the user's municipality's catalogue of local activities and helpers."""
    if not can_edit_catalogue(by) or by.municipality is None:
        raise PermissionDenied("your role does not keep the catalogue")
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Give the activity a name.")
    elif LocalActivity.objects.filter(municipality=by.municipality, name__iexact=name.strip()).exists():
        errors["name"] = _("The catalogue has an activity of that name already.")
    if kind not in ActivityKind.values:
        errors["kind"] = _("Choose a kind of activity.")
    if errors:
        raise ValidationError(errors)
    activity = LocalActivity.objects.create(
        municipality=by.municipality,
        name=name.strip(),
        kind=kind,
        description=description.strip(),
        contact=contact.strip(),
        area=area.strip(),
    )
    record_event(
        user=by, action=Action.CREATE, object_type="local-activity", object_id=activity.pk, summary="created"
    )
    return activity


@transaction.atomic
def refer_to_activity(
    *, citizen: Citizen, activity: LocalActivity, by: User, note: str = "", referred_on: dt.date | None = None
) -> Referral:
    check_works_in(by, citizen.team_id)
    if not activity.active or activity.municipality_id != citizen.team.district.municipality_id:
        raise ValidationError({"activity": _("Choose an active activity in the citizen's municipality.")})
    referral = Referral.objects.create(
        citizen=citizen,
        activity=activity,
        referred_on=referred_on or timezone.localdate(),
        note=note.strip(),
        referred_by=by,
    )
    log_write(by, "referral", referral.pk, citizen.pk, "created")
    return referral


@transaction.atomic
def set_referral_status(*, referral: Referral, by: User, status: str) -> Referral:
    check_works_in(by, referral.citizen.team_id)
    if status not in ReferralStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    referral.status = status
    referral.save(update_fields=["status"])
    log_write(by, "referral", referral.pk, referral.citizen_id, f"status {status}")
    return referral
