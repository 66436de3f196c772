# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The planning pages for every role: team leaders plan their team, planners their district, no one else.

The runs here are for team A. ``planner_far`` plans another district; the other
roles do not plan at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from naerhed.planner import io as plan_io
from naerhed.planner.plan import Plan
from naerhed.planning import services
from naerhed.planning.models import PlanningRun, RunStatus
from tests import factories as f
from tests.personas import World
from tests.planning.conftest import MONDAY, SECONDS

pytestmark = pytest.mark.django_db

ALL = ("carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "visitator", "manager", "admin")
PLANNERS = {"teamleader", "planner", "planner_far"}
IN_SCOPE = {"teamleader", "planner"}


def _client(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


@pytest.fixture
def queued(world: World) -> PlanningRun:
    return services.start_run(team=world.team_a, start=MONDAY, by=None, time_limit=SECONDS)


@pytest.fixture
def draft(queued: PlanningRun) -> PlanningRun:
    """A draft that plans nothing (enough to publish; the engine is tested elsewhere)."""
    instance = queued.instance or {}
    PlanningRun.objects.filter(pk=queued.pk).update(
        status=RunStatus.DRAFT, plan=plan_io.dump_plan(Plan(instance=instance["name"], routes=()))
    )
    queued.refresh_from_db()
    return queued


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("page", ["", "new/"])
def test_the_run_list_and_start_form_open_only_to_team_leaders_and_planners(
    world: World, name: str, page: str
) -> None:
    response = _client(world, name).get(f"/planning/{page}")

    assert response.status_code == (200 if name in PLANNERS else 403)


@pytest.mark.parametrize("page", ["", "new/", "1/", "1/status/"])
def test_the_planning_pages_send_anonymous_visitors_to_the_login(page: str) -> None:
    response = Client().get(f"/planning/{page}")

    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_run_list_shows_only_runs_of_teams_in_scope(world: World, queued: PlanningRun) -> None:
    assert f"/planning/{queued.pk}/" in _client(world, "planner").get("/planning/").content.decode()
    assert f"/planning/{queued.pk}/" not in _client(world, "planner_far").get("/planning/").content.decode()


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("page", ["", "status/"])
def test_a_run_and_its_status_open_only_to_its_teams_leader_and_district_planner(
    world: World, queued: PlanningRun, name: str, page: str
) -> None:
    response = _client(world, name).get(f"/planning/{queued.pk}/{page}")

    assert response.status_code == (200 if name in IN_SCOPE else 403)


def test_the_start_form_offers_a_team_leader_only_their_own_team(world: World) -> None:
    response = _client(world, "teamleader").post(
        "/planning/new/", {"team": world.team_b.pk, "week_start": MONDAY.isoformat(), "time_limit": SECONDS}
    )

    assert response.status_code == 400 and not PlanningRun.objects.exists()


def test_the_start_form_wants_a_monday(world: World) -> None:
    response = _client(world, "planner").post(
        "/planning/new/", {"team": world.team_a.pk, "week_start": "2026-11-17", "time_limit": SECONDS}
    )

    assert response.status_code == 400 and "week_start" in response.context["form"].errors


def test_a_planner_starts_a_run_for_a_team_in_the_district_and_lands_on_it(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _client(world, "planner").post(
            "/planning/new/", {"team": world.team_b.pk, "week_start": MONDAY.isoformat(), "time_limit": 5}
        )

    run = PlanningRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/planning/{run.pk}/"
    assert run.team == world.team_b and run.time_limit == 5 and run.created_by == world.user("planner")
    assert len(callbacks) == 1


def test_a_planner_who_picks_no_team_starts_one_run_per_team_of_the_district(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _client(world, "planner").post(
            "/planning/new/", {"team": "", "week_start": MONDAY.isoformat(), "time_limit": 5}
        )

    assert response.status_code == 302 and response["Location"] == "/planning/"
    assert {run.team for run in PlanningRun.objects.all()} == {world.team_a, world.team_b}
    assert len(callbacks) == 2


def test_a_running_run_polls_its_status_and_an_ended_one_does_not(world: World, queued: PlanningRun) -> None:
    client = _client(world, "teamleader")
    assert b"data-poll-url" in client.get(f"/planning/{queued.pk}/status/").content

    services.cancel_run(run=queued, by=None)

    page = client.get(f"/planning/{queued.pk}/").content
    assert b"data-poll-url" not in page and b"poll.js" not in page


def test_a_failed_run_shows_why(world: World) -> None:
    team = f.team(district=world.team_a.district, office_lat=None, office_lon=None)
    run = services.start_run(team=team, start=MONDAY, by=None, time_limit=SECONDS)

    response = _client(world, "planner").get(f"/planning/{run.pk}/")

    assert "has no office coordinates" in response.content.decode()


def test_a_draft_shows_the_comparison_and_a_publish_button(world: World, draft: PlanningRun) -> None:
    response = _client(world, "teamleader").get(f"/planning/{draft.pk}/")

    assert response.context["diff"] is not None
    assert f'action="/planning/{draft.pk}/publish/"'.encode() in response.content


@pytest.mark.parametrize("name", ALL)
def test_only_the_teams_leader_and_district_planner_can_cancel_a_run(
    world: World, queued: PlanningRun, name: str
) -> None:
    response = _client(world, name).post(f"/planning/{queued.pk}/cancel/")

    queued.refresh_from_db()
    if name in IN_SCOPE:
        assert response.status_code == 302 and queued.status == RunStatus.CANCELLED
    else:
        assert response.status_code == 403 and queued.status == RunStatus.QUEUED


@pytest.mark.parametrize("name", ALL)
def test_only_the_teams_leader_and_district_planner_can_publish_a_draft(
    world: World, draft: PlanningRun, name: str
) -> None:
    response = _client(world, name).post(f"/planning/{draft.pk}/publish/")

    draft.refresh_from_db()
    if name in IN_SCOPE:
        assert response.status_code == 302 and draft.status == RunStatus.PUBLISHED
    else:
        assert response.status_code == 403 and draft.status == RunStatus.DRAFT


def test_publishing_a_run_that_is_not_a_draft_says_so_and_changes_nothing(
    world: World, queued: PlanningRun
) -> None:
    response = _client(world, "teamleader").post(f"/planning/{queued.pk}/publish/", follow=True)

    queued.refresh_from_db()
    assert queued.status == RunStatus.QUEUED
    assert [str(m) for m in response.context["messages"]] == ["Kun et udkast kan offentliggøres."]


@pytest.mark.parametrize("action", ["cancel", "publish"])
def test_cancel_and_publish_need_a_post_with_a_csrf_token(
    world: World, draft: PlanningRun, action: str
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("teamleader"))

    assert client.get(f"/planning/{draft.pk}/{action}/").status_code == 405
    assert client.post(f"/planning/{draft.pk}/{action}/").status_code == 403
    draft.refresh_from_db()
    assert draft.status == RunStatus.DRAFT
