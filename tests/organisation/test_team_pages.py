# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Team pages: members, leader and citizens count, within the user's scope."""

from __future__ import annotations

from django.test import Client

from tests import factories as f
from tests.personas import World


def test_team_page_shows_members_leader_and_citizens_count(world: World, client: Client) -> None:
    leader = f.staff(team=world.team_a, first_name="Lene", last_name="Leder")
    world.team_a.leader = leader
    world.team_a.save()
    f.staff(team=world.team_a, first_name="Mads", last_name="Medlem")
    f.citizen(team=world.team_a)
    client.force_login(world.user("carer"))

    response = client.get(f"/teams/{world.team_a.pk}/")

    html = response.content.decode()
    assert "Lene Leder" in html and "Mads Medlem" in html
    assert response.context["team"].citizen_count == 2
    assert response.context["team"].staff_count == 2


def test_team_list_of_a_visitator_covers_the_municipality(world: World, client: Client) -> None:
    client.force_login(world.user("visitator"))

    html = client.get("/teams/").content.decode()

    assert all(name in html for name in ("Team Hjordkær", "Team Rødekro", "Team Bov"))


def test_team_page_of_a_manager_has_counts_but_no_link_to_citizens(world: World, client: Client) -> None:
    client.force_login(world.user("manager"))

    html = client.get(f"/teams/{world.team_a.pk}/").content.decode()

    assert "/citizens/" not in html
