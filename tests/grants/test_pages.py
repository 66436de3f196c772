# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The needs assessor's grant pages: add, change and end a grant from the citizen record; bad input is
named per field in Danish and nothing is written; every other persona is refused; all of it is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from freezegun import freeze_time

import naerhed.urls  # noqa: F401  # load every view before freezegun freezes the clock
from naerhed.accounts.models import Role
from naerhed.audit.models import Action, AuditEvent
from naerhed.grants.models import Grant, LawParagraph, Priority, Recurrence, Service
from tests import factories as f
from tests.personas import World
from tests.web.conftest import fast_password_hashing

__all__ = ["fast_password_hashing"]
pytestmark = pytest.mark.django_db
NOW = "2026-11-20 10:00:00"
OTHERS = ["carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "manager", "admin"]


@pytest.fixture
def nursing(db: None) -> Service:
    return f.service("ojendryp", name="Øjendryp", paragraph=LawParagraph.SUL_138, default_duration=10)


@pytest.fixture
def package(db: None) -> Service:
    return f.service("morgenpakke", name="Morgenpakke", default_duration=30)


def client(world: World, name: str) -> Client:
    c = Client()
    c.force_login(world.user(name))
    return c


def form_data(chosen: Service, /, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "service": chosen.pk,
        "starts_on": "2026-11-23",
        "ends_on": "2027-02-23",
        "recurrence": Recurrence.WEEKDAYS,
        "weekdays": ["0", "2", "4"],
        "window_start": "19:00",
        "window_end": "21:00",
        "duration": "10",
        "priority": Priority.MUST,
        "note": "Begge øjne",
    }
    return base | overrides


@freeze_time(NOW)
def test_visitator_adds_a_time_limited_nursing_grant(world: World, nursing: Service) -> None:
    c = client(world, "visitator")
    response = c.post(f"/grants/citizens/{world.citizen_a.pk}/new/", form_data(nursing))
    assert response.status_code == 302
    assert response["Location"] == f"/citizens/{world.citizen_a.pk}/"
    grant = Grant.objects.get()
    assert (grant.citizen, grant.service, grant.starts_on) == (
        world.citizen_a,
        nursing,
        dt.date(2026, 11, 23),
    )
    assert (grant.ends_on, grant.weekdays, grant.duration) == (dt.date(2027, 2, 23), "1010100", 10)
    assert (grant.window_start, grant.window_end, grant.note) == (dt.time(19), dt.time(21), "Begge øjne")
    assert grant.granted_by == world.user("visitator")
    record = c.get(f"/citizens/{world.citizen_a.pk}/").content.decode()
    assert "Øjendryp" in record and f"/grants/{grant.pk}/end/" in record


@freeze_time(NOW)
def test_every_day_ignores_the_weekday_boxes(world: World, package: Service) -> None:
    data = form_data(package, recurrence=Recurrence.DAILY, weekdays=[], ends_on="")
    client(world, "visitator").post(f"/grants/citizens/{world.citizen_a.pk}/new/", data)
    grant = Grant.objects.get()
    assert (grant.weekdays, grant.ends_on) == ("1111111", None)


@freeze_time(NOW)
def test_the_new_form_lists_services_by_paragraph_and_defaults_nursing_to_three_months(
    world: World, nursing: Service, package: Service
) -> None:
    c = client(world, "visitator")
    page = c.get(f"/grants/citizens/{world.citizen_a.pk}/new/").content.decode()
    assert '<optgroup label="SEL §83 personlig pleje">' in page
    assert '<optgroup label="SUL §138 hjemmesygepleje (overdraget)">' in page
    chosen = c.get(f"/grants/citizens/{world.citizen_a.pk}/new/?service={nursing.pk}").content.decode()
    assert 'value="2027-02-20"' in chosen  # three months after 20 Nov 2026
    assert 'data-testid="nursing-hint"' in chosen and "70 %" in chosen
    assert 'id="nursing-hint" data-testid="nursing-hint" hidden' not in chosen
    plain = c.get(f"/grants/citizens/{world.citizen_a.pk}/new/?service={package.pk}").content.decode()
    assert 'value="2027-02-20"' not in plain
    assert 'data-testid="nursing-hint" hidden' in plain


@freeze_time(NOW)
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"service": ""}, "service", "Vælg en ydelse fra kataloget."),
        ({"starts_on": "31-02-2026"}, "starts_on", "Indtast en gyldig dato."),
        ({"ends_on": "2026-11-01"}, "ends_on", "Slutdatoen ligger før startdatoen."),
        ({"window_end": "18:00"}, "window_end", "Seneste start ligger før tidligste start."),
        ({"duration": "0"}, "duration", "Denne værdi skal være større end eller lig 1."),
        ({"weekdays": []}, "weekdays", "Vælg mindst én ugedag."),
        ({"recurrence": Recurrence.EVERY_N_DAYS}, "interval_days", "Angiv antal dage mellem besøgene."),
        ({"recurrence": Recurrence.WEEKLY_FRAME}, "weekly_minutes", "Angiv minutter om ugen."),
    ],
)
def test_bad_input_is_named_per_field_in_danish_and_nothing_is_written(
    world: World, nursing: Service, overrides: dict[str, Any], field: str, message: str
) -> None:
    c = client(world, "visitator")
    response = c.post(f"/grants/citizens/{world.citizen_a.pk}/new/", form_data(nursing, **overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert message in form.errors[field], form.errors
    assert "Ret venligst fejlene nedenfor. Intet er gemt." in response.content.decode()
    assert not Grant.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.CREATE).exists()


@freeze_time(NOW)
def test_an_inactive_service_is_refused_on_the_service_field(world: World, nursing: Service) -> None:
    Service.objects.filter(pk=nursing.pk).update(active=False)
    response = client(world, "visitator").post(
        f"/grants/citizens/{world.citizen_a.pk}/new/", form_data(nursing)
    )
    assert response.status_code == 400
    assert "service" in response.context["form"].errors
    assert not Grant.objects.exists()


@freeze_time(NOW)
def test_visitator_changes_a_grant_and_the_audit_names_the_changed_fields(
    world: World, nursing: Service
) -> None:
    grant = f.grant(citizen=world.citizen_a, service=nursing, ends_on=dt.date(2027, 1, 31))
    c = client(world, "visitator")
    page = c.get(f"/grants/{grant.pk}/")
    assert page.status_code == 200 and 'value="2027-01-31"' in page.content.decode()
    data = form_data(nursing, starts_on="2026-11-16", ends_on="2027-01-31", duration="15")
    response = c.post(f"/grants/{grant.pk}/", data)
    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.duration, grant.recurrence, grant.weekdays) == (15, Recurrence.WEEKDAYS, "1010100")
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert (event.object_type, event.citizen_id, event.username) == ("grant", world.citizen_a.pk, "visitator")
    assert "duration" in event.summary and "15" not in event.summary


@freeze_time(NOW)
def test_a_failed_change_leaves_the_grant_as_it_was(world: World, nursing: Service) -> None:
    grant = f.grant(citizen=world.citizen_a, service=nursing, ends_on=dt.date(2027, 1, 31))
    data = form_data(nursing, starts_on="2026-11-16", ends_on="2026-11-01", duration="40")
    response = client(world, "visitator").post(f"/grants/{grant.pk}/", data)
    assert response.status_code == 400
    assert "ends_on" in response.context["form"].errors
    grant.refresh_from_db()
    assert (grant.duration, grant.ends_on) == (25, dt.date(2027, 1, 31))
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


@freeze_time(NOW)
def test_visitator_ends_a_grant(world: World, package: Service) -> None:
    grant = f.grant(citizen=world.citizen_a, service=package)
    c = client(world, "visitator")
    assert 'value="2026-11-20"' in c.get(f"/grants/{grant.pk}/end/").content.decode()
    response = c.post(f"/grants/{grant.pk}/end/", {"ends_on": "2026-12-31"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.ends_on == dt.date(2026, 12, 31)
    assert AuditEvent.objects.get(action=Action.UPDATE).summary == "changed: ends_on"


@freeze_time(NOW)
def test_ending_a_grant_that_has_not_started_offers_its_first_day(world: World, package: Service) -> None:
    grant = f.grant(citizen=world.citizen_a, service=package, starts_on=dt.date(2026, 12, 1))
    page = client(world, "visitator").get(f"/grants/{grant.pk}/end/").content.decode()
    assert 'value="2026-12-01"' in page


@freeze_time(NOW)
@pytest.mark.parametrize(
    ("value", "message"),
    [("", "Angiv bevillingens sidste dag."), ("2026-11-01", "Slutdatoen ligger før startdatoen.")],
)
def test_ending_with_a_bad_date_names_the_date_and_writes_nothing(
    world: World, package: Service, value: str, message: str
) -> None:
    grant = f.grant(citizen=world.citizen_a, service=package)
    response = client(world, "visitator").post(f"/grants/{grant.pk}/end/", {"ends_on": value})
    assert response.status_code == 400
    assert message in response.context["form"].errors["ends_on"]
    grant.refresh_from_db()
    assert grant.ends_on is None


@freeze_time(NOW)
@pytest.mark.parametrize("name", OTHERS)
def test_no_other_persona_may_add_change_or_end_grants(world: World, package: Service, name: str) -> None:
    grant = f.grant(citizen=world.citizen_a, service=package)
    c = client(world, name)
    for url in (
        f"/grants/citizens/{world.citizen_a.pk}/new/",
        f"/grants/{grant.pk}/",
        f"/grants/{grant.pk}/end/",
    ):
        assert c.get(url).status_code == 403
    assert c.post(f"/grants/citizens/{world.citizen_a.pk}/new/", form_data(package)).status_code == 403
    assert c.post(f"/grants/{grant.pk}/", form_data(package, duration="40")).status_code == 403
    assert c.post(f"/grants/{grant.pk}/end/", {"ends_on": "2026-12-31"}).status_code == 403
    assert c.get("/grants/").status_code == 403
    assert Grant.objects.count() == 1
    assert (Grant.objects.get().ends_on, Grant.objects.get().duration) == (None, 25)
    denied = AuditEvent.objects.filter(username=name, action=Action.DENIED)
    assert denied.count() == 7
    assert set(denied.exclude(object_type="grant-overview").values_list("citizen_id", flat=True)) == {
        world.citizen_a.pk
    }


@freeze_time(NOW)
def test_only_the_visitator_sees_the_grant_buttons_on_the_record(world: World, package: Service) -> None:
    grant = f.grant(citizen=world.citizen_a, service=package)
    visitator = client(world, "visitator").get(f"/citizens/{world.citizen_a.pk}/").content.decode()
    assert f"/grants/citizens/{world.citizen_a.pk}/new/" in visitator and f"/grants/{grant.pk}/" in visitator
    nurse = client(world, "nurse").get(f"/citizens/{world.citizen_a.pk}/").content.decode()
    assert "/grants/" not in nurse


@freeze_time(NOW)
def test_a_visitator_of_another_municipality_is_refused_and_cannot_probe_ids(
    world: World, package: Service
) -> None:
    grant = f.grant(citizen=world.citizen_a, service=package)
    stranger = f.user(
        Role.VISITATOR,
        username="visitator_far",
        municipality=f.municipality(code="550", name="Tønder"),
    )
    c = Client()
    c.force_login(stranger)
    assert c.get(f"/grants/{grant.pk}/").status_code == 403
    assert c.get(f"/grants/{grant.pk + 1000}/").status_code == 403
    assert c.get(f"/grants/citizens/{world.citizen_a.pk}/new/").status_code == 403
    assert c.post(f"/grants/{grant.pk}/end/", {"ends_on": "2026-12-31"}).status_code == 403
    grant.refresh_from_db()
    assert grant.ends_on is None


@freeze_time(NOW)
def test_opening_and_writing_are_audited_against_the_citizen(world: World, package: Service) -> None:
    c = client(world, "visitator")
    c.get(f"/grants/citizens/{world.citizen_a.pk}/new/")
    c.post(f"/grants/citizens/{world.citizen_a.pk}/new/", form_data(package, ends_on=""))
    grant = Grant.objects.get()
    c.get(f"/grants/{grant.pk}/end/")
    events = list(
        AuditEvent.objects.filter(username="visitator")
        .order_by("pk")
        .values_list("action", "object_type", "citizen_id", "summary")
    )
    citizen = world.citizen_a.pk
    assert events == [
        (Action.VIEW, "citizen", citizen, "grant form"),
        (Action.VIEW, "citizen", citizen, "grant form"),
        (Action.CREATE, "grant", citizen, f"grant of service {package.pk}"),
        (Action.VIEW, "grant", citizen, "grant end form"),
    ]
