# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The staff list and a staff member's page, scoped by team or district."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.test import Client

from naerhed.workforce.models import Profession, Transport
from tests import factories as f
from tests.personas import World


def test_staff_page_shows_profession_competence_card_contract_shifts_transport_and_seniority(
    world: World, client: Client
) -> None:
    member = f.staff(
        team=world.team_a,
        first_name="Sanne",
        last_name="Assistent",
        profession=Profession.SSA,
        weekly_hours=Decimal("34.5"),
        works_evening=True,
        transport=Transport.ELECTRIC_CAR,
        employed_since=dt.date(2016, 5, 1),
        competences=["insulin"],
    )
    client.force_login(world.user("teamleader"))

    html = client.get(f"/staff/{member.pk}/").content.decode()

    for text in (
        "Sanne Assistent",
        "Social- og sundhedsassistent (SSA)",
        "34,5",
        "Dag, Aften",
        "Elbil",
        "insulin",
    ):
        assert text in html
    assert "1. jan. 2021" in html or "1. januar 2021" in html
    assert "år" in html


def test_staff_list_of_a_carer_shows_their_own_team_only(world: World, client: Client) -> None:
    f.staff(team=world.team_a, first_name="Anne")
    f.staff(team=world.team_b, first_name="Berit")
    client.force_login(world.user("carer"))

    html = client.get("/staff/").content.decode()

    assert "Anne" in html and "Berit" not in html


def test_staff_list_of_a_planner_covers_the_district_and_filters_by_team(
    world: World, client: Client
) -> None:
    f.staff(team=world.team_a, first_name="Anne")
    f.staff(team=world.team_b, first_name="Berit")
    f.staff(team=world.team_far, first_name="Fie")
    client.force_login(world.user("planner"))

    everyone = client.get("/staff/").content.decode()
    team_b = client.get("/staff/", {"team": world.team_b.pk}).content.decode()

    assert "Anne" in everyone and "Berit" in everyone and "Fie" not in everyone
    assert "Berit" in team_b and "Anne" not in team_b


def test_former_staff_are_left_out_of_the_list(world: World, client: Client) -> None:
    f.staff(team=world.team_a, first_name="Gone", employed_until=dt.date(2024, 1, 1))
    client.force_login(world.user("teamleader"))

    assert "Gone" not in client.get("/staff/").content.decode()
