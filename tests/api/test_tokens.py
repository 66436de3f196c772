# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Bearer tokens: only a hash is stored, the secret is shown once, revoked or wrong tokens get 401."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from naerhed.accounts.models import ApiToken
from naerhed.accounts.services import create_api_token
from tests.api.conftest import API, session_client
from tests.personas import World

pytestmark = pytest.mark.urls("tests.api.urls")


def bearer(secret: str) -> Client:
    return Client(headers={"authorization": f"Bearer {secret}"})


def test_a_valid_token_authenticates_and_records_when_it_was_last_used(world: World) -> None:
    token, secret = create_api_token(user=world.user("carer"), name="integration")
    assert bearer(secret).get(f"{API}/teams/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_only_the_sha256_hash_of_the_secret_is_stored(world: World) -> None:
    token, secret = create_api_token(user=world.user("carer"), name="integration")
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.prefix, token.key_hash}
    assert secret.startswith(token.prefix)


@pytest.mark.parametrize(
    "header",
    [None, "Bearer nh_not-a-real-token", "Bearer ", "Token nh_anything", "Basic Y2FyZXI6dGVzdA=="],
    ids=["missing", "wrong", "empty", "other scheme", "basic"],
)
def test_requests_without_a_valid_token_get_401(world: World, header: str | None) -> None:
    client = Client(headers={"authorization": header} if header else {})
    response = client.get(f"{API}/teams/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_a_revoked_token_gets_401(world: World) -> None:
    client = session_client(world.user("carer"))
    created = client.post(f"{API}/tokens/", {"name": "laptop"}, content_type="application/json").json()
    assert bearer(created["secret"]).get(f"{API}/teams/").status_code == 200
    assert client.post(f"{API}/tokens/{created['id']}/revoke").status_code == 200
    assert bearer(created["secret"]).get(f"{API}/teams/").status_code == 401


def test_the_token_of_a_deactivated_user_gets_401(world: World) -> None:
    user = world.user("carer")
    _, secret = create_api_token(user=user, name="integration")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert bearer(secret).get(f"{API}/teams/").status_code == 401


def test_the_secret_is_shown_when_created_and_never_listed(world: World) -> None:
    client = session_client(world.user("planner"))
    created = client.post(f"{API}/tokens/", {"name": "script"}, content_type="application/json")
    assert created.status_code == 201
    secret = created.json()["secret"]
    listing = client.get(f"{API}/tokens/")
    assert [t["name"] for t in listing.json()] == ["script"]
    assert secret not in listing.content.decode()


def test_users_see_and_revoke_only_their_own_tokens(world: World) -> None:
    others, _ = create_api_token(user=world.user("carer_b"), name="theirs")
    client = session_client(world.user("carer"))
    assert client.get(f"{API}/tokens/").json() == []
    assert client.post(f"{API}/tokens/{others.pk}/revoke").status_code == 403
    others.refresh_from_db()
    assert others.revoked_at is None


def test_a_token_cannot_create_more_tokens(world: World) -> None:
    _, secret = create_api_token(user=world.user("carer"), name="integration")
    response = bearer(secret).post(f"{API}/tokens/", {"name": "more"}, content_type="application/json")
    assert response.status_code == 401
    assert ApiToken.objects.count() == 1


def test_session_writes_need_the_csrf_token_but_bearer_writes_do_not(world: World) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.user("carer"))
    assert strict.post(f"{API}/tokens/", {"name": "x"}, content_type="application/json").status_code == 403
    _, secret = create_api_token(user=world.user("teamleader"), name="integration")
    body = {"start": "2026-11-16", "days": 1}
    url = f"{API}/teams/{world.team_a.pk}/visits/expand"
    assert bearer(secret).post(url, body, content_type="application/json").status_code == 200
