# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Sick calls over the API: register an absence (which starts a re-plan), read a proposal, accept it.

Team leaders for their team and planners for their district's teams, as on the pages.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from naerhed.absences import queries, services
from naerhed.absences.models import ProposalKind, ReplanProposal
from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut, FieldErrorsOut
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.planning.queries import can_plan
from naerhed.workforce.models import RosterShift, StaffMember

router = Router(tags=["sick calls"])


class AbsenceIn(Schema):
    staff_id: int = Field(description="The absent carer.")
    shift_id: int | None = Field(None, description="A rota shift the carer misses entirely.")
    starts: dt.datetime | None = Field(
        None, description="Or the moment the carer went home (timezone-aware); away until the shift ends."
    )
    reason: str = Field(description="sick, child_sick or other.")
    note: str = Field("", max_length=200)


class ChangeOut(Schema):
    visit_id: int
    kind: str = Field(description="carer_changed, time_changed, unassigned or added.")
    old_carer_ids: list[int]
    new_carer_ids: list[int]
    old_start: dt.datetime | None
    new_start: dt.datetime | None
    reason: str = Field(description="Why a visit is not covered (empty otherwise).")
    new_to_citizen: list[str] = Field(description="New carers the citizen has not had in four weeks.")


class ProposalOut(Schema):
    id: int
    team_id: int
    date: dt.date
    kind: str
    status: str = Field(description="queued, proposed, accepted, rejected, superseded, stale or failed.")
    planned_from: dt.datetime
    error: str
    changes: list[ChangeOut]


def _out(proposal: ReplanProposal) -> ProposalOut:
    view = queries.proposal_view(proposal)
    changes = [
        ChangeOut(
            visit_id=row.visit.pk,
            kind=row.kind,
            old_carer_ids=row.old_carer_ids,
            new_carer_ids=row.new_carer_ids,
            old_start=row.old_start,
            new_start=row.new_start,
            reason=str(row.reason),
            new_to_citizen=row.new_to_citizen,
        )
        for row in view.changes
    ]
    return ProposalOut(
        id=proposal.pk,
        team_id=proposal.team_id,
        date=proposal.date,
        kind=proposal.kind,
        status=proposal.status,
        planned_from=proposal.planned_from,
        error=proposal.error,
        changes=changes,
    )


def _planner(request: HttpRequest) -> None:
    if not can_plan(api_user(request)):
        raise PermissionDenied("only team leaders and planners re-plan a day")


@router.post(
    "/teams/{team_id}/absences",
    response={201: ProposalOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Register an absence; the day is re-planned as a proposal",
)
def post_absence(request: HttpRequest, team_id: int, payload: AbsenceIn) -> Status[ProposalOut]:
    _planner(request)
    user = api_user(request)
    team = queries.get_team_to_replan(user, team_id)
    staff = StaffMember.objects.filter(team=team, pk=payload.staff_id).first()
    if staff is None:
        raise ValidationError({"staff_id": "no such carer in the team"})
    shift = None
    if payload.shift_id is not None:
        shift = RosterShift.objects.filter(staff=staff, pk=payload.shift_id).first()
        if shift is None:
            raise ValidationError({"shift_id": "no such shift of this carer"})
    proposal = services.report_absence(
        staff=staff, reason=payload.reason, by=user, shift=shift, starts=payload.starts, note=payload.note
    )
    return Status(201, _out(proposal))


@router.post(
    "/teams/{team_id}/days/{day}/optimise",
    response={201: ProposalOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Re-plan the rest of the day from now on, as a proposal",
)
def post_optimise(request: HttpRequest, team_id: int, day: dt.date) -> Status[ProposalOut]:
    _planner(request)
    user = api_user(request)
    team = queries.get_team_to_replan(user, team_id)
    proposal = services.request_proposal(team=team, day=day, kind=ProposalKind.OPTIMISE, by=user)
    return Status(201, _out(proposal))


@router.get(
    "/proposals/{proposal_id}",
    response={200: ProposalOut, 403: ErrorOut},
    summary="A re-planning proposal with its visit-by-visit changes",
)
def get_proposal(request: HttpRequest, proposal_id: int) -> ProposalOut:
    _planner(request)
    user = api_user(request)
    proposal = queries.get_proposal_for(user, proposal_id)
    record_event(
        user=user, action=Action.VIEW, object_type="replan-proposal", object_id=proposal.pk, summary="api"
    )
    return _out(proposal)


@router.post(
    "/proposals/{proposal_id}/accept",
    response={200: ProposalOut, 400: FieldErrorsOut, 403: ErrorOut, 409: ErrorOut},
    summary="Accept a proposal (409 when the plan changed since it was made)",
)
def post_accept(request: HttpRequest, proposal_id: int) -> ProposalOut | Status[ErrorOut]:
    _planner(request)
    user = api_user(request)
    proposal = queries.get_proposal_for(user, proposal_id)
    try:
        services.accept_proposal(proposal=proposal, by=user)
    except services.StaleProposal:
        return Status(409, ErrorOut(detail="the plan changed since the proposal was made; request a new one"))
    return _out(proposal)
