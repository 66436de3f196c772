# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Booking, moving and cancelling flexible help: free times from the engine, the visit in the plan,
the deadline for changes, klippekort minutes and the confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from naerhed.audit.models import AuditEvent
from naerhed.klippekort.models import EntryKind, KlippekortEntry
from naerhed.klippekort.services import balance
from naerhed.lib.dates import COPENHAGEN, aware
from naerhed.messaging.models import Message
from naerhed.portal import booking as service
from naerhed.portal.identity import Identity
from naerhed.portal.models import BookingRules
from naerhed.visits.models import ChangeKind, CitizenChangeEvent, Visit, VisitStatus
from tests.carer_day.conftest import make_visit
from tests.portal.conftest import NOW, TUESDAY, Booking

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return aware(day, dt.time(hour, minute))


def _book(b: Booking, start: dt.datetime, *, grant: str = "bath", staff: int | None = None) -> Visit:
    return service.book_visit(
        identity=Identity(b.citizen),
        grant=getattr(b, grant),
        staff_pk=staff or b.sofie.pk,
        start=start,
        now=NOW,
    )


@freeze_time(NOW)
def test_free_times_respect_the_lead_time_and_offer_the_key_person_first(booking: Booking) -> None:
    options = service.times_for(grant=booking.bath, first=NOW.date(), now=NOW, prefer_carer=True)
    assert options, "the engine offers free times"
    assert all(o.start >= NOW + dt.timedelta(hours=24) for o in options)
    assert options[0].staff_pk == booking.sofie.pk and options[0].preferred
    assert all(dt.time(8, 0) <= o.start.astimezone(COPENHAGEN).time() <= dt.time(14, 0) for o in options)
    assert len({o.start for o in options}) == len(options), "one option per time"


@freeze_time(NOW)
def test_earliest_mode_offers_the_earliest_time_first(booking: Booking) -> None:
    options = service.times_for(grant=booking.bath, first=NOW.date(), now=NOW, prefer_carer=False)
    assert options[0].start == min(o.start for o in options)
    assert options[0].start.astimezone(COPENHAGEN).date() == TUESDAY


@freeze_time(NOW)
def test_a_booking_is_a_visit_of_the_grant_in_the_plan_with_a_confirmation(booking: Booking) -> None:
    visit = _book(booking, at(TUESDAY, 10))
    assert visit.grant == booking.bath and visit.status == VisitStatus.PLANNED
    assert visit.planned_start == at(TUESDAY, 10)
    assert list(visit.carers.all()) == [booking.sofie]
    assert visit.changed_by_hand, "regenerating visits from grants must not remove it"
    message = Message.objects.get(kind="booking_booked", visit=visit)
    assert message.to == "+4520304050" and "10.00" in message.body
    assert AuditEvent.objects.filter(object_type="visit", object_id=str(visit.pk), action="create").exists()


@freeze_time(NOW)
def test_a_time_taken_by_another_visit_is_refused_and_nothing_is_written(booking: Booking) -> None:
    other = make_visit(booking.citizen, TUESDAY, dt.time(10, 0), [booking.sofie], duration=45)
    before = Visit.objects.count()
    with pytest.raises(ValidationError) as refused:
        _book(booking, at(TUESDAY, 10, 15))
    assert "start" in refused.value.message_dict
    assert Visit.objects.count() == before
    assert not Message.objects.filter(kind="booking_booked").exists()
    other.refresh_from_db()
    assert other.version == 1


@freeze_time(NOW)
def test_a_bath_a_week_cannot_be_booked_twice_in_the_same_week(booking: Booking) -> None:
    _book(booking, at(TUESDAY, 10))
    with pytest.raises(ValidationError) as refused:
        _book(booking, at(TUESDAY + dt.timedelta(days=1), 10), staff=booking.jonas.pk)
    assert "grant" in refused.value.message_dict


@freeze_time(NOW)
def test_a_time_inside_the_lead_time_is_refused(booking: Booking) -> None:
    with pytest.raises(ValidationError) as refused:
        _book(booking, NOW + dt.timedelta(hours=3))
    assert "start" in refused.value.message_dict


@freeze_time(NOW)
def test_moving_records_a_new_time_for_the_citizen(booking: Booking) -> None:
    visit = _book(booking, at(TUESDAY, 10))
    moved = service.move_visit(
        identity=Identity(booking.citizen),
        visit_pk=visit.pk,
        expected_version=visit.version,
        staff_pk=booking.jonas.pk,
        start=at(TUESDAY + dt.timedelta(days=1), 9),
        now=NOW,
    )
    assert moved.planned_start == at(TUESDAY + dt.timedelta(days=1), 9)
    assert moved.date == TUESDAY + dt.timedelta(days=1)
    assert list(moved.carers.all()) == [booking.jonas]
    event = CitizenChangeEvent.objects.get(visit=visit, kind=ChangeKind.TIME_CHANGED)
    assert event.details["source"] == "booking"


@freeze_time(NOW)
def test_a_stale_version_is_refused(booking: Booking) -> None:
    visit = _book(booking, at(TUESDAY, 10))
    with pytest.raises(ValidationError) as refused:
        service.cancel_visit(
            identity=Identity(booking.citizen), visit_pk=visit.pk, expected_version=visit.version - 1, now=NOW
        )
    assert "visit" in refused.value.message_dict


def test_cancel_and_move_close_24_hours_before_by_default(booking: Booking) -> None:
    with freeze_time(NOW):
        visit = _book(booking, at(TUESDAY, 10))
    identity = Identity(booking.citizen)
    with freeze_time(at(TUESDAY, 10) - dt.timedelta(hours=23, minutes=59)):
        with pytest.raises(ValidationError) as refused:
            service.cancel_visit(
                identity=identity,
                visit_pk=visit.pk,
                expected_version=visit.version,
                now=at(TUESDAY, 10) - dt.timedelta(hours=23, minutes=59),
            )
        assert "24" in refused.value.message_dict["visit"][0]
    exactly = at(TUESDAY, 10) - dt.timedelta(hours=24)
    with freeze_time(exactly):
        cancelled = service.cancel_visit(
            identity=identity, visit_pk=visit.pk, expected_version=visit.version, now=exactly
        )
    assert cancelled.status == VisitStatus.CANCELLED


def test_the_deadline_is_the_municipalitys_setting(booking: Booking) -> None:
    BookingRules.objects.create(
        municipality=booking.citizen.team.district.municipality, change_notice_hours=48, booking_lead_hours=2
    )
    with freeze_time(NOW):
        visit = _book(booking, at(TUESDAY, 10))
    later = at(TUESDAY, 10) - dt.timedelta(hours=30)
    assert not service.can_change(visit, later)
    with pytest.raises(ValidationError) as refused:
        service.cancel_visit(
            identity=Identity(booking.citizen), visit_pk=visit.pk, expected_version=visit.version, now=later
        )
    assert "48" in refused.value.message_dict["visit"][0]


@freeze_time(NOW)
def test_cancelling_records_the_change_and_gives_klippekort_minutes_back(booking: Booking) -> None:
    visit = _book(booking, at(TUESDAY, 13, 30), grant="klippekort")
    assert KlippekortEntry.objects.get(visit=visit, kind=EntryKind.BOOKED).minutes == -30
    left = balance(booking.citizen)
    service.cancel_visit(
        identity=Identity(booking.citizen), visit_pk=visit.pk, expected_version=visit.version, now=NOW
    )
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED
    event = CitizenChangeEvent.objects.get(visit=visit, kind=ChangeKind.CANCELLED)
    assert event.details["source"] == "booking"
    assert balance(booking.citizen) == left + 30
    assert Message.objects.filter(kind="booking_cancelled", visit=visit).exists()


@freeze_time(NOW)
def test_a_relative_with_consent_books_and_gets_the_confirmation(booking: Booking) -> None:
    visit = service.book_visit(
        identity=Identity(booking.citizen, booking.relative),
        grant=booking.bath,
        staff_pk=booking.sofie.pk,
        start=at(TUESDAY, 10),
        now=NOW,
    )
    message = Message.objects.get(kind="booking_booked", visit=visit)
    assert message.to == "+4561626364" and message.relative == booking.relative
