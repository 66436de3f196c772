# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Clients for the API tests: logged in through the session or holding a bearer token."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from naerhed.accounts.models import User
from naerhed.accounts.services import create_api_token
from naerhed.grants.models import Grant, Service
from naerhed.workforce.models import StaffMember
from tests import factories as f
from tests.personas import World

API = "/api/v1"
MONDAY = dt.date(2026, 11, 16)


def session_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def token_client(user: User) -> Client:
    _, secret = create_api_token(user=user, name="test")
    return Client(headers={"authorization": f"Bearer {secret}"})


def client_for(user: User, auth: str) -> Client:
    return session_client(user) if auth == "session" else token_client(user)


def send(client: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    """One request; bodies go as JSON."""
    call = getattr(client, method.lower())
    return (
        call(f"{API}{url}", body or {}, content_type="application/json")
        if method != "GET"
        else call(f"{API}{url}")
    )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """The personas' passwords are hashed once per test; the production hasher would take seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def service() -> Service:
    return f.service("morgenpakke", default_duration=25)


@pytest.fixture
def staff_a(world: World) -> StaffMember:
    return f.staff(team=world.team_a, first_name="Birthe", competences=["insulin"])


@pytest.fixture
def grant_a(world: World, service: Service) -> Grant:
    return f.grant(citizen=world.citizen_a, service=service, starts_on=MONDAY)


def grant_body(service: Service, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "service_id": service.pk,
        "starts_on": MONDAY.isoformat(),
        "recurrence": "daily",
        "window_start": "07:00",
        "window_end": "09:30",
        "duration": 25,
    }
    body.update(overrides)
    return body
