# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A citizen's grants: read by the roles that read the record, written by needs assessors only.

Writes go through ``grants.services``; a model validation error is a 400 naming the field.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from naerhed.accounts.access import can_write_grants, get_citizen_for
from naerhed.accounts.models import User
from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut, FieldErrorsOut
from naerhed.api.schemas import GrantChangeOut, GrantEndIn, GrantIn, GrantOut, GrantPatch
from naerhed.api.scope import get_grant_for
from naerhed.citizens.services import open_citizen_record
from naerhed.grants.models import Grant
from naerhed.grants.services import create_grant, end_grant, update_grant

router = Router(tags=["grants"])

WRITE_RESPONSES = {400: FieldErrorsOut, 403: ErrorOut}


def _writer(request: HttpRequest) -> User:
    user = api_user(request)
    if not can_write_grants(user):
        raise PermissionDenied("only needs assessors change grants")
    return user


@router.get(
    "/citizens/{citizen_id}/grants",
    response={200: list[GrantOut], 403: ErrorOut},
    summary="List a citizen's grants",
)
def list_grants(request: HttpRequest, citizen_id: int) -> QuerySet[Grant]:
    citizen = open_citizen_record(user=api_user(request), pk=citizen_id, purpose="api: grants")
    return citizen.grants.select_related("service").order_by("starts_on", "pk")


@router.post(
    "/citizens/{citizen_id}/grants",
    response={201: GrantOut, **WRITE_RESPONSES},
    summary="Grant a citizen a service",
)
def post_grant(request: HttpRequest, citizen_id: int, payload: GrantIn) -> Status[Grant]:
    user = _writer(request)
    citizen = get_citizen_for(user, citizen_id)
    return Status(201, create_grant(citizen=citizen, by=user, **payload.model_dump()))


@router.get("/grants/{grant_id}", response={200: GrantOut, 403: ErrorOut}, summary="One grant")
def get_grant(request: HttpRequest, grant_id: int) -> Grant:
    return get_grant_for(api_user(request), grant_id)


@router.patch(
    "/grants/{grant_id}",
    response={200: GrantChangeOut, **WRITE_RESPONSES},
    summary="Change some of a grant's fields",
)
def patch_grant(request: HttpRequest, grant_id: int, payload: GrantPatch) -> GrantChangeOut:
    user = _writer(request)
    grant = get_grant_for(user, grant_id)
    changed = update_grant(grant=grant, by=user, **payload.model_dump(exclude_unset=True))
    return GrantChangeOut(grant=GrantOut.from_orm(grant), changed=changed)


@router.post(
    "/grants/{grant_id}/end",
    response={200: GrantChangeOut, **WRITE_RESPONSES},
    summary="Time-limit a grant: set its last day",
)
def post_grant_end(request: HttpRequest, grant_id: int, payload: GrantEndIn) -> GrantChangeOut:
    user = _writer(request)
    grant = get_grant_for(user, grant_id)
    changed = end_grant(grant=grant, by=user, ends_on=payload.ends_on)
    return GrantChangeOut(grant=GrantOut.from_orm(grant), changed=changed)
