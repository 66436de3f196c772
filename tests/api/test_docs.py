# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The OpenAPI description and its documentation page."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.api.conftest import API, session_client
from tests.personas import World

pytestmark = pytest.mark.urls("tests.api.urls")

PATHS = [
    "/teams/",
    "/teams/{team_id}",
    "/staff/",
    "/staff/{staff_id}",
    "/citizens/",
    "/citizens/{citizen_id}",
    "/citizens/{citizen_id}/grants",
    "/grants/{grant_id}",
    "/grants/{grant_id}/end",
    "/grant-follow-up",
    "/teams/{team_id}/visits",
    "/teams/{team_id}/visits/expand",
    "/tokens/",
    "/tokens/{token_id}/revoke",
    "/teams/{team_id}/absences",
    "/teams/{team_id}/days/{day}/optimise",
    "/proposals/{proposal_id}",
    "/proposals/{proposal_id}/accept",
    "/figures/",
    "/figures/scopes",
    "/citizens/{citizen_id}/klippekort",
    "/citizens/{citizen_id}/klippekort/corrections",
    "/citizens/{citizen_id}/klippekort/period",
    "/quality/teams/{team_id}/startup-conversations",
    "/quality/startup-conversations/{pk}/plan",
    "/quality/startup-conversations/{pk}/cancel",
    "/quality/startup-conversations/{pk}/record",
    "/quality/startup-conversations/{pk}/scores",
    "/quality/citizens/{citizen_id}/observations",
    "/quality/citizens/{citizen_id}/tobs",
    "/quality/citizens/{citizen_id}/triage",
    "/quality/teams/{team_id}/board/{date}",
    "/quality/teams/{team_id}/board/{date}/actions",
    "/quality/citizens/{citizen_id}/wellbeing-conversations",
    "/messages/citizens/{citizen_id}",
    "/messages/citizens/{citizen_id}/preference",
    "/teams/{team_id}/board/{day}",
    "/teams/{team_id}/board/{day}/moves",
]


def test_the_docs_page_renders_for_a_logged_in_user(world: World) -> None:
    response = session_client(world.user("carer")).get(f"{API}/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_the_docs_page_sends_anonymous_visitors_to_log_in(db: None) -> None:
    response = Client().get(f"{API}/docs")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_openapi_description_is_json_listing_every_path(world: World) -> None:
    response = session_client(world.user("carer")).get(f"{API}/openapi.json")
    schema = json.loads(response.content)
    assert schema["info"] == {
        "title": "Nærhed API",
        "version": "1",
        "description": schema["info"]["description"],
    }
    assert sorted(schema["paths"]) == sorted(f"{API}{path}" for path in PATHS)
    assert set(schema["components"]["securitySchemes"]) == {"BearerToken", "ActiveSession"}


def test_the_openapi_description_names_the_grant_fields(world: World) -> None:
    schema = session_client(world.user("carer")).get(f"{API}/openapi.json").json()
    grant_in = schema["components"]["schemas"]["GrantIn"]
    assert {"service_id", "starts_on", "recurrence", "window_start", "window_end", "duration"} <= set(
        grant_in["required"]
    )
