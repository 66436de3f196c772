# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``/api/v1/figures/``: the same figures and the same scope rules as the dashboard."""

from __future__ import annotations

from django.test import Client

from tests.management.dataset import MONDAY, Week
from tests.personas import World


def api(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def test_a_team_leader_reads_the_teams_figures(world: World, week: Week) -> None:
    response = api(world, "teamleader").get("/api/v1/figures/", {"period": "week", "day": MONDAY.isoformat()})
    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == {"token": f"team-{world.team_a.pk}", "level": "team", "name": world.team_a.name}
    assert (body["start"], body["end"]) == ("2026-11-16", "2026-11-22")
    figures = {f["key"]: f for f in body["figures"]}
    assert figures["continuity"]["total"] == {"label": "I alt", "values": [2.0, 1.5]}
    assert figures["continuity"]["columns"][1]["unit"] == "number"


def test_a_scope_outside_ones_own_is_refused(world: World) -> None:
    token = f"team-{world.team_far.pk}"
    response = api(world, "planner").get("/api/v1/figures/", {"scope": token, "day": MONDAY.isoformat()})
    assert response.status_code == 403


def test_a_carer_gets_no_figures(world: World) -> None:
    assert api(world, "carer").get("/api/v1/figures/scopes").status_code == 403


def test_scopes_lists_what_a_planner_may_choose(world: World) -> None:
    response = api(world, "planner").get("/api/v1/figures/scopes")
    assert [s["level"] for s in response.json()] == ["district", "team", "team"]


def test_a_bad_period_names_the_field(world: World) -> None:
    response = api(world, "manager").get("/api/v1/figures/", {"period": "decade", "day": MONDAY.isoformat()})
    assert response.status_code == 422
    assert "period" in str(response.json()["detail"])
