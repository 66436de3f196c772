# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every role against every endpoint, through a session and through a bearer token.

The world: teams A and B share a district, team 'far' is in another; each role's user as in
tests/personas.py. Requests go to team A, its citizen and their grant unless the row says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from naerhed.grants.models import Grant, Service
from naerhed.workforce.models import StaffMember
from tests.api.conftest import MONDAY, client_for, grant_body, send
from tests.personas import World

pytestmark = pytest.mark.urls("tests.api.urls")

ROLES = ("carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "visitator", "manager", "admin")
EVERYONE = frozenset(ROLES)
TEAM_A_RECORDS = frozenset({"carer", "teamleader", "nurse", "planner", "visitator"})


@dataclass(frozen=True)
class Case:
    """One endpoint: how to call it, what success looks like, and who succeeds."""

    method: str
    url: Callable[[World, Grant, StaffMember], str]
    allowed: frozenset[str]
    success: int = 200
    body: Callable[[Service], dict[str, Any]] | None = None
    session_only: bool = False


CASES = {
    "list teams": Case("GET", lambda w, g, s: "/teams/", EVERYONE),
    "team A": Case("GET", lambda w, g, s: f"/teams/{w.team_a.pk}", EVERYONE - {"carer_b", "planner_far"}),
    "far team": Case(
        "GET",
        lambda w, g, s: f"/teams/{w.team_far.pk}",
        frozenset({"planner_far", "visitator", "manager", "admin"}),
    ),
    "list staff": Case("GET", lambda w, g, s: "/staff/", EVERYONE - {"visitator"}),
    "staff of team A": Case(
        "GET", lambda w, g, s: f"/staff/{s.pk}", EVERYONE - {"carer_b", "planner_far", "visitator"}
    ),
    "list citizens": Case("GET", lambda w, g, s: "/citizens/", EVERYONE - {"manager", "admin"}),
    "citizen of team A": Case("GET", lambda w, g, s: f"/citizens/{w.citizen_a.pk}", TEAM_A_RECORDS),
    "citizen's grants": Case("GET", lambda w, g, s: f"/citizens/{w.citizen_a.pk}/grants", TEAM_A_RECORDS),
    "new grant": Case(
        "POST",
        lambda w, g, s: f"/citizens/{w.citizen_a.pk}/grants",
        frozenset({"visitator"}),
        success=201,
        body=lambda service: grant_body(service),
    ),
    "one grant": Case("GET", lambda w, g, s: f"/grants/{g.pk}", TEAM_A_RECORDS),
    "change grant": Case(
        "PATCH", lambda w, g, s: f"/grants/{g.pk}", frozenset({"visitator"}), body=lambda _: {"duration": 30}
    ),
    "end grant": Case(
        "POST",
        lambda w, g, s: f"/grants/{g.pk}/end",
        frozenset({"visitator"}),
        body=lambda _: {"ends_on": "2026-12-31"},
    ),
    "team A's visits": Case(
        "GET", lambda w, g, s: f"/teams/{w.team_a.pk}/visits?start=2026-11-16&end=2026-11-22", TEAM_A_RECORDS
    ),
    "expand team A": Case(
        "POST",
        lambda w, g, s: f"/teams/{w.team_a.pk}/visits/expand",
        frozenset({"teamleader", "planner"}),
        body=lambda _: {"start": MONDAY.isoformat(), "days": 7},
    ),
    "list tokens": Case("GET", lambda w, g, s: "/tokens/", EVERYONE, session_only=True),
    "new token": Case(
        "POST",
        lambda w, g, s: "/tokens/",
        EVERYONE,
        success=201,
        body=lambda _: {"name": "x"},
        session_only=True,
    ),
}


def expected_status(case: Case, role: str, auth: str) -> int:
    if case.session_only and auth == "token":
        return 401
    return case.success if role in case.allowed else 403


@pytest.mark.parametrize("auth", ["session", "token"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(CASES))
def test_each_role_reaches_exactly_the_endpoints_its_scope_allows(
    world: World, grant_a: Grant, staff_a: StaffMember, service: Service, endpoint: str, role: str, auth: str
) -> None:
    case = CASES[endpoint]
    body = case.body(service) if case.body else None
    response = send(client_for(world.user(role), auth), case.method, case.url(world, grant_a, staff_a), body)
    assert response.status_code == expected_status(case, role, auth), response.content


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lists_only_citizens_in_its_scope(world: World, role: str) -> None:
    expected = {
        "carer": {"a"},
        "carer_b": {"b"},
        "teamleader": {"a"},
        "nurse": {"a"},
        "planner": {"a", "b"},
        "planner_far": {"far"},
        "visitator": {"a", "b", "far"},
    }.get(role)
    response = send(client_for(world.user(role), "session"), "GET", "/citizens/")
    if expected is None:
        assert response.status_code == 403
        return
    ids = {item["id"] for item in response.json()["items"]}
    by_name = {"a": world.citizen_a.pk, "b": world.citizen_b.pk, "far": world.citizen_far.pk}
    assert ids == {by_name[name] for name in expected}
