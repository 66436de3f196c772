# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Care quality in the JSON API: scope, field errors, TOBS scoring, the board's agenda, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from naerhed.audit.models import AuditEvent
from naerhed.quality.services import conversations as conversation_services
from tests import factories as f
from tests.api.conftest import client_for, send
from tests.personas import World
from tests.quality.conftest import Team

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("auth", ["session", "token"])
def test_a_nurse_scores_tobs_through_the_api(world: World, team_people: Team, auth: str) -> None:
    client = client_for(world.user("nurse"), auth)
    body = {
        "pulse": 115,
        "temperature": "38.4",
        "systolic_bp": 120,
        "respiration": 18,
        "consciousness": "habitual",
    }
    response = send(client, "POST", f"/quality/citizens/{world.citizen_a.pk}/tobs", body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["pulse_points"], data["temperature_points"], data["total"], data["advice"]) == (
        2,
        1,
        3,
        "doctor",
    )
    assert AuditEvent.objects.filter(object_type="tobs", citizen_id=world.citizen_a.pk).exists()


def test_a_carer_of_another_team_gets_403_and_a_bad_colour_422(world: World, team_people: Team) -> None:
    url = f"/quality/citizens/{world.citizen_a.pk}/triage"
    assert (
        send(
            client_for(world.user("carer_b"), "token"), "POST", url, {"colour": "red", "reason": "x"}
        ).status_code
        == 403
    )
    assert send(client_for(world.user("carer"), "token"), "POST", url, {"colour": "blue"}).status_code == 422


def test_a_missing_reason_for_red_is_a_400_naming_the_field(world: World, team_people: Team) -> None:
    response = send(
        client_for(world.user("carer"), "token"),
        "POST",
        f"/quality/citizens/{world.citizen_a.pk}/triage",
        {"colour": "red"},
    )
    assert response.status_code == 400 and "reason" in response.json()["errors"]


def test_the_agenda_and_open_conversations_of_a_team(world: World, team_people: Team) -> None:
    client = client_for(world.user("teamleader"), "token")
    today = timezone.localdate()
    old = today - dt.timedelta(days=9)
    conversation_services.conversation_due_for_first_visit(
        citizen=f.citizen(team=world.team_a, started_on=old), first_visit_on=old, by=None
    )
    send(
        client,
        "POST",
        f"/quality/citizens/{world.citizen_a.pk}/triage",
        {"colour": "yellow", "reason": "Vægttab"},
    )
    conversations = send(client, "GET", f"/quality/teams/{world.team_a.pk}/startup-conversations").json()
    assert [c["overdue"] for c in conversations] == [True]
    agenda = send(client, "GET", f"/quality/teams/{world.team_a.pk}/board/{today.isoformat()}").json()
    first = agenda["items"][0]
    assert (first["citizen_id"], first["colour"], first["reasons"]) == (
        world.citizen_a.pk,
        "yellow",
        ["yellow"],
    )
    assert (
        send(
            client_for(world.user("planner_far"), "token"),
            "GET",
            f"/quality/teams/{world.team_a.pk}/board/{today.isoformat()}",
        ).status_code
        == 403
    )
