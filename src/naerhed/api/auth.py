# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Who is calling: a bearer token (``Authorization: Bearer nh_…``) or a logged-in browser session.

Both give ``request.auth`` an active :class:`User`; anything else is a 401.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from naerhed.accounts.models import User
from naerhed.accounts.services import user_for_secret


class BearerToken(HttpBearer):
    """An API token; revoked tokens and tokens of inactive users are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_secret(token)
        if user is not None:
            request.user = user
        return user


class ActiveSession(SessionAuth):
    """The Django session of an active user (unsafe methods also need the CSRF token)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if isinstance(user, User) and user.is_authenticated and user.is_active:
            return user
        return None


bearer_token = BearerToken()
session = ActiveSession()


def api_user(request: HttpRequest) -> User:
    """The authenticated caller, as set by one of the authenticators above."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError()
    return user
