# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The citizen's message page, the choice form and the API: who may, and the audit log."""

from __future__ import annotations

import pytest
from django.test import Client

from naerhed.audit.models import Action, AuditEvent
from naerhed.messaging.models import CitizenMessagePreference
from naerhed.messaging.outbox import enqueue
from tests import factories as f
from tests.personas import World

READERS = ["carer", "teamleader", "nurse", "planner", "visitator"]
OUTSIDERS = ["carer_b", "planner_far", "manager", "admin"]


def _page(world: World) -> str:
    return f"/messages/citizens/{world.citizen_a.pk}/"


@pytest.mark.parametrize("name", READERS)
def test_the_citizens_readers_see_every_message_and_its_status(
    world: World, client: Client, name: str
) -> None:
    enqueue(
        to="20304050",
        body="Hej Inger. I dag kl. 8.00 kommer Birthe.",
        kind="reminder_30m",
        key="a",
        citizen=world.citizen_a,
    )
    client.force_login(world.user(name))
    response = client.get(_page(world))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Hej Inger. I dag kl. 8.00 kommer Birthe." in content
    assert "Venter på at blive sendt" in content
    event = AuditEvent.objects.get(action=Action.VIEW, citizen_id=world.citizen_a.pk)
    assert event.username == name


@pytest.mark.parametrize("name", OUTSIDERS)
def test_anyone_outside_the_scope_is_refused_and_logged(world: World, client: Client, name: str) -> None:
    client.force_login(world.user(name))
    assert client.get(_page(world)).status_code == 403
    assert AuditEvent.objects.filter(action=Action.DENIED, citizen_id=world.citizen_a.pk).exists()


def test_the_page_shows_no_other_citizens_messages(world: World, client: Client) -> None:
    enqueue(to="20304050", body="Til Poul", kind="t", key="b", citizen=world.citizen_b)
    client.force_login(world.user("teamleader"))
    assert "Til Poul" not in client.get(_page(world)).content.decode()


def test_the_record_page_links_to_the_messages(world: World, client: Client) -> None:
    client.force_login(world.user("carer"))
    response = client.get(f"/citizens/{world.citizen_a.pk}/")
    assert _page(world) in response.content.decode()


def test_the_team_leader_records_the_choice_and_it_is_logged(world: World, client: Client) -> None:
    client.force_login(world.user("teamleader"))
    url = f"/messages/citizens/{world.citizen_a.pk}/preferences/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"participation": "in", "recipients": "both"})
    assert response.status_code == 302
    preference = CitizenMessagePreference.objects.get(citizen=world.citizen_a)
    assert (preference.participation, preference.recipients) == ("in", "both")
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="message-preference", citizen_id=world.citizen_a.pk
    ).exists()


def test_the_key_person_may_record_the_choice(world: World, client: Client) -> None:
    carer = world.user("carer")
    carer.staff = f.staff(team=world.team_a)
    carer.save(update_fields=["staff"])
    world.citizen_a.key_person = carer.staff
    world.citizen_a.save(update_fields=["key_person"])
    client.force_login(carer)
    response = client.post(
        f"/messages/citizens/{world.citizen_a.pk}/preferences/",
        {"participation": "out", "recipients": "citizen"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["carer", "nurse", "planner", "visitator", "carer_b"])
def test_others_may_not_change_the_choice(world: World, client: Client, name: str) -> None:
    client.force_login(world.user(name))
    url = f"/messages/citizens/{world.citizen_a.pk}/preferences/"
    assert client.post(url, {"participation": "in", "recipients": "both"}).status_code == 403
    assert not CitizenMessagePreference.objects.exists()


def test_a_bad_choice_is_refused_naming_the_field(world: World, client: Client) -> None:
    client.force_login(world.user("teamleader"))
    url = f"/messages/citizens/{world.citizen_a.pk}/preferences/"
    response = client.post(url, {"participation": "maybe", "recipients": "both"})
    assert response.status_code == 400
    assert "participation" in response.context["form"].errors


def test_the_api_lists_a_citizens_messages_and_logs_the_read(world: World, client: Client) -> None:
    enqueue(to="20304050", body="Hej Inger.", kind="reminder_24h", key="c", citizen=world.citizen_a)
    client.force_login(world.user("nurse"))
    response = client.get(f"/api/v1/messages/citizens/{world.citizen_a.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["to"], item["status"], item["kind"], item["body"]) == (
        "+4520304050",
        "queued",
        "reminder_24h",
        "Hej Inger.",
    )
    assert AuditEvent.objects.filter(action=Action.VIEW, citizen_id=world.citizen_a.pk).exists()


def test_the_api_refuses_a_citizen_outside_the_scope(world: World, client: Client) -> None:
    client.force_login(world.user("carer_b"))
    assert client.get(f"/api/v1/messages/citizens/{world.citizen_a.pk}").status_code == 403


def test_the_api_changes_the_choice_for_the_team_leader_only(world: World, client: Client) -> None:
    url = f"/api/v1/messages/citizens/{world.citizen_a.pk}/preference"
    client.force_login(world.user("nurse"))
    payload = {"participation": "in", "recipients": "citizen"}
    assert client.put(url, payload, content_type="application/json").status_code == 403
    client.force_login(world.user("teamleader"))
    response = client.put(url, payload, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"participation": "in", "recipients": "citizen", "receives_messages": True}
    bad = client.put(url, {"participation": "x", "recipients": "citizen"}, content_type="application/json")
    assert bad.status_code == 422
    assert "participation" in str(bad.json()["detail"])
