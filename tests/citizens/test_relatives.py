# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Relatives on the record: the own team adds, changes and removes them; every write is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from naerhed.audit.models import Action, AuditEvent
from naerhed.citizens.models import Relative
from naerhed.citizens.relatives import normalise_phone, save_relative
from tests.personas import World

GOOD = {"name": "Lis Datter", "relation": "datter", "phone": "20 30 40 50", "email": "", "is_primary": "on"}


def test_the_team_adds_a_relative_with_consent_and_a_normalised_phone(world: World, client: Client) -> None:
    client.force_login(world.user("teamleader"))
    data = {**GOOD, "consent_to_share": "on", "consent_recorded_on": "2026-11-20"}

    response = client.post(f"/citizens/{world.citizen_a.pk}/relatives/new/", data)

    assert response.status_code == 302
    relative = Relative.objects.get(citizen=world.citizen_a)
    assert (relative.phone, relative.consent_recorded_on, relative.is_primary) == (
        "+4520304050",
        dt.date(2026, 11, 20),
        True,
    )
    event = AuditEvent.objects.get(object_type="relative")
    assert (event.action, event.citizen_id, event.summary) == (
        Action.CREATE,
        world.citizen_a.pk,
        "relative added",
    )
    assert "Lis" not in event.summary and "2030" not in event.summary


def test_consent_without_a_date_and_a_bad_phone_are_refused_naming_the_fields(
    world: World, client: Client
) -> None:
    client.force_login(world.user("teamleader"))
    data = {**GOOD, "phone": "1234", "consent_to_share": "on", "consent_recorded_on": ""}

    response = client.post(f"/citizens/{world.citizen_a.pk}/relatives/new/", data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Angiv hvornår samtykket blev givet." in html
    assert "Skriv et dansk telefonnummer med 8 cifre" in html
    assert not Relative.objects.exists()


def test_a_new_primary_contact_replaces_the_old_one(world: World) -> None:
    by = world.user("teamleader")
    first = save_relative(citizen=world.citizen_a, by=by, name="A", relation="søn", is_primary=True)
    second = save_relative(citizen=world.citizen_a, by=by, name="B", relation="nabo", is_primary=True)

    first.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)


def test_changing_and_removing_a_relative_is_logged_with_field_names_only(
    world: World, client: Client
) -> None:
    by = world.user("teamleader")
    relative = save_relative(citizen=world.citizen_a, by=by, name="Lis", relation="datter")
    client.force_login(by)

    client.post(f"/citizens/{world.citizen_a.pk}/relatives/{relative.pk}/", {**GOOD, "name": "Lis Hansen"})
    client.post(f"/citizens/{world.citizen_a.pk}/relatives/{relative.pk}/remove/")

    summaries = list(
        AuditEvent.objects.filter(object_type="relative").order_by("pk").values_list("summary", flat=True)
    )
    assert summaries == ["relative added", "relative: name, phone, is_primary", "relative removed"]
    assert not Relative.objects.exists()


@pytest.mark.parametrize("name", ["carer_b", "planner", "visitator", "manager"])
def test_only_the_citizens_own_team_edits_relatives(world: World, client: Client, name: str) -> None:
    relative = save_relative(
        citizen=world.citizen_a, by=world.user("teamleader"), name="Lis", relation="datter"
    )
    client.force_login(world.user(name))

    new = client.post(f"/citizens/{world.citizen_a.pk}/relatives/new/", GOOD)
    remove = client.post(f"/citizens/{world.citizen_a.pk}/relatives/{relative.pk}/remove/")

    assert (new.status_code, remove.status_code) == (403, 403)
    assert Relative.objects.count() == 1


def test_a_relative_of_another_citizen_is_not_found_through_this_one(world: World, client: Client) -> None:
    other = save_relative(citizen=world.citizen_b, by=world.user("admin"), name="X", relation="søn")
    client.force_login(world.user("teamleader"))

    response = client.post(f"/citizens/{world.citizen_a.pk}/relatives/{other.pk}/remove/")

    assert response.status_code == 404 and Relative.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize(
    ("raw", "clean"), [("20 30 40 50", "+4520304050"), ("+45 2030-4050", "+4520304050"), ("", "")]
)
def test_phone_numbers_are_normalised(raw: str, clean: str) -> None:
    assert normalise_phone(raw) == clean


def test_a_phone_number_that_is_not_danish_is_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        normalise_phone("0046 70 123 45 67")
    assert "phone" in raised.value.message_dict
