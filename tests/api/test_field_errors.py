# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Bad input is refused with a 4xx that names the field, and nothing is half-written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from naerhed.audit.models import Action, AuditEvent
from naerhed.grants.models import Grant, Service
from tests.api.conftest import API, grant_body, session_client
from tests.personas import World

pytestmark = pytest.mark.urls("tests.api.urls")


@pytest.fixture
def visitator(world: World) -> Client:
    return session_client(world.user("visitator"))


def post_grant(client: Client, world: World, body: dict[str, Any]) -> Any:
    return client.post(f"{API}/citizens/{world.citizen_a.pk}/grants", body, content_type="application/json")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"starts_on": "2026-12-01", "ends_on": "2026-11-01"}, "ends_on"),
        ({"service_id": 999_999}, "service_id"),
        ({"weekdays": "1111"}, "weekdays"),
        ({"weekdays": "0000000"}, "weekdays"),
        ({"recurrence": "weekdays", "weekdays": "11x1100"}, "weekdays"),
        ({"window_start": "10:00", "window_end": "08:00"}, "window_end"),
        ({"recurrence": "interval"}, "interval_days"),
        ({"recurrence": "frame"}, "weekly_minutes"),
        ({"duration": 600}, "duration"),
    ],
    ids=[
        "end before start",
        "unknown service",
        "short weekdays",
        "no weekday",
        "bad digit",
        "window",
        "interval",
        "frame",
        "duration",
    ],
)
def test_a_grant_the_model_refuses_is_a_400_naming_the_field(
    world: World, visitator: Client, service: Service, overrides: dict[str, Any], field: str
) -> None:
    response = post_grant(visitator, world, grant_body(service, **overrides))
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Grant.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.CREATE, object_type="grant").exists()


def test_the_end_date_error_says_what_is_wrong(world: World, service: Service) -> None:
    client = Client(headers={"accept-language": "en"})
    client.force_login(world.user("visitator"))
    body = grant_body(service, starts_on="2026-12-01", ends_on="2026-11-01")
    assert post_grant(client, world, body).json()["errors"] == {
        "ends_on": ["The end date is before the start date."]
    }


def test_an_inactive_service_cannot_be_granted(world: World, visitator: Client, service: Service) -> None:
    Service.objects.filter(pk=service.pk).update(active=False)
    response = post_grant(visitator, world, grant_body(service))
    assert response.status_code == 400
    assert "service_id" in response.json()["errors"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"recurrence": "sometimes"}, "recurrence"),
        ({"starts_on": "the first of May"}, "starts_on"),
        ({"service_id": "morgenpakke"}, "service_id"),
        ({"window_start": "25:00"}, "window_start"),
        ({"interval_days": 0}, "interval_days"),
    ],
)
def test_a_grant_that_does_not_fit_the_schema_is_a_422_naming_the_field(
    world: World, visitator: Client, service: Service, overrides: dict[str, Any], field: str
) -> None:
    response = post_grant(visitator, world, grant_body(service, **overrides))
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == [field]


def test_a_grant_without_a_required_field_is_a_422_naming_it(
    world: World, visitator: Client, service: Service
) -> None:
    body = grant_body(service)
    del body["window_start"]
    response = post_grant(visitator, world, body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "window_start"]


def test_a_refused_change_leaves_the_grant_and_the_log_as_they_were(
    world: World, visitator: Client, grant_a: Grant
) -> None:
    url = f"{API}/grants/{grant_a.pk}"
    response = visitator.patch(
        url, {"ends_on": "2026-01-01", "duration": 40}, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["ends_on"]
    grant_a.refresh_from_db()
    assert (grant_a.ends_on, grant_a.duration) == (None, 25)
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_ending_a_grant_before_it_starts_is_refused_naming_ends_on(
    world: World, visitator: Client, grant_a: Grant
) -> None:
    url = f"{API}/grants/{grant_a.pk}/end"
    response = visitator.post(url, {"ends_on": "2026-11-01"}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["ends_on"]


def test_a_visit_range_ending_before_it_starts_is_a_422_naming_end(world: World) -> None:
    client = session_client(world.user("teamleader"))
    response = client.get(f"{API}/teams/{world.team_a.pk}/visits?start=2026-11-16&end=2026-11-10")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "end"


@pytest.mark.parametrize("days", [0, 63, "a week"])
def test_expanding_an_impossible_number_of_days_is_a_422_naming_days(world: World, days: object) -> None:
    client = session_client(world.user("teamleader"))
    url = f"{API}/teams/{world.team_a.pk}/visits/expand"
    response = client.post(url, {"start": "2026-11-16", "days": days}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "days"]


@pytest.mark.parametrize("citizen_id", ["unknown", "forbidden"])
def test_unknown_and_forbidden_citizens_both_get_403(world: World, citizen_id: str) -> None:
    pk = 999_999 if citizen_id == "unknown" else world.citizen_b.pk
    response = session_client(world.user("carer")).get(f"{API}/citizens/{pk}")
    assert response.status_code == 403
    assert response.json() == {"detail": "citizen outside your scope"}


def test_unknown_and_forbidden_grants_get_the_same_403(world: World, grant_a: Grant) -> None:
    client = session_client(world.user("carer_b"))
    forbidden = client.get(f"{API}/grants/{grant_a.pk}")
    unknown = client.get(f"{API}/grants/999999")
    assert forbidden.status_code == unknown.status_code == 403
    assert forbidden.json() == unknown.json() == {"detail": "grant outside your scope"}
