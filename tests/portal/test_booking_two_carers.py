# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Help that needs two carers (a bath with a lift) is booked in the portal like any other: the engine
offers times when two carers are free together, the visit gets both, and a klippekort pays twice."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

import naerhed.urls  # noqa: F401  # load every view (and OR-Tools) before freezegun freezes the clock
from naerhed.klippekort.models import EntryKind, KlippekortEntry
from naerhed.klippekort.services import balance, sync_ledger
from naerhed.lib.dates import COPENHAGEN, aware
from naerhed.portal import booking as service
from naerhed.portal.allowance import allowance
from naerhed.portal.identity import Identity
from naerhed.visits.models import Visit
from tests.carer_day.conftest import make_visit
from tests.portal.conftest import NOW, TUESDAY, WEDNESDAY, Booking
from tests.portal.test_pages import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def lift(booking: Booking) -> Booking:
    """Inger's bath and klippekort both need two carers (a lift)."""
    for grant in (booking.bath, booking.klippekort):
        grant.two_carers = True
        grant.save()
    return booking


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return aware(day, dt.time(hour, minute))


def _book(b: Booking, start: dt.datetime, *, grant: str = "bath", partner: int | None = None) -> Visit:
    return service.book_visit(
        identity=Identity(b.citizen),
        grant=getattr(b, grant),
        staff_pk=b.sofie.pk,
        partner_pk=b.jonas.pk if partner is None else partner,
        start=start,
        now=NOW,
    )


@freeze_time(NOW)
def test_free_times_for_two_carer_help_name_both_carers_the_key_person_first(lift: Booking) -> None:
    options = service.times_for(grant=lift.bath, first=NOW.date(), now=NOW, prefer_carer=True)
    assert options, "the engine offers times when Sofie and Jonas are both free"
    assert all((o.staff_pk, o.partner_pk) == (lift.sofie.pk, lift.jonas.pk) for o in options)
    assert options[0].preferred
    assert options[0].carer_names in ("Sofie og Jonas", "Sofie and Jonas")
    assert re.fullmatch(rf"{lift.sofie.pk}\+{lift.jonas.pk}@.+", options[0].token)


@freeze_time(NOW)
def test_no_time_is_offered_while_one_of_the_two_is_busy(lift: Booking) -> None:
    for day in (TUESDAY, WEDNESDAY):  # Jonas is busy 09:00-11:00 both days
        make_visit(lift.citizen, day, dt.time(9, 0), [lift.jonas], duration=120)
    options = service.times_for(grant=lift.bath, first=NOW.date(), now=NOW, prefer_carer=False)
    local = [o.start.astimezone(COPENHAGEN).time() for o in options]
    assert local and all(t <= dt.time(8, 30) or t >= dt.time(11, 0) for t in local)
    assert all(o.partner_pk is not None for o in options)


@freeze_time(NOW)
def test_a_two_carer_booking_puts_both_carers_on_the_visit(lift: Booking) -> None:
    visit = _book(lift, at(TUESDAY, 10))
    assert visit.two_carers and visit.planned_start == at(TUESDAY, 10)
    assert set(visit.carers.all()) == {lift.sofie, lift.jonas}


@freeze_time(NOW)
def test_a_two_carer_booking_needs_a_second_carer_who_is_free(lift: Booking) -> None:
    with pytest.raises(ValidationError) as refused:
        service.book_visit(
            identity=Identity(lift.citizen),
            grant=lift.bath,
            staff_pk=lift.sofie.pk,
            start=at(TUESDAY, 10),
            now=NOW,
        )
    assert "start" in refused.value.message_dict
    make_visit(lift.citizen, TUESDAY, dt.time(10, 0), [lift.jonas], duration=45)
    before = Visit.objects.count()
    with pytest.raises(ValidationError) as taken:
        _book(lift, at(TUESDAY, 10, 15))
    assert "start" in taken.value.message_dict
    assert Visit.objects.count() == before, "nothing is written when the partner is busy"


@freeze_time(NOW)
def test_a_one_carer_help_refuses_a_second_carer(booking: Booking) -> None:
    with pytest.raises(ValidationError) as refused:
        _book(booking, at(TUESDAY, 10))
    assert "start" in refused.value.message_dict


@freeze_time(NOW)
def test_moving_a_two_carer_visit_keeps_both_carers(lift: Booking) -> None:
    visit = _book(lift, at(TUESDAY, 10))
    moved = service.move_visit(
        identity=Identity(lift.citizen),
        visit_pk=visit.pk,
        expected_version=visit.version,
        staff_pk=lift.jonas.pk,
        partner_pk=lift.sofie.pk,
        start=at(WEDNESDAY, 9),
        now=NOW,
    )
    assert moved.planned_start == at(WEDNESDAY, 9)
    assert set(moved.carers.all()) == {lift.sofie, lift.jonas}


@freeze_time(NOW)
def test_a_two_carer_klippekort_booking_takes_double_minutes_and_gives_them_back(lift: Booking) -> None:
    sync_ledger(citizen=lift.citizen, today=NOW.date())
    left = balance(lift.citizen)
    visit = _book(lift, at(TUESDAY, 13, 30), grant="klippekort")
    assert KlippekortEntry.objects.get(visit=visit, kind=EntryKind.BOOKED).minutes == -60
    assert balance(lift.citizen) == left - 60
    service.cancel_visit(
        identity=Identity(lift.citizen), visit_pk=visit.pk, expected_version=visit.version, now=NOW
    )
    assert balance(lift.citizen) == left


@freeze_time(NOW)
def test_klippekort_for_two_carers_counts_visits_left_at_double_minutes(lift: Booking) -> None:
    sync_ledger(citizen=lift.citizen, today=NOW.date())
    left = allowance(lift.klippekort, TUESDAY)
    assert left.visit_minutes == 60 and left.visits_left == balance(lift.citizen) // 60
    assert left.bookable and allowance(lift.bath, TUESDAY).bookable


@freeze_time(NOW)
def test_the_pages_offer_two_carer_help_without_asking_to_call(lift: Booking) -> None:
    c = logged_in()
    book = c.get("/borger/bestil/").content.decode()
    assert f'value="{lift.bath.pk}"' in book, "the bath can be chosen"
    assert "ring til os" not in book.lower() and "call us" not in book.lower()
    times = c.get(f"/borger/bestil/{lift.bath.pk}/?hvem=fast")
    html = times.content.decode()
    assert "Sofie og Jonas" in html or "Sofie and Jonas" in html
    first = re.search(r'name="choice" id="time-1" value="([^"]+)"', html)
    assert first is not None
    done = c.post(f"/borger/bestil/{lift.bath.pk}/?hvem=fast", {"choice": first.group(1)})
    assert done.status_code == 302
    visit = Visit.objects.get(grant=lift.bath)
    assert set(visit.carers.all()) == {lift.sofie, lift.jonas}
    page = c.get(done["Location"]).content.decode()
    assert "Sofie" in page and "Jonas" in page
