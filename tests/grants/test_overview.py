# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The needs assessor's overview: grants ending within 14 days and §138 nursing without an end date, in
the assessor's municipality only, reached from the home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from freezegun import freeze_time

import naerhed.urls  # noqa: F401  # load every view before freezegun freezes the clock
from naerhed.accounts.models import Role
from naerhed.audit.models import Action, AuditEvent
from naerhed.grants.models import LawParagraph
from tests import factories as f
from tests.personas import World
from tests.web.conftest import fast_password_hashing

__all__ = ["fast_password_hashing"]
pytestmark = pytest.mark.django_db
NOW = "2026-11-20 10:00:00"
TODAY = dt.date(2026, 11, 20)


def client(world: World, name: str = "visitator") -> Client:
    c = Client()
    c.force_login(world.user(name))
    return c


@freeze_time(NOW)
def test_the_overview_lists_grants_ending_within_14_days_and_open_ended_nursing(world: World) -> None:
    package = f.service("morgenpakke", name="Morgenpakke")
    nursing = f.service("ojendryp", name="Øjendryp", paragraph=LawParagraph.SUL_138)
    ending = f.grant(citizen=world.citizen_a, service=package, ends_on=TODAY + dt.timedelta(days=14))
    later = f.grant(citizen=world.citizen_a, service=package, ends_on=TODAY + dt.timedelta(days=15))
    ended = f.grant(citizen=world.citizen_b, service=package, ends_on=TODAY - dt.timedelta(days=1))
    open_nursing = f.grant(citizen=world.citizen_far, service=nursing)
    limited_nursing = f.grant(citizen=world.citizen_b, service=nursing, ends_on=TODAY + dt.timedelta(days=60))

    response = client(world).get("/grants/")

    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.ending_soon == [ending]
    assert overview.nursing_open_ended == [open_nursing]
    assert {later, ended, limited_nursing}.isdisjoint({*overview.ending_soon, *overview.nursing_open_ended})
    page = response.content.decode()
    assert "Bevillinger til opfølgning" in page
    assert (
        f'href="/citizens/{world.citizen_a.pk}/"' in page
        and f'href="/citizens/{world.citizen_far.pk}/"' in page
    )
    event = AuditEvent.objects.get(username="visitator")
    assert (event.action, event.object_type) == (Action.VIEW, "grant-overview")


@freeze_time(NOW)
def test_grants_of_another_municipality_are_not_listed(world: World) -> None:
    nursing = f.service("ojendryp", name="Øjendryp", paragraph=LawParagraph.SUL_138)
    elsewhere = f.municipality(code="550", name="Tønder")
    team = f.team(district=f.district(municipality=elsewhere))
    theirs = f.grant(citizen=f.citizen(team=team), service=nursing)
    ours = f.grant(citizen=world.citizen_a, service=nursing)
    assert client(world).get("/grants/").context["overview"].nursing_open_ended == [ours]
    stranger = f.user(Role.VISITATOR, municipality=elsewhere)
    c = Client()
    c.force_login(stranger)
    assert c.get("/grants/").context["overview"].nursing_open_ended == [theirs]


@freeze_time(NOW)
def test_the_visitators_home_page_and_navigation_link_to_the_overview(world: World) -> None:
    home = client(world).get("/").content.decode()
    assert '<a class="button" href="/grants/" data-testid="grant-overview-link">' in home
    assert 'href="/grants/"' in home.split("</nav>")[0]
    nurse_home = client(world, "nurse").get("/").content.decode()
    assert 'href="/grants/"' not in nurse_home


@freeze_time(NOW)
def test_the_api_gives_the_same_follow_up_list_to_visitators_only(world: World) -> None:
    nursing = f.service("ojendryp", name="Øjendryp", paragraph=LawParagraph.SUL_138)
    open_nursing = f.grant(citizen=world.citizen_b, service=nursing)
    ending = f.grant(citizen=world.citizen_a, service=nursing, ends_on=TODAY + dt.timedelta(days=3))
    response = client(world).get("/api/v1/grant-follow-up")
    assert response.status_code == 200
    body = response.json()
    assert (body["today"], body["horizon"]) == ("2026-11-20", "2026-12-04")
    assert [g["id"] for g in body["ending_soon"]] == [ending.pk]
    assert [g["id"] for g in body["nursing_open_ended"]] == [open_nursing.pk]
    for name in ("nurse", "planner", "manager", "admin"):
        assert client(world, name).get("/api/v1/grant-follow-up").status_code == 403
    assert AuditEvent.objects.filter(object_type="grant-overview", action=Action.DENIED).count() == 4
