# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Citizens in the caller's scope. The list shows masked CPR numbers; the detail, for roles that read
records, the full one. Every call is audit-logged: one event per list page, one per record opened."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from naerhed.accounts.access import can_read_records
from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut
from naerhed.api.schemas import CitizenDetailOut, CitizenOut, CitizenPage
from naerhed.api.scope import get_team_for
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen
from naerhed.citizens.queries import citizen_list
from naerhed.citizens.services import open_citizen_record

router = Router(tags=["citizens"])


class CitizenFilter(Schema):
    team: int | None = Field(None, description="Only this team's citizens.")
    search: str = Field("", description="Every word must match a first or last name.")
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0)


@router.get("/", response={200: CitizenPage, 403: ErrorOut}, summary="List citizens (CPR masked)")
def list_citizens(request: HttpRequest, filters: Query[CitizenFilter]) -> CitizenPage:
    user = api_user(request)
    if not can_read_records(user):
        raise PermissionDenied("your role does not read citizens' records")
    team_id = get_team_for(user, filters.team).pk if filters.team is not None else None
    citizens = citizen_list(user, search=filters.search, team_id=team_id)
    page = list(citizens[filters.offset : filters.offset + filters.limit])
    record_event(user=user, action=Action.VIEW, object_type="citizen-list", summary=f"{len(page)} citizens")
    return CitizenPage(count=citizens.count(), items=[CitizenOut.from_orm(c) for c in page])


@router.get("/{citizen_id}", response={200: CitizenDetailOut, 403: ErrorOut}, summary="One citizen's record")
def get_citizen(request: HttpRequest, citizen_id: int) -> Citizen:
    return open_citizen_record(user=api_user(request), pk=citizen_id, purpose="api")
