# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Citizen reads and grant writes through the API land in the audit log, marked as the API channel."""

from __future__ import annotations

import pytest

from naerhed.audit.models import Action, AuditEvent
from naerhed.grants.models import Grant, Service
from tests.api.conftest import API, grant_body, session_client, token_client
from tests.personas import World

pytestmark = pytest.mark.urls("tests.api.urls")


def test_reading_a_citizen_logs_one_view_event_from_the_api(world: World) -> None:
    token_client(world.user("nurse")).get(f"{API}/citizens/{world.citizen_a.pk}")
    event = AuditEvent.objects.get(action=Action.VIEW)
    assert (event.username, event.object_type, event.citizen_id) == ("nurse", "citizen", world.citizen_a.pk)
    assert event.channel == "api"
    assert event.path == f"{API}/citizens/{world.citizen_a.pk}"


def test_listing_citizens_logs_one_event_with_the_count_shown(world: World) -> None:
    session_client(world.user("planner")).get(f"{API}/citizens/")
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.summary) == (Action.VIEW, "citizen-list", "2 citizens")


def test_a_refused_citizen_read_is_logged_as_denied(world: World) -> None:
    session_client(world.user("carer_b")).get(f"{API}/citizens/{world.citizen_a.pk}")
    event = AuditEvent.objects.get()
    assert (event.action, event.citizen_id, event.username) == (Action.DENIED, world.citizen_a.pk, "carer_b")


def test_reading_a_citizens_grants_is_logged_as_a_view_of_the_citizen(world: World, grant_a: Grant) -> None:
    session_client(world.user("carer")).get(f"{API}/citizens/{world.citizen_a.pk}/grants")
    assert AuditEvent.objects.get().citizen_id == world.citizen_a.pk


def test_creating_a_grant_is_logged_with_the_citizen(world: World, service: Service) -> None:
    client = session_client(world.user("visitator"))
    response = client.post(
        f"{API}/citizens/{world.citizen_a.pk}/grants", grant_body(service), content_type="application/json"
    )
    event = AuditEvent.objects.get(action=Action.CREATE)
    assert (event.object_type, event.object_id) == ("grant", str(response.json()["id"]))
    assert event.citizen_id == world.citizen_a.pk
    assert Grant.objects.get().granted_by == world.user("visitator")


def test_changing_a_grant_is_logged_naming_the_changed_fields(world: World, grant_a: Grant) -> None:
    client = session_client(world.user("visitator"))
    body = {"duration": 30, "note": "morning", "two_carers": False}
    response = client.patch(f"{API}/grants/{grant_a.pk}", body, content_type="application/json")
    assert response.json()["changed"] == ["duration", "note"]
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert (event.citizen_id, event.summary) == (world.citizen_a.pk, "changed: duration, note")


def test_ending_a_grant_is_logged_and_time_limits_it(world: World, grant_a: Grant) -> None:
    client = session_client(world.user("visitator"))
    response = client.post(
        f"{API}/grants/{grant_a.pk}/end", {"ends_on": "2026-12-31"}, content_type="application/json"
    )
    assert response.json()["grant"]["ends_on"] == "2026-12-31"
    assert AuditEvent.objects.get(action=Action.UPDATE).summary == "changed: ends_on"


def test_a_change_that_changes_nothing_is_not_logged(world: World, grant_a: Grant) -> None:
    client = session_client(world.user("visitator"))
    response = client.patch(f"{API}/grants/{grant_a.pk}", {"duration": 25}, content_type="application/json")
    assert response.json()["changed"] == []
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()
