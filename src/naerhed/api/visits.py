# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A team's visits over a date range, and generating them from its grants (team leader, planners)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import ValidationInfo, field_validator

from naerhed.accounts.access import can_read_records, citizens_visible_to
from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut
from naerhed.api.schemas import ExpandIn, ExpandOut, VisitOut
from naerhed.api.scope import get_team_for, get_team_to_plan
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.visits.models import Visit
from naerhed.visits.services import ExpansionResult, expand_team_visits

router = Router(tags=["visits"])

MAX_DAYS = 62


class VisitRange(Schema):
    start: dt.date = Field(description="The first day.")
    end: dt.date = Field(description=f"The last day (inclusive), at most {MAX_DAYS} days after the first.")

    @field_validator("end")
    @classmethod
    def end_within_range(cls, end: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if start is not None and not start <= end < start + dt.timedelta(days=MAX_DAYS):
            raise ValueError(f"The end must be on or after the start and within {MAX_DAYS} days of it.")
        return end


@router.get(
    "/teams/{team_id}/visits",
    response={200: list[VisitOut], 403: ErrorOut},
    summary="List a team's visits between two days",
)
def list_visits(request: HttpRequest, team_id: int, days: Query[VisitRange]) -> list[Visit]:
    user = api_user(request)
    if not can_read_records(user):
        raise PermissionDenied("your role does not read citizens' records")
    team = get_team_for(user, team_id)
    visits = list(
        Visit.objects.filter(citizen__in=citizens_visible_to(user), citizen__team=team)
        .filter(date__gte=days.start, date__lte=days.end)
        .select_related("service", "citizen")
        .prefetch_related("carers")
        .order_by("window_start", "pk")
    )
    summary = f"{len(visits)} visits {days.start:%Y-%m-%d}–{days.end:%Y-%m-%d}"
    record_event(user=user, action=Action.VIEW, object_type="visit-list", object_id=team.pk, summary=summary)
    return visits


@router.post(
    "/teams/{team_id}/visits/expand",
    response={200: ExpandOut, 403: ErrorOut},
    summary="Generate the team's visits from its grants (idempotent)",
)
def post_expand(request: HttpRequest, team_id: int, payload: ExpandIn) -> ExpansionResult:
    user = api_user(request)
    team = get_team_to_plan(user, team_id)
    return expand_team_visits(team=team, start=payload.start, days=payload.days, by=user)
