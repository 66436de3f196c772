# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Board meetings (tavlemøder): the meeting and its roles, triage colours, decisions and actions, and the
events the agenda is built from (hospital stays, adverse events)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen
from naerhed.organisation.models import Team
from naerhed.quality.access import check_works_in
from naerhed.quality.models import (
    AdverseEvent,
    BoardAction,
    BoardMeeting,
    HospitalStay,
    TriageAssessment,
    TriageColour,
)
from naerhed.quality.services.audit_log import display_name, log_write
from naerhed.workforce.models import StaffMember


@transaction.atomic
def open_board_meeting(*, team: Team, date: dt.date, by: User) -> BoardMeeting:
    """The team's meeting on the day, created the first time someone of the team opens it."""
    check_works_in(by, team.pk)
    meeting, created = BoardMeeting.objects.get_or_create(team=team, date=date, defaults={"created_by": by})
    if created:
        record_event(
            user=by,
            action=Action.CREATE,
            object_type="board-meeting",
            object_id=meeting.pk,
            summary=str(date),
        )
    return meeting


def _check_member(team_id: int, member: StaffMember | None, field: str) -> None:
    if member is not None and member.team_id != team_id:
        raise ValidationError({field: _("Choose someone from the team.")})


@transaction.atomic
def set_meeting_roles(
    *,
    meeting: BoardMeeting,
    by: User,
    captain: StaffMember | None,
    note_taker: StaffMember | None,
    notes: str,
) -> BoardMeeting:
    check_works_in(by, meeting.team_id)
    _check_member(meeting.team_id, captain, "captain")
    _check_member(meeting.team_id, note_taker, "note_taker")
    meeting.captain, meeting.note_taker, meeting.notes = captain, note_taker, notes.strip()
    meeting.save(update_fields=["captain", "note_taker", "notes"])
    record_event(
        user=by,
        action=Action.UPDATE,
        object_type="board-meeting",
        object_id=meeting.pk,
        summary="roles and notes",
    )
    return meeting


@transaction.atomic
def set_triage_colour(
    *,
    citizen: Citizen,
    colour: str,
    by: User,
    reason: str = "",
    meeting: BoardMeeting | None = None,
    at: dt.datetime | None = None,
) -> TriageAssessment:
    """Set (or confirm) the citizen's colour; every setting is kept as history."""
    check_works_in(by, citizen.team_id)
    if colour not in TriageColour.values:
        raise ValidationError({"colour": _("Choose green, yellow or red.")})
    if colour != TriageColour.GREEN and not reason.strip():
        raise ValidationError({"reason": _("Say why the citizen is yellow or red.")})
    if meeting is not None and meeting.team_id != citizen.team_id:
        raise ValidationError({"meeting": _("The meeting is another team's.")})
    assessment = TriageAssessment.objects.create(
        citizen=citizen,
        colour=colour,
        reason=reason.strip(),
        set_at=at or timezone.now(),
        meeting=meeting,
        set_by=by,
        set_by_name=display_name(by),
    )
    log_write(by, "triage", assessment.pk, citizen.pk, f"colour {colour}")
    return assessment


@transaction.atomic
def add_board_action(
    *,
    meeting: BoardMeeting,
    by: User,
    text: str,
    owner: StaffMember,
    due_date: dt.date,
    citizen: Citizen | None = None,
) -> BoardAction:
    """A decision or action with an owner from the team and a due date."""
    check_works_in(by, meeting.team_id)
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = _("Write the decision or action.")
    if owner.team_id != meeting.team_id:
        errors["owner"] = _("Choose someone from the team.")
    if due_date < meeting.date:
        errors["due_date"] = _("The due date is before the meeting.")
    if citizen is not None and citizen.team_id != meeting.team_id:
        errors["citizen"] = _("The citizen is another team's.")
    if errors:
        raise ValidationError(errors)
    action = BoardAction.objects.create(
        meeting=meeting, citizen=citizen, text=text.strip(), owner=owner, due_date=due_date, created_by=by
    )
    log_write(by, "board-action", action.pk, citizen.pk if citizen else None, "created")
    return action


@transaction.atomic
def complete_board_action(*, action: BoardAction, by: User, at: dt.datetime | None = None) -> BoardAction:
    check_works_in(by, action.meeting.team_id)
    if action.done_at is not None:
        raise ValidationError({"done_at": _("The action is done already.")})
    action.done_at = at or timezone.now()
    action.save(update_fields=["done_at"])
    log_write(by, "board-action", action.pk, action.citizen_id, "done")
    return action


@transaction.atomic
def record_admission(
    *, citizen: Citizen, by: User, admitted_on: dt.date, loss_of_function: bool = False, note: str = ""
) -> HospitalStay:
    check_works_in(by, citizen.team_id)
    if admitted_on > timezone.localdate():
        raise ValidationError({"admitted_on": _("The date is in the future.")})
    if HospitalStay.objects.filter(citizen=citizen, discharged_on__isnull=True).exists():
        raise ValidationError(
            {"admitted_on": _("The citizen is admitted already; record the discharge first.")}
        )
    stay = HospitalStay.objects.create(
        citizen=citizen,
        admitted_on=admitted_on,
        loss_of_function=loss_of_function,
        note=note.strip(),
        recorded_by=by,
    )
    log_write(by, "hospital-stay", stay.pk, citizen.pk, "created: admitted")
    return stay


@transaction.atomic
def record_discharge(
    *, stay: HospitalStay, by: User, discharged_on: dt.date, loss_of_function: bool
) -> HospitalStay:
    check_works_in(by, stay.citizen.team_id)
    if stay.discharged_on is not None:
        raise ValidationError({"discharged_on": _("The discharge is recorded already.")})
    if discharged_on < stay.admitted_on or discharged_on > timezone.localdate():
        raise ValidationError({"discharged_on": _("The discharge must be between the admission and today.")})
    stay.discharged_on, stay.loss_of_function = discharged_on, loss_of_function
    stay.save(update_fields=["discharged_on", "loss_of_function"])
    log_write(by, "hospital-stay", stay.pk, stay.citizen_id, "discharged")
    return stay


@transaction.atomic
def report_adverse_event(
    *, citizen: Citizen, by: User, occurred_on: dt.date, description: str
) -> AdverseEvent:
    check_works_in(by, citizen.team_id)
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = _("Describe what happened.")
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = _("The date is in the future.")
    if errors:
        raise ValidationError(errors)
    event = AdverseEvent.objects.create(
        citizen=citizen, occurred_on=occurred_on, description=description.strip(), reported_by=by
    )
    log_write(by, "adverse-event", event.pk, citizen.pk, "created")
    return event
