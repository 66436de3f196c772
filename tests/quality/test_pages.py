# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The quality pages: every role against every page, the forms that write, and what is audit-logged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from naerhed.audit.models import Action, AuditEvent
from naerhed.quality.models import Observation, StartupConversation, TobsMeasurement, TriageAssessment
from naerhed.quality.services import conversations as conversation_services
from naerhed.quality.services.observations import record_tobs
from tests import factories as f
from tests.carer_day.conftest import make_visit
from tests.personas import World
from tests.quality.conftest import Team, client_for

pytestmark = pytest.mark.django_db

ALL = ("carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "visitator", "manager", "admin")
READERS_A = {"carer", "teamleader", "nurse", "planner", "visitator"}
TEAM_A = {"carer", "teamleader", "nurse"}
MATRIX: dict[str, set[str]] = {
    "team": READERS_A,
    "conversations": READERS_A,
    "conversation": READERS_A,
    "citizen": READERS_A,
    "observation_new": TEAM_A,
    "tobs": READERS_A,
    "board": READERS_A,
    "wellbeing": READERS_A,
    "wellbeing_citizen": READERS_A,
    "activities": set(ALL),
}
CASES = [(role, page, 200 if role in allowed else 403) for page, allowed in MATRIX.items() for role in ALL]


def _urls(world: World, team_people: Team) -> dict[str, str]:
    a, citizen = world.team_a.pk, world.citizen_a
    conversation = conversation_services.conversation_due_for_first_visit(
        citizen=f.citizen(team=world.team_a, started_on=timezone.localdate()),
        first_visit_on=timezone.localdate(),
        by=None,
    )
    assert conversation is not None
    measurement = record_tobs(
        citizen=citizen,
        by=world.user("nurse"),
        pulse=80,
        temperature=Decimal("37.1"),
        systolic_bp=130,
        respiration=16,
        consciousness="habitual",
    )
    return {
        "team": f"/quality/teams/{a}/",
        "conversations": f"/quality/teams/{a}/conversations/",
        "conversation": f"/quality/conversations/{conversation.pk}/",
        "citizen": f"/quality/citizens/{citizen.pk}/",
        "observation_new": f"/quality/citizens/{citizen.pk}/observations/new/",
        "tobs": f"/quality/tobs/{measurement.pk}/",
        "board": f"/quality/teams/{a}/board/{timezone.localdate().isoformat()}/",
        "wellbeing": f"/quality/teams/{a}/wellbeing/",
        "wellbeing_citizen": f"/quality/citizens/{citizen.pk}/wellbeing/",
        "activities": "/quality/activities/",
    }


@pytest.mark.parametrize(("role", "page", "status"), CASES)
def test_access_matrix(world: World, team_people: Team, role: str, page: str, status: int) -> None:
    url = _urls(world, team_people)[page]
    assert client_for(world, role).get(url).status_code == status


def test_an_anonymous_visitor_is_sent_to_log_in(world: World) -> None:
    response = Client().get(f"/quality/teams/{world.team_a.pk}/board/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_reading_a_citizens_quality_page_is_audit_logged_and_a_refusal_too(
    world: World, team_people: Team
) -> None:
    url = f"/quality/citizens/{world.citizen_a.pk}/"
    client_for(world, "nurse").get(url)
    client_for(world, "carer_b").get(url)
    events = AuditEvent.objects.filter(citizen_id=world.citizen_a.pk, summary="care quality")
    assert sorted(events.values_list("action", flat=True)) == sorted([Action.VIEW, Action.DENIED])


def test_the_carers_visit_page_links_to_the_observation_form_which_returns_to_the_visit(
    world: World, team_people: Team
) -> None:
    visit = make_visit(world.citizen_a, timezone.localdate(), dt.time(9), [team_people.carer])
    client = client_for(world, "carer")
    page = client.get(f"/day/visits/{visit.pk}/").content.decode()
    link = f"/quality/citizens/{world.citizen_a.pk}/observations/new/?visit={visit.pk}"
    assert link in page
    form = client.get(link).content.decode()
    assert "TOBS" not in form, "an SSH does not measure TOBS"
    response = client.post(link, {"visit": visit.pk, "eating": "Har ikke spist morgenmad."})
    assert response.status_code == 302 and response["Location"] == f"/day/visits/{visit.pk}/"
    assert Observation.objects.get().visit == visit


def test_a_nurse_scores_tobs_on_the_page_and_sees_the_advice(world: World, team_people: Team) -> None:
    client = client_for(world, "nurse")
    url = f"/quality/citizens/{world.citizen_a.pk}/"
    assert 'data-testid="tobs-form"' in client.get(url + "observations/new/").content.decode()
    response = client.post(
        url + "tobs/new/",
        {
            "pulse": "132",
            "temperature": "38.5",
            "systolic_bp": "95",
            "respiration": "22",
            "consciousness": "voice",
        },
        follow=True,
    )
    measurement = TobsMeasurement.objects.get()
    assert measurement.total == 3 + 1 + 1 + 2 + 1
    assert "112" in response.content.decode()


def test_a_planner_reads_the_board_but_cannot_set_a_colour(world: World, team_people: Team) -> None:
    day = timezone.localdate().isoformat()
    url = f"/quality/teams/{world.team_a.pk}/board/{day}/citizens/{world.citizen_a.pk}/triage/"
    assert client_for(world, "planner").post(url, {"colour": "green"}).status_code == 403
    response = client_for(world, "teamleader").post(url, {"colour": "yellow", "reason": "Sover dårligt"})
    assert response.status_code == 302
    assert TriageAssessment.objects.get().meeting is not None


def test_an_overdue_conversation_stands_out_on_the_team_leaders_home_page(
    world: World, team_people: Team
) -> None:
    ten_days_ago = timezone.localdate() - dt.timedelta(days=10)
    citizen = f.citizen(team=world.team_a, started_on=ten_days_ago, first_name="Valborg")
    conversation_services.conversation_due_for_first_visit(
        citizen=citizen, first_visit_on=ten_days_ago, by=None
    )
    page = client_for(world, "teamleader").get("/").content.decode()
    assert 'data-testid="overdue-conversations"' in page and "Valborg" in page
    assert StartupConversation.objects.get().is_overdue(timezone.localdate())


def test_the_main_navigation_offers_care_quality_to_those_who_read_records(world: World) -> None:
    assert 'href="/quality/"' in client_for(world, "visitator").get("/").content.decode()
    assert 'href="/quality/"' not in client_for(world, "manager").get("/").content.decode()


def test_the_citizens_record_links_to_the_care_quality_page(world: World) -> None:
    page = client_for(world, "nurse").get(f"/citizens/{world.citizen_a.pk}/").content.decode()
    assert f'href="/quality/citizens/{world.citizen_a.pk}/"' in page


def test_a_key_person_sees_their_coming_start_up_conversations_on_the_home_page(
    world: World, team_people: Team
) -> None:
    citizen = f.citizen(
        team=world.team_a,
        first_name="Valdemar",
        key_person=team_people.carer,
        started_on=timezone.localdate(),
    )
    conversation_services.conversation_due_for_first_visit(
        citizen=citizen, first_visit_on=timezone.localdate(), by=None
    )
    page = client_for(world, "carer").get("/").content.decode()
    assert 'data-testid="my-conversations"' in page and "Valdemar" in page
    assert 'data-testid="my-conversations"' not in client_for(world, "nurse").get("/").content.decode()
