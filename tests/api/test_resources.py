# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""What the resources contain: masked CPR in lists, the full one in the record, competences, visits."""

from __future__ import annotations

import pytest

from naerhed.grants.models import Grant
from naerhed.lib.cpr import format_cpr
from naerhed.visits.models import Visit
from naerhed.workforce.models import StaffMember
from tests.api.conftest import API, MONDAY, session_client
from tests.personas import World

pytestmark = pytest.mark.urls("tests.api.urls")


def test_the_citizen_list_shows_only_masked_cpr_numbers(world: World) -> None:
    response = session_client(world.user("carer")).get(f"{API}/citizens/")
    assert response.json()["items"][0]["cpr_masked"] == world.citizen_a.cpr_masked
    assert world.citizen_a.cpr[6:] not in response.content.decode()


def test_the_citizen_record_shows_the_full_cpr_number(world: World) -> None:
    response = session_client(world.user("carer")).get(f"{API}/citizens/{world.citizen_a.pk}")
    assert response.json()["cpr"] == format_cpr(world.citizen_a.cpr)


def test_the_citizen_list_pages_and_counts(world: World) -> None:
    response = session_client(world.user("visitator")).get(f"{API}/citizens/?limit=2&offset=2")
    body = response.json()
    assert body["count"] == 3
    assert [item["id"] for item in body["items"]] == [world.citizen_far.pk]


def test_filtering_citizens_by_a_team_outside_the_scope_is_refused(world: World) -> None:
    response = session_client(world.user("planner")).get(f"{API}/citizens/?team={world.team_far.pk}")
    assert response.status_code == 403


def test_a_staff_member_comes_with_the_competence_card(world: World, staff_a: StaffMember) -> None:
    response = session_client(world.user("teamleader")).get(f"{API}/staff/{staff_a.pk}")
    assert [c["code"] for c in response.json()["competences"]] == ["insulin"]


def test_staff_can_be_listed_by_team(world: World, staff_a: StaffMember) -> None:
    client = session_client(world.user("planner"))
    assert [s["id"] for s in client.get(f"{API}/staff/?team={world.team_a.pk}").json()] == [staff_a.pk]
    assert client.get(f"{API}/staff/?team={world.team_b.pk}").json() == []


def test_expanding_twice_creates_the_visits_once(world: World, grant_a: Grant) -> None:
    client = session_client(world.user("planner"))
    url = f"{API}/teams/{world.team_a.pk}/visits/expand"
    body = {"start": MONDAY.isoformat(), "days": 7}
    first = client.post(url, body, content_type="application/json").json()
    second = client.post(url, body, content_type="application/json").json()
    assert first == {"created": 7, "removed": 0, "kept": 0}
    assert second == {"created": 0, "removed": 0, "kept": 7}
    assert Visit.objects.count() == 7


def test_listed_visits_are_the_teams_within_the_range(world: World, grant_a: Grant) -> None:
    client = session_client(world.user("teamleader"))
    client.post(
        f"{API}/teams/{world.team_a.pk}/visits/expand",
        {"start": MONDAY.isoformat(), "days": 7},
        content_type="application/json",
    )
    visits = client.get(f"{API}/teams/{world.team_a.pk}/visits?start=2026-11-17&end=2026-11-18").json()
    assert [(v["date"], v["citizen_id"], v["grant_id"]) for v in visits] == [
        ("2026-11-17", world.citizen_a.pk, grant_a.pk),
        ("2026-11-18", world.citizen_a.pk, grant_a.pk),
    ]
    assert visits[0]["window_start"] == "2026-11-17T07:00:00+01:00"


def test_the_far_planner_cannot_expand_another_districts_team(world: World, grant_a: Grant) -> None:
    client = session_client(world.user("planner_far"))
    url = f"{API}/teams/{world.team_a.pk}/visits/expand"
    response = client.post(url, {"start": MONDAY.isoformat()}, content_type="application/json")
    assert response.status_code == 403
    assert not Visit.objects.exists()
