# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Start-up conversations: made due when a new citizen's first visit is planned or a function level
changes, planned like a visit, recorded, scored; and the rehab goals agreed in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from naerhed.accounts.models import User
from naerhed.citizens.models import Citizen, FunctionLevel, Relative
from naerhed.grants.models import Grant, LawParagraph
from naerhed.quality import rules
from naerhed.quality.access import check_works_in
from naerhed.quality.models import (
    OPEN_CONVERSATION,
    SCORE_FIELDS,
    ConversationReason,
    ConversationScore,
    ConversationStatus,
    GoalKind,
    GoalStatus,
    RehabGoal,
    ScorePhase,
    StartupConversation,
)
from naerhed.quality.services import conversation_visit
from naerhed.quality.services.audit_log import log_write
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import StaffMember

#: The fields of the conversation's structured record, in the order the page shows them.
RECORD_FIELDS = (
    "nursing_assessment",
    "manages_alone",
    "goals",
    "relatives_network",
    "end_of_life_wishes",
    "who_does_what",
)


def is_elderly_act(citizen: Citizen, on: dt.date) -> bool:
    """Whether the citizen has an Elderly Act care course (helhedspleje) on the day."""
    grants = Grant.objects.filter(
        citizen=citizen, service__paragraph=LawParagraph.ELDERLY_ACT, starts_on__lte=on
    )
    return grants.exclude(ends_on__lt=on).exists()


def _make_due(
    citizen: Citizen, reason: ConversationReason, triggered_on: dt.date, by: User | None
) -> StartupConversation:
    window = rules.conversation_window(triggered_on)
    conversation = StartupConversation.objects.create(
        citizen=citizen,
        team_id=citizen.team_id,
        reason=reason,
        triggered_on=triggered_on,
        earliest_date=window.earliest,
        due_date=window.due,
        elderly_act=is_elderly_act(citizen, triggered_on),
        key_person_id=citizen.key_person_id,
    )
    log_write(by, "startup-conversation", conversation.pk, citizen.pk, f"created: due ({reason})")
    return conversation


@transaction.atomic
def conversation_due_for_first_visit(
    *, citizen: Citizen, first_visit_on: dt.date, by: User | None
) -> StartupConversation | None:
    """A new citizen's start-up conversation, due 1–7 days after the first visit (once per citizen)."""
    if not rules.is_new_citizen(citizen.started_on, first_visit_on):
        return None
    if StartupConversation.objects.filter(citizen=citizen, reason=ConversationReason.NEW_CITIZEN).exists():
        return None
    return _make_due(citizen, ConversationReason.NEW_CITIZEN, first_visit_on, by)


def conversations_due_after_planning(
    *, visit_ids: Iterable[int], by: User | None
) -> list[StartupConversation]:
    """After visits were planned (a plan published): a conversation for each new citizen among them
    whose first planned visit this is. Idempotent."""
    citizen_ids = set(
        Visit.objects.filter(pk__in=list(visit_ids), planned_start__isnull=False).values_list(
            "citizen_id", flat=True
        )
    )
    firsts = (
        Visit.objects.filter(citizen_id__in=citizen_ids, planned_start__isnull=False)
        .exclude(status=VisitStatus.CANCELLED)
        .values("citizen_id")
        .annotate(first=Min("date"))
    )
    first_by_citizen = {row["citizen_id"]: row["first"] for row in firsts}
    made = []
    for citizen in Citizen.objects.filter(pk__in=first_by_citizen, ended_on__isnull=True):
        conversation = conversation_due_for_first_visit(
            citizen=citizen, first_visit_on=first_by_citizen[citizen.pk], by=by
        )
        if conversation is not None:
            made.append(conversation)
    return made


@transaction.atomic
def conversation_due_for_function_level(
    *, assessment: FunctionLevel, by: User | None
) -> StartupConversation | None:
    """A conversation due 1–7 days after an assessment that changed a function level (the first
    assessment of an area is no change). One open conversation per citizen is enough."""
    previous = (
        FunctionLevel.objects.filter(citizen_id=assessment.citizen_id, fsiii_code=assessment.fsiii_code)
        .exclude(pk=assessment.pk)
        .filter(assessed_on__lte=assessment.assessed_on)
        .order_by("-assessed_on", "-pk")
        .first()
    )
    if previous is None or previous.level == assessment.level:
        return None
    if StartupConversation.objects.filter(
        citizen_id=assessment.citizen_id, status__in=OPEN_CONVERSATION
    ).exists():
        return None
    return _make_due(assessment.citizen, ConversationReason.FUNCTION_LEVEL, assessment.assessed_on, by)


@transaction.atomic
def plan_conversation(
    *,
    conversation: StartupConversation,
    by: User,
    planned_start: dt.datetime,
    duration: int,
    key_person: StaffMember | None,
    other_staff: Iterable[StaffMember] = (),
    relatives: Iterable[Relative] = (),
) -> StartupConversation:
    """Plan (or re-plan) the conversation like a visit: a time, the key person, optionally a nurse or
    therapist, and the relatives invited. The conversation becomes a visit on the key person's route
    (and the nurse's or therapist's) in the plan in force; if it does not fit there, nothing is saved
    and the ValidationError says why."""
    check_works_in(by, conversation.team_id)
    others, invited = list(other_staff), list(relatives)
    errors = _plan_errors(conversation, planned_start, duration, key_person, others)
    if any(relative.citizen_id != conversation.citizen_id for relative in invited):
        errors["relatives"] = _("Invite only the citizen's own relatives and network.")
    if errors:
        raise ValidationError(errors)
    assert key_person is not None
    conversation.planned_start, conversation.duration = planned_start, duration
    conversation.key_person, conversation.status = key_person, ConversationStatus.PLANNED
    conversation.save(update_fields=["planned_start", "duration", "key_person", "status", "updated_at"])
    conversation.other_staff.set(others)
    conversation.relatives_invited.set(invited)
    conversation_visit.place_visit(conversation=conversation, by=by, carers=[key_person, *others])
    log_write(by, "startup-conversation", conversation.pk, conversation.citizen_id, "planned")
    return conversation


def _plan_errors(
    conversation: StartupConversation,
    planned_start: dt.datetime,
    duration: int,
    key_person: StaffMember | None,
    others: list[StaffMember],
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not conversation.is_open:
        errors["status"] = _("Only a conversation that has not been held can be planned.")
    if planned_start < timezone.now():
        errors["planned_start"] = _("The time has passed; choose a time ahead.")
    if not 10 <= duration <= 180:
        errors["duration"] = _("A conversation lasts 10–180 minutes.")
    if key_person is None:
        errors["key_person"] = _("Choose the key person; the conversation goes on their route.")
    elif key_person.team_id != conversation.team_id:
        errors["key_person"] = _("The key person must belong to the citizen's team.")
    if len(others) > 1:
        errors["other_staff"] = _("Choose at most one nurse or therapist.")
    elif others and others[0].team_id != conversation.team_id:
        errors["other_staff"] = _("The nurse or therapist must belong to the citizen's team.")
    elif others and key_person is not None and others[0].pk == key_person.pk:
        errors["other_staff"] = _("The nurse or therapist must be someone other than the key person.")
    return errors


@transaction.atomic
def record_conversation(
    *,
    conversation: StartupConversation,
    by: User,
    held_at: dt.datetime,
    follow_up_on: dt.date | None,
    **record: str,
) -> StartupConversation:
    """Write the conversation's structured record and mark it held."""
    check_works_in(by, conversation.team_id)
    unknown = set(record) - set(RECORD_FIELDS)
    if unknown:
        raise ValueError(f"not record fields: {', '.join(sorted(unknown))}")
    errors: dict[str, str] = {}
    if conversation.status == ConversationStatus.CANCELLED:
        errors["status"] = _("The conversation was cancelled.")
    if held_at > timezone.now():
        errors["held_at"] = _("The conversation cannot be held in the future.")
    if not any(value.strip() for value in record.values()):
        errors["nursing_assessment"] = _("Write at least the part of the record you talked about.")
    if follow_up_on is not None and follow_up_on < held_at.date():
        errors["follow_up_on"] = _("The follow-up is before the conversation.")
    if errors:
        raise ValidationError(errors)
    for name, value in record.items():
        setattr(conversation, name, value.strip())
    conversation.held_at, conversation.follow_up_on = held_at, follow_up_on
    conversation.status = ConversationStatus.HELD
    conversation.save()
    conversation_visit.deliver_visit(conversation=conversation, by=by)
    log_write(
        by,
        "startup-conversation",
        conversation.pk,
        conversation.citizen_id,
        "held: " + ", ".join(sorted(record)),
    )
    return conversation


@transaction.atomic
def cancel_conversation(*, conversation: StartupConversation, by: User) -> StartupConversation:
    check_works_in(by, conversation.team_id)
    if not conversation.is_open:
        raise ValidationError({"status": _("Only a conversation that has not been held can be cancelled.")})
    conversation.status = ConversationStatus.CANCELLED
    conversation.save(update_fields=["status", "updated_at"])
    conversation_visit.cancel_visit(conversation=conversation, by=by)
    log_write(by, "startup-conversation", conversation.pk, conversation.citizen_id, "cancelled")
    return conversation


@transaction.atomic
def record_scores(
    *,
    conversation: StartupConversation,
    phase: ScorePhase,
    by: User,
    answered_on: dt.date,
    scores: dict[str, int],
) -> ConversationScore:
    """The citizen's four answers (1–10) at the start or at follow-up; a second entry replaces the first."""
    check_works_in(by, conversation.team_id)
    errors = {
        name: _("Give a score from 1 to 10.") for name in SCORE_FIELDS if not 1 <= scores.get(name, 0) <= 10
    }
    if conversation.status != ConversationStatus.HELD:
        errors["phase"] = _("Record the conversation before its scores.")
    elif phase == ScorePhase.FOLLOW_UP and not conversation.scores.filter(phase=ScorePhase.START).exists():
        errors["phase"] = _("Record the scores at the start before the follow-up.")
    if answered_on > timezone.localdate():
        errors["answered_on"] = _("The date is in the future.")
    if errors:
        raise ValidationError(errors)
    values = {name: scores[name] for name in SCORE_FIELDS}
    score, _created = ConversationScore.objects.update_or_create(
        conversation=conversation,
        phase=phase,
        defaults={**values, "recorded_on": answered_on, "recorded_by": by},
    )
    log_write(by, "conversation-score", score.pk, conversation.citizen_id, f"scores {phase}")
    return score


@transaction.atomic
def add_rehab_goal(
    *,
    citizen: Citizen,
    by: User,
    text: str,
    kind: GoalKind,
    set_on: dt.date,
    target_date: dt.date | None = None,
    conversation: StartupConversation | None = None,
) -> RehabGoal:
    check_works_in(by, citizen.team_id)
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = _("Describe the goal in the citizen's own words.")
    if kind not in GoalKind.values:
        errors["kind"] = _("Choose developing or maintaining.")
    if target_date is not None and target_date < set_on:
        errors["target_date"] = _("The goal's date is before it was set.")
    if conversation is not None and conversation.citizen_id != citizen.pk:
        errors["conversation"] = _("The conversation is another citizen's.")
    if errors:
        raise ValidationError(errors)
    goal = RehabGoal.objects.create(
        citizen=citizen,
        conversation=conversation,
        text=text.strip(),
        kind=kind,
        set_on=set_on,
        target_date=target_date,
        created_by=by,
    )
    log_write(by, "rehab-goal", goal.pk, citizen.pk, "created")
    return goal


@transaction.atomic
def close_rehab_goal(*, goal: RehabGoal, by: User, status: GoalStatus, closed_on: dt.date) -> RehabGoal:
    check_works_in(by, goal.citizen.team_id)
    if status == GoalStatus.ACTIVE or status not in GoalStatus.values:
        raise ValidationError({"status": _("Choose how the goal ended.")})
    if closed_on < goal.set_on:
        raise ValidationError({"closed_on": _("The goal cannot end before it was set.")})
    goal.status, goal.closed_on = status, closed_on
    goal.save(update_fields=["status", "closed_on"])
    log_write(by, "rehab-goal", goal.pk, goal.citizen_id, f"closed: {status}")
    return goal
