# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Logging in and out, the language switch, the layout, and each role's home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.lib.cpr import format_cpr
from naerhed.visits.services import expand_grants
from tests import factories as f
from tests.factories import PASSWORD
from tests.personas import World


def test_login_with_the_right_password_lands_on_the_home_page(world: World, client: Client) -> None:
    response = client.post("/login/", {"username": "carer", "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "Goddag" in response.content.decode()


def test_login_with_a_wrong_password_is_refused_in_danish(world: World, client: Client) -> None:
    response = client.post("/login/", {"username": "carer", "password": "wrong"})

    assert response.status_code == 200
    assert "korrekt brugernavn og adgangskode" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(world: World, client: Client) -> None:
    client.force_login(world.user("carer"))

    client.post("/logout/")

    assert client.get("/").status_code == 302


def test_pages_are_danish_by_default_and_english_after_the_switch(world: World, client: Client) -> None:
    client.force_login(world.user("carer"))
    assert "Borgere" in client.get("/").content.decode()

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get("/").content.decode()
    assert "Citizens" in html and 'lang="en"' in html


def test_header_names_the_user_their_role_and_team(world: World, client: Client) -> None:
    leader = world.user("teamleader")
    leader.first_name, leader.last_name = "Tove", "Leder"
    leader.save()
    client.force_login(leader)

    html = client.get("/").content.decode()

    assert "Tove Leder" in html and "Teamleder" in html and "Team Hjordkær" in html


def test_carer_home_lists_their_own_visits_today(world: World, client: Client) -> None:
    me = f.staff(team=world.team_a)
    carer = world.user("carer")
    carer.staff = me
    carer.save()
    f.grant(citizen=world.citizen_a, starts_on=timezone.localdate())
    expand_grants(team=world.team_a, start=timezone.localdate(), days=1)
    world.citizen_a.visits.get().carers.add(me)
    client.force_login(carer)

    html = client.get("/").content.decode()

    assert "Inger Andersen" in html and world.citizen_a.street in html


def test_team_leader_home_shows_the_team_its_counts_and_staff(world: World, client: Client) -> None:
    f.staff(team=world.team_a, first_name="Hanne", last_name="Holm")
    client.force_login(world.user("teamleader"))

    html = client.get("/").content.decode()

    assert "Team Hjordkær" in html and "Hanne Holm" in html and "Teamoverblik" in html


def test_planner_home_lists_the_districts_teams_only(world: World, client: Client) -> None:
    client.force_login(world.user("planner"))

    html = client.get("/").content.decode()

    assert "Team Hjordkær" in html and "Team Rødekro" in html and "Team Bov" not in html


def test_visitator_home_has_citizen_search_and_grants_ending_soon(world: World, client: Client) -> None:
    today = timezone.localdate()
    f.grant(
        citizen=world.citizen_far,
        starts_on=today - dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=5),
    )
    client.force_login(world.user("visitator"))

    html = client.get("/").content.decode()

    assert 'role="search"' in html and "Frandsen" in html


def test_manager_home_shows_figures_per_district_and_no_personal_data(world: World, client: Client) -> None:
    client.force_login(world.user("manager"))

    html = client.get("/").content.decode()

    assert "Aabenraa Syd" in html and "Aabenraa Nord" in html
    for personal in ("Andersen", "Bertelsen", "Frandsen", format_cpr(world.citizen_a.cpr)):
        assert personal not in html


def test_admin_home_links_to_the_admin_the_audit_log_and_users(world: World, client: Client) -> None:
    record_event(
        user=world.user("carer"), action=Action.DENIED, object_type="citizen", object_id=1, citizen_id=1
    )
    client.force_login(world.user("admin"))

    html = client.get("/").content.decode()

    assert 'href="/admin/"' in html and 'href="/audit/"' in html and 'href="/admin/accounts/user/"' in html


@pytest.mark.parametrize("name", ["carer", "teamleader", "planner", "visitator", "manager", "admin"])
def test_navigation_offers_only_pages_the_role_may_open(world: World, client: Client, name: str) -> None:
    client.force_login(world.user(name))

    html = client.get("/").content.decode()

    assert ('href="/audit/"' in html) == (name == "admin")
    assert ('href="/citizens/"' in html) == (name in {"carer", "teamleader", "planner", "visitator"})


def test_healthz_answers_without_login(db: None, client: Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}
