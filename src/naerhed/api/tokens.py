# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The caller's own API tokens. Managed from a logged-in session only, so that a leaked token
cannot mint more; the secret is shown once, when the token is created."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from naerhed.accounts.models import ApiToken
from naerhed.accounts.services import create_api_token, revoke_api_token
from naerhed.api.auth import api_user, session
from naerhed.api.errors import ErrorOut
from naerhed.api.schemas import TokenCreatedOut, TokenIn, TokenOut

router = Router(tags=["tokens"], auth=[session])


@router.get("/", response=list[TokenOut], summary="List your tokens")
def list_tokens(request: HttpRequest) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=api_user(request)).order_by("-created_at", "-pk")


@router.post("/", response={201: TokenCreatedOut}, summary="Create a token (the secret is shown once)")
def post_token(request: HttpRequest, payload: TokenIn) -> Status[TokenCreatedOut]:
    token, secret = create_api_token(user=api_user(request), name=payload.name)
    return Status(201, TokenCreatedOut.of(token, secret))


@router.post(
    "/{token_id}/revoke", response={200: TokenOut, 403: ErrorOut}, summary="Revoke one of your tokens"
)
def post_revoke(request: HttpRequest, token_id: int) -> ApiToken:
    user = api_user(request)
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise PermissionDenied("not one of your tokens")
    return revoke_api_token(token=token, by=user)
