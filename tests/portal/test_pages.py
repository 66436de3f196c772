# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The portal's pages through the test client: login by code, a session apart from staff logins, the
home page, booking and cancelling, and an audit event for every page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from freezegun import freeze_time

import naerhed.urls  # noqa: F401  # load every view (and OR-Tools) before freezegun freezes the clock
from naerhed.audit.models import AuditEvent
from naerhed.visits.models import Visit, VisitStatus
from tests.personas import World
from tests.portal.conftest import NOW, Booking, code_sent_to

pytestmark = pytest.mark.django_db


def logged_in(phone: str = "20304050") -> Client:
    c = Client()
    assert c.post("/borger/log-ind/", {"phone": phone}).status_code == 302
    reply = c.post("/borger/log-ind/kode/", {"code": code_sent_to(f"+45{phone}")})
    assert reply.status_code == 302
    return c


@freeze_time(NOW)
def test_a_citizen_logs_in_with_the_code_and_sees_the_home_page(booking: Booking) -> None:
    c = logged_in()
    page = c.get("/borger/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Inger" in html and "Bad" in html and "Rengøring" in html
    assert booking.citizen.cpr not in html and booking.citizen.cpr[:6] not in html
    assert AuditEvent.objects.filter(citizen_id=booking.citizen.pk, object_type="portal_home").exists()


@freeze_time(NOW)
def test_the_answer_is_the_same_for_an_unknown_number(booking: Booking) -> None:
    known, unknown = Client(), Client()
    a = known.post("/borger/log-ind/", {"phone": "20304050"}, follow=True)
    b = unknown.post("/borger/log-ind/", {"phone": "99887766"}, follow=True)
    assert a.status_code == b.status_code == 200
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", a.content.decode()) == token.sub("", b.content.decode())


@freeze_time(NOW)
def test_a_bad_phone_number_is_named_as_such(booking: Booking) -> None:
    reply = Client().post("/borger/log-ind/", {"phone": "123"})
    assert reply.status_code == 400 and "id_phone_error" in reply.content.decode()


@freeze_time(NOW)
def test_staff_cannot_use_the_portal_and_the_portal_cannot_reach_staff_pages(
    booking: Booking, world: World
) -> None:
    staff = Client()
    staff.force_login(world.user("carer"))
    assert staff.get("/borger/").status_code == 403
    assert staff.get("/borger/log-ind/").status_code == 403
    citizen = logged_in()
    assert citizen.get(f"/citizens/{booking.citizen.pk}/").status_code in (302, 403)
    assert citizen.get(f"/api/v1/citizens/{booking.citizen.pk}/klippekort").status_code in (401, 403)
    assert Client().get("/borger/").status_code == 302


@freeze_time(NOW)
def test_a_citizen_books_a_bath_and_cancels_it_on_the_pages(booking: Booking) -> None:
    c = logged_in()
    chosen = c.get(f"/borger/bestil/?grant={booking.bath.pk}&hvem=fast")
    assert chosen.status_code == 302
    times = c.get(chosen["Location"])
    assert times.status_code == 200
    first = re.search(r'name="choice" id="time-1" value="([^"]+)"', times.content.decode())
    assert first is not None
    done = c.post(chosen["Location"], {"choice": first.group(1)})
    assert done.status_code == 302
    visit = Visit.objects.get(grant=booking.bath)
    assert done["Location"] == f"/borger/besoeg/{visit.pk}/"
    assert "Sofie" in c.get(done["Location"]).content.decode()
    cancelled = c.post(f"/borger/besoeg/{visit.pk}/aflys/", {"version": visit.version})
    assert cancelled.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED


@freeze_time(NOW)
def test_a_citizen_cannot_open_another_citizens_visit(booking: Booking, world: World) -> None:
    other = Visit.objects.create(
        citizen=world.citizen_b,
        service=booking.bath.service,
        date=NOW.date(),
        window_start=NOW,
        window_end=NOW,
        duration=30,
    )
    c = logged_in()
    assert c.get(f"/borger/besoeg/{other.pk}/").status_code == 404
    assert c.post(f"/borger/besoeg/{other.pk}/aflys/", {"version": 1}).status_code == 404


@freeze_time(NOW)
def test_a_number_shared_by_two_people_asks_whose_help_to_see(booking: Booking, world: World) -> None:
    world.citizen_b.phone = "61626364"  # the daughter's number is also Poul's
    world.citizen_b.save()
    c = Client()
    c.post("/borger/log-ind/", {"phone": "61626364"})
    assert c.post("/borger/log-ind/kode/", {"code": code_sent_to("+4561626364")})["Location"] == "/borger/"
    assert c.get("/borger/")["Location"] == "/borger/log-ind/vaelg/"
    page = c.get("/borger/log-ind/vaelg/").content.decode()
    assert "Inger" in page
    assert c.post("/borger/log-ind/vaelg/", {"who": "1"})["Location"] == "/borger/"
    home = c.get("/borger/").content.decode()
    assert "Inger" in home and "hjælpen til Inger" in home
