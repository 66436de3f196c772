# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Care quality in the JSON API (``/api/v1/quality/``): start-up conversations, observations and TOBS,
triage colours, the board meeting's agenda and actions, wellbeing conversations.

The scope is the pages': reads for the roles that read records, writes for the citizen's own team.
Every call that reads or changes a citizen is audit-logged.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut, FieldErrorsOut
from naerhed.api.schemas import LocalDateTime
from naerhed.citizens.services import open_citizen_record
from naerhed.quality import queries
from naerhed.quality.access import get_team_to_read
from naerhed.quality.models import (
    BoardMeeting,
    Consciousness,
    ConversationReason,
    ConversationStatus,
    ObservationArea,
    ScorePhase,
    StartupConversation,
    TriageAssessment,
    TriageColour,
)
from naerhed.quality.services import board as board_services
from naerhed.quality.services import conversations as conversation_services
from naerhed.quality.services import observations as observation_services
from naerhed.quality.services import wellbeing as wellbeing_services
from naerhed.quality.views.common import log_list_view
from naerhed.workforce.models import StaffMember

router = Router(tags=["care quality"])


class ConversationOut(Schema):
    id: int
    citizen_id: int
    team_id: int
    reason: ConversationReason
    status: ConversationStatus
    triggered_on: dt.date
    earliest_date: dt.date
    due_date: dt.date
    overdue: bool
    elderly_act: bool
    planned_start: LocalDateTime | None
    held_at: LocalDateTime | None
    key_person_id: int | None
    visit_id: int | None = Field(None, description="The visit that puts the conversation on the route.")

    @staticmethod
    def resolve_overdue(obj: StartupConversation) -> bool:
        return obj.is_overdue(timezone.localdate())


class PlanIn(Schema):
    planned_start: dt.datetime
    duration: int = Field(45, ge=10, le=180)
    key_person_id: int | None = Field(None, description="Required: the conversation goes on their route.")
    other_staff_ids: list[int] = Field([], description="At most one nurse or therapist (a second carer).")
    relative_ids: list[int] = []


class RecordIn(Schema):
    held_at: dt.datetime
    nursing_assessment: str = ""
    manages_alone: str = ""
    goals: str = ""
    relatives_network: str = ""
    end_of_life_wishes: str = ""
    who_does_what: str = ""
    follow_up_on: dt.date | None = None


class ScoresIn(Schema):
    phase: ScorePhase
    answered_on: dt.date
    seen_heard: int = Field(ge=1, le=10)
    coherent: int = Field(ge=1, le=10)
    own_abilities: int = Field(ge=1, le=10)
    overall: int = Field(ge=1, le=10)


def _conversation(request: HttpRequest, pk: int) -> StartupConversation:
    conversation = StartupConversation.objects.filter(pk=pk).first()
    if conversation is None:
        raise PermissionDenied("conversation outside your scope")
    conversation.citizen = open_citizen_record(
        user=api_user(request), pk=conversation.citizen_id, purpose="api"
    )
    return conversation


@router.get(
    "/teams/{team_id}/startup-conversations",
    response={200: list[ConversationOut], 403: ErrorOut},
    summary="A team's start-up conversations not yet held (overdue ones flagged)",
)
def list_conversations(request: HttpRequest, team_id: int) -> list[StartupConversation]:
    user = api_user(request)
    team = get_team_to_read(user, team_id)
    rows = list(queries.open_conversations(team))
    log_list_view(user, "startup-conversation-list", team.pk, f"api: {len(rows)} open")
    return rows


@router.post(
    "/startup-conversations/{pk}/plan",
    response={200: ConversationOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Plan a start-up conversation like a visit",
)
def plan(request: HttpRequest, pk: int, payload: PlanIn) -> StartupConversation:
    conversation = _conversation(request, pk)
    staff = StaffMember.objects.filter(team_id=conversation.team_id)
    return conversation_services.plan_conversation(
        conversation=conversation,
        by=api_user(request),
        planned_start=payload.planned_start,
        duration=payload.duration,
        key_person=staff.filter(pk=payload.key_person_id).first() if payload.key_person_id else None,
        other_staff=staff.filter(pk__in=payload.other_staff_ids),
        relatives=conversation.citizen.relatives.filter(pk__in=payload.relative_ids),  # type: ignore[attr-defined]
    )


@router.post(
    "/startup-conversations/{pk}/cancel",
    response={200: ConversationOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Cancel a start-up conversation not yet held (its visit is cancelled too)",
)
def cancel(request: HttpRequest, pk: int) -> StartupConversation:
    conversation = _conversation(request, pk)
    return conversation_services.cancel_conversation(conversation=conversation, by=api_user(request))


@router.post(
    "/startup-conversations/{pk}/record",
    response={200: ConversationOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Write the conversation's record and mark it held",
)
def record(request: HttpRequest, pk: int, payload: RecordIn) -> StartupConversation:
    data = payload.dict()
    held_at, follow_up_on = data.pop("held_at"), data.pop("follow_up_on")
    return conversation_services.record_conversation(
        conversation=_conversation(request, pk),
        by=api_user(request),
        held_at=held_at,
        follow_up_on=follow_up_on,
        **data,
    )


class ScoreOut(Schema):
    phase: ScorePhase
    seen_heard: int
    coherent: int
    own_abilities: int
    overall: int
    recorded_on: dt.date


@router.post(
    "/startup-conversations/{pk}/scores",
    response={200: ScoreOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="The four questions (1–10) at the start or at follow-up",
)
def scores(request: HttpRequest, pk: int, payload: ScoresIn) -> object:
    data = payload.dict()
    phase, answered_on = data.pop("phase"), data.pop("answered_on")
    return conversation_services.record_scores(
        conversation=_conversation(request, pk),
        phase=phase,
        by=api_user(request),
        answered_on=answered_on,
        scores=data,
    )


class ObservationsIn(Schema):
    texts: dict[ObservationArea, str] = Field(description="Text per area of the change form; at least one.")
    visit_id: int | None = None


class ObservationsOut(Schema):
    ids: list[int]


@router.post(
    "/citizens/{citizen_id}/observations",
    response={200: ObservationsOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Record observations in the areas of the change form",
)
def observations(request: HttpRequest, citizen_id: int, payload: ObservationsIn) -> ObservationsOut:
    user = api_user(request)
    citizen = open_citizen_record(user=user, pk=citizen_id, purpose="api observation")
    visit = citizen.visits.filter(pk=payload.visit_id).first() if payload.visit_id else None  # type: ignore[attr-defined]
    texts = {str(area): text for area, text in payload.texts.items()}
    saved = observation_services.record_observations(citizen=citizen, by=user, texts=texts, visit=visit)
    return ObservationsOut(ids=[o.pk for o in saved])


class TobsIn(Schema):
    pulse: int
    temperature: Decimal = Field(max_digits=3, decimal_places=1)
    systolic_bp: int
    respiration: int
    consciousness: Consciousness
    visit_id: int | None = None


class TobsOut(Schema):
    id: int
    pulse_points: int
    temperature_points: int
    systolic_bp_points: int
    respiration_points: int
    consciousness_points: int
    total: int
    advice: str
    advice_text: str


@router.post(
    "/citizens/{citizen_id}/tobs",
    response={200: TobsOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Score TOBS from measured values (SSA and nurses)",
)
def tobs(request: HttpRequest, citizen_id: int, payload: TobsIn) -> object:
    user = api_user(request)
    citizen = open_citizen_record(user=user, pk=citizen_id, purpose="api TOBS")
    data = payload.dict()
    visit_id = data.pop("visit_id")
    visit = citizen.visits.filter(pk=visit_id).first() if visit_id else None  # type: ignore[attr-defined]
    data["consciousness"] = str(data["consciousness"])
    return observation_services.record_tobs(citizen=citizen, by=user, visit=visit, **data)


class TriageIn(Schema):
    colour: TriageColour
    reason: str = ""


class TriageOut(Schema):
    colour: TriageColour
    reason: str
    set_at: LocalDateTime
    set_by_name: str
    meeting_id: int | None


@router.get(
    "/citizens/{citizen_id}/triage",
    response={200: list[TriageOut], 403: ErrorOut},
    summary="A citizen's triage colours, newest first",
)
def triage_history(request: HttpRequest, citizen_id: int) -> list[TriageAssessment]:
    citizen = open_citizen_record(user=api_user(request), pk=citizen_id, purpose="api triage")
    return list(TriageAssessment.objects.filter(citizen=citizen))


@router.post(
    "/citizens/{citizen_id}/triage",
    response={200: TriageOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Set a citizen's triage colour",
)
def set_triage(request: HttpRequest, citizen_id: int, payload: TriageIn) -> TriageAssessment:
    user = api_user(request)
    citizen = open_citizen_record(user=user, pk=citizen_id, purpose="api triage")
    return board_services.set_triage_colour(
        citizen=citizen, colour=str(payload.colour), reason=payload.reason, by=user
    )


class AgendaItemOut(Schema):
    citizen_id: int
    name: str
    colour: TriageColour | None
    reasons: list[str]


class ActionOut(Schema):
    id: int
    text: str
    owner_id: int
    citizen_id: int | None
    due_date: dt.date
    done_at: LocalDateTime | None


class AgendaOut(Schema):
    team_id: int
    date: dt.date
    meeting_id: int | None
    items: list[AgendaItemOut]
    overdue_actions: list[ActionOut]


@router.get(
    "/teams/{team_id}/board/{date}",
    response={200: AgendaOut, 403: ErrorOut},
    summary="The board meeting's agenda for a team and day",
)
def agenda(request: HttpRequest, team_id: int, date: dt.date) -> AgendaOut:
    user = api_user(request)
    team = get_team_to_read(user, team_id)
    built = queries.board_agenda(team, date)
    log_list_view(user, "board-meeting", team.pk, f"api {date.isoformat()}: {len(built.items)} on the agenda")
    meeting = BoardMeeting.objects.filter(team=team, date=date).first()
    items = [
        AgendaItemOut(
            citizen_id=item.citizen.pk,
            name=item.citizen.full_name,
            colour=item.citizen.colour,  # type: ignore[attr-defined]
            reasons=item.reasons,
        )
        for item in built.items
    ]
    overdue = [ActionOut.from_orm(action) for action in built.overdue_actions]
    return AgendaOut(
        team_id=team.pk,
        date=date,
        meeting_id=meeting.pk if meeting else None,
        items=items,
        overdue_actions=overdue,
    )


class ActionIn(Schema):
    text: str
    owner_id: int
    due_date: dt.date
    citizen_id: int | None = None


@router.post(
    "/teams/{team_id}/board/{date}/actions",
    response={200: ActionOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Add a decision or action to the team's board meeting",
)
def add_action(request: HttpRequest, team_id: int, date: dt.date, payload: ActionIn) -> object:
    user = api_user(request)
    team = get_team_to_read(user, team_id)
    meeting = board_services.open_board_meeting(team=team, date=date, by=user)
    owner = StaffMember.objects.filter(pk=payload.owner_id, team=team).first()
    if owner is None:
        raise PermissionDenied("owner outside the team")
    citizen = (
        open_citizen_record(user=user, pk=payload.citizen_id, purpose="api board action")
        if payload.citizen_id
        else None
    )
    return board_services.add_board_action(
        meeting=meeting, by=user, text=payload.text, owner=owner, due_date=payload.due_date, citizen=citizen
    )


class WellbeingIn(Schema):
    held_on: dt.date
    lacks_companionship: int = Field(ge=1, le=3)
    left_out: int = Field(ge=1, le=3)
    isolated: int = Field(ge=1, le=3)
    note: str = ""


class WellbeingOut(Schema):
    id: int
    held_on: dt.date
    loneliness_score: int


@router.post(
    "/citizens/{citizen_id}/wellbeing-conversations",
    response={200: WellbeingOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Record a wellbeing conversation with the three-item loneliness screening",
)
def wellbeing(request: HttpRequest, citizen_id: int, payload: WellbeingIn) -> object:
    user = api_user(request)
    citizen = open_citizen_record(user=user, pk=citizen_id, purpose="api wellbeing")
    return wellbeing_services.record_wellbeing_conversation(citizen=citizen, by=user, **payload.dict())
