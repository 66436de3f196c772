# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""API tokens: created with a secret shown once, looked up by hash, revoked but never deleted."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from naerhed.accounts.models import ApiToken, User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event

PREFIX_LENGTH = 8


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the user and its secret; only the secret's SHA-256 hash is stored."""
    secret = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:PREFIX_LENGTH], key_hash=ApiToken.hash_key(secret)
    )
    record_event(user=user, action=Action.CREATE, object_type="api-token", object_id=token.pk, summary=name)
    return token, secret


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by: User) -> ApiToken:
    """Stop the token from working; revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(
            user=by, action=Action.UPDATE, object_type="api-token", object_id=token.pk, summary="revoked"
        )
    return token


def user_for_secret(secret: str) -> User | None:
    """The active owner of a live token with this secret (noting its use), or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
