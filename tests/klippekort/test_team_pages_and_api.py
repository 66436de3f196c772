# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The team sees a citizen's klippekort on the record and through the API, within its scope; the team
and needs assessors correct it; other roles and teams are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from freezegun import freeze_time

import naerhed.urls  # noqa: F401  # load every view (and OR-Tools) before freezegun freezes the clock
from naerhed.audit.models import AuditEvent
from naerhed.grants.models import Grant, LawParagraph, Recurrence, ServiceKind
from naerhed.klippekort.models import EntryKind, KlippekortEntry
from tests import factories as f
from tests.personas import World
from tests.web.conftest import fast_password_hashing

__all__ = ["fast_password_hashing"]
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("card")]
NOW = "2026-11-20 10:00:00"


@pytest.fixture
def card(world: World) -> Grant:
    return f.grant(
        citizen=world.citizen_a,
        service=f.service(
            "klippekort", name="Klippekort", kind=ServiceKind.KLIPPEKORT, paragraph=LawParagraph.KLIPPEKORT
        ),
        starts_on=dt.date(2026, 11, 2),
        recurrence=Recurrence.ON_DEMAND,
        weekly_minutes=30,
        duration=30,
        window_start=dt.time(9),
        window_end=dt.time(16),
    )


def client(world: World, name: str) -> Client:
    c = Client()
    c.force_login(world.user(name))
    return c


@freeze_time(NOW)
def test_the_record_links_to_the_klippekort_page_showing_the_balance(world: World) -> None:
    c = client(world, "carer")
    record = c.get(f"/citizens/{world.citizen_a.pk}/")
    assert f"/klippekort/citizens/{world.citizen_a.pk}/" in record.content.decode()
    page = c.get(f"/klippekort/citizens/{world.citizen_a.pk}/")
    assert page.status_code == 200
    assert "90" in page.content.decode()
    assert AuditEvent.objects.filter(citizen_id=world.citizen_a.pk, summary="klippekort").exists()


@pytest.mark.parametrize("name", ["carer_b", "manager", "planner_far"])
@freeze_time(NOW)
def test_other_teams_and_roles_cannot_see_the_klippekort(world: World, name: str) -> None:
    assert client(world, name).get(f"/klippekort/citizens/{world.citizen_a.pk}/").status_code == 403
    assert client(world, name).get(f"/api/v1/citizens/{world.citizen_a.pk}/klippekort").status_code == 403


@freeze_time(NOW)
def test_the_team_corrects_on_the_page_and_a_planner_may_not(world: World) -> None:
    url = f"/klippekort/citizens/{world.citizen_a.pk}/"
    done = client(world, "teamleader").post(url, {"minutes": "-15", "note": "Dobbelt registreret"})
    assert done.status_code == 302
    assert KlippekortEntry.objects.get(kind=EntryKind.CORRECTION).minutes == -15
    assert client(world, "planner").post(url, {"minutes": "10", "note": "x"}).status_code == 403
    bad = client(world, "teamleader").post(url, {"minutes": "", "note": ""})
    assert bad.status_code == 400


@freeze_time(NOW)
def test_the_api_gives_the_balance_and_entries_and_takes_corrections(world: World) -> None:
    c = client(world, "visitator")
    body = c.get(f"/api/v1/citizens/{world.citizen_a.pk}/klippekort").json()
    assert body["balance"] == 90 and body["weekly_minutes"] == 30 and body["cap"] == 120
    assert [e["kind"] for e in body["entries"]] == ["granted"] * 3
    made = c.post(
        f"/api/v1/citizens/{world.citizen_a.pk}/klippekort/corrections",
        {"minutes": 30, "note": "Ekstra tid efter aftale"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["kind"] == "correction"
    assert c.get(f"/api/v1/citizens/{world.citizen_a.pk}/klippekort").json()["balance"] == 120
    refused = client(world, "planner").post(
        f"/api/v1/citizens/{world.citizen_a.pk}/klippekort/corrections",
        {"minutes": 30, "note": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 403
