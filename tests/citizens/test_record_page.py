# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The citizen list and record page: what they show, what they never show, and what they log."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from naerhed.audit.models import Action, AuditEvent
from naerhed.citizens.fsiii import function_areas
from naerhed.citizens.models import CarerWish, CarerWishKind, FunctionLevel, Relative
from naerhed.grants.models import LawParagraph
from naerhed.lib.cpr import format_cpr
from naerhed.visits.services import expand_grants
from tests import factories as f
from tests.personas import World


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    return match.group(1) if match else ""


def _full_record(world: World) -> None:
    """Give citizen A a relative, wishes, a function level, a time-limited grant and visits."""
    citizen, today = world.citizen_a, timezone.localdate()
    key = f.staff(team=world.team_a, first_name="Karin", last_name="Kontakt")
    citizen.key_person, citizen.lives_alone = key, True
    citizen.save()
    Relative.objects.create(
        citizen=citizen,
        name="Lis Datter",
        relation="datter",
        consent_to_share=True,
        consent_recorded_on=dt.date(2025, 2, 1),
    )
    CarerWish.objects.create(citizen=citizen, staff=key, kind=CarerWishKind.PREFERRED)
    CarerWish.objects.create(
        citizen=citizen,
        staff=f.staff(team=world.team_a, first_name="Bo"),
        kind=CarerWishKind.BLOCKED,
        reason="uenighed",
    )
    area = next(iter(function_areas().values()))
    FunctionLevel.objects.create(citizen=citizen, fsiii_code=area.code, level=3, assessed_on=today)
    service = f.service("sygepleje-ojendryp", paragraph=LawParagraph.SUL_138, name="Øjendryp")
    f.grant(citizen=citizen, service=service, starts_on=today, ends_on=today + dt.timedelta(days=13))
    expand_grants(team=world.team_a, start=today, days=3)


def test_record_page_shows_the_whole_record_with_the_full_cpr_number(world: World, client: Client) -> None:
    _full_record(world)
    client.force_login(world.user("teamleader"))

    html = client.get(f"/citizens/{world.citizen_a.pk}/").content.decode()

    assert format_cpr(world.citizen_a.cpr) in html
    for text in ("Inger Andersen", "Karin Kontakt", "Lis Datter", "uenighed", "Øjendryp", "tidsbegrænset"):
        assert text in html
    assert next(iter(function_areas().values())).name in html
    assert "SUL §138 hjemmesygepleje (overdraget)" in html
    assert "bor alene" in html


def test_record_page_title_never_holds_the_cpr_number(world: World, client: Client) -> None:
    client.force_login(world.user("carer"))

    html = client.get(f"/citizens/{world.citizen_a.pk}/").content.decode()

    assert world.citizen_a.cpr[:6] not in _title(html)


def test_opening_a_record_logs_who_what_and_from_where_without_the_cpr_number(
    world: World, client: Client
) -> None:
    client.force_login(world.user("nurse"))

    client.get(f"/citizens/{world.citizen_a.pk}/", REMOTE_ADDR="10.1.2.3")

    event = AuditEvent.objects.get()
    assert (event.username, event.role, event.action) == ("nurse", "nurse", Action.VIEW)
    assert (event.citizen_id, event.ip_address, event.channel) == (world.citizen_a.pk, "10.1.2.3", "web")
    assert world.citizen_a.cpr not in event.summary + event.path + event.object_id


def test_refused_record_is_a_danish_403_page_and_a_denied_event(world: World, client: Client) -> None:
    client.force_login(world.user("carer"))

    response = client.get(f"/citizens/{world.citizen_b.pk}/")

    assert response.status_code == 403
    assert "Adgang nægtet" in response.content.decode()
    assert "Bertelsen" not in response.content.decode()
    assert AuditEvent.objects.get().action == Action.DENIED


def test_unknown_citizen_id_is_refused_like_a_citizen_outside_the_scope(world: World, client: Client) -> None:
    client.force_login(world.user("carer"))

    assert client.get("/citizens/999999/").status_code == 403


def test_record_page_takes_the_same_number_of_queries_however_many_visits(
    world: World, client: Client
) -> None:
    client.force_login(world.user("teamleader"))
    url = f"/citizens/{world.citizen_a.pk}/"
    _full_record(world)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    expand_grants(team=world.team_a, start=timezone.localdate(), days=14)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_citizen_list_shows_masked_cpr_numbers_only(world: World, client: Client) -> None:
    client.force_login(world.user("planner"))

    html = client.get("/citizens/").content.decode()

    assert world.citizen_a.cpr_masked in html and world.citizen_b.cpr_masked in html
    for citizen in (world.citizen_a, world.citizen_b):
        assert citizen.cpr not in html and format_cpr(citizen.cpr) not in html
    assert "Frandsen" not in html


def test_citizen_list_is_searchable_by_name_and_filtered_by_team(world: World, client: Client) -> None:
    client.force_login(world.user("visitator"))

    by_name = client.get("/citizens/", {"q": "poul bert"}).content.decode()
    by_team = client.get("/citizens/", {"team": world.team_far.pk}).content.decode()

    assert "Bertelsen" in by_name and "Andersen" not in by_name
    assert "Frandsen" in by_team and "Bertelsen" not in by_team


def test_citizen_list_refuses_a_team_outside_the_scope_as_a_filter(world: World, client: Client) -> None:
    client.force_login(world.user("carer"))

    html = client.get("/citizens/", {"team": world.team_b.pk}).content.decode()

    assert "Bertelsen" not in html


def test_citizen_list_takes_the_same_number_of_queries_however_many_citizens(
    world: World, client: Client
) -> None:
    client.force_login(world.user("visitator"))
    with CaptureQueriesContext(connection) as few:
        client.get("/citizens/")
    for _ in range(5):
        f.citizen(team=world.team_b, key_person=f.staff(team=world.team_b))
    with CaptureQueriesContext(connection) as many:
        client.get("/citizens/")

    assert len(many) == len(few)


def test_citizen_list_pages_keep_the_search_and_each_page_read_is_logged(
    world: World, client: Client
) -> None:
    for k in range(105):
        f.citizen(team=world.team_a, first_name="Side", last_name=f"Borger{k:03}")
    client.force_login(world.user("visitator"))

    first = client.get("/citizens/", {"q": "side"}).content.decode()
    second = client.get("/citizens/", {"q": "side", "page": "2"}).content.decode()

    assert "Borger000" in first and "Borger104" not in first and "q=side&amp;page=2" in first
    assert "Borger104" in second and "Borger000" not in second
    logged = AuditEvent.objects.filter(object_type="citizen-list", action=Action.VIEW)
    assert [e.summary for e in logged.order_by("pk")] == [
        "page 1 of 2: 100 citizens",
        "page 2 of 2: 5 citizens",
    ]
