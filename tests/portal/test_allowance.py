# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""What is left of flexible help: a bath a week, cleaning every 14 days, klippekort, the frame."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from naerhed.grants.models import Recurrence
from naerhed.klippekort.services import sync_ledger
from naerhed.lib.dates import aware
from naerhed.portal.allowance import HelpKind, Period, allowance, flexible_help, period_of
from naerhed.visits.models import Visit, VisitStatus
from tests import factories as f
from tests.portal.conftest import NOW, Booking

pytestmark = pytest.mark.django_db


def _visit(b: Booking, grant_name: str, day: dt.date, status: VisitStatus = VisitStatus.PLANNED) -> Visit:
    grant = getattr(b, grant_name)
    start = aware(day, dt.time(10))
    return Visit.objects.create(
        grant=grant,
        citizen=b.citizen,
        service=grant.service,
        date=day,
        window_start=start,
        window_end=start,
        duration=grant.duration,
        status=status,
    )


def test_a_bath_a_week_is_counted_per_calendar_week(booking: Booking) -> None:
    tuesday = dt.date(2026, 12, 1)
    assert allowance(booking.bath, tuesday).visits_left == 1
    _visit(booking, "bath", dt.date(2026, 12, 6))  # the Sunday of the same week
    left = allowance(booking.bath, tuesday)
    assert left.period == Period(dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert left.visits_left == 0 and not left.bookable
    assert allowance(booking.bath, dt.date(2026, 12, 7)).visits_left == 1


def test_cleaning_every_14_days_counts_from_the_grant_start(booking: Booking) -> None:
    assert period_of(booking.cleaning, dt.date(2026, 12, 6)) == Period(
        dt.date(2026, 11, 23), dt.date(2026, 12, 6)
    )
    assert period_of(booking.cleaning, dt.date(2026, 12, 7)) == Period(
        dt.date(2026, 12, 7), dt.date(2026, 12, 20)
    )
    _visit(booking, "cleaning", dt.date(2026, 11, 25))
    assert allowance(booking.cleaning, dt.date(2026, 12, 2)).visits_left == 0
    assert allowance(booking.cleaning, dt.date(2026, 12, 8)).visits_left == 1


def test_cancelled_visits_do_not_use_the_allowance(booking: Booking) -> None:
    _visit(booking, "bath", dt.date(2026, 12, 1), VisitStatus.CANCELLED)
    assert allowance(booking.bath, dt.date(2026, 12, 1)).visits_left == 1


def test_a_visit_being_moved_does_not_count_against_its_own_period(booking: Booking) -> None:
    visit = _visit(booking, "bath", dt.date(2026, 12, 1))
    assert allowance(booking.bath, dt.date(2026, 12, 2), excluding=visit.pk).visits_left == 1


@freeze_time(NOW)
def test_the_home_page_lists_flexible_help_with_klippekort_and_the_frame(booking: Booking) -> None:
    f.grant(
        citizen=booking.citizen,
        service=f.service("helhedspleje", name="Helhedspleje"),
        recurrence=Recurrence.WEEKLY_FRAME,
        weekly_minutes=300,
        duration=30,
        starts_on=dt.date(2026, 11, 1),
    )
    f.grant(citizen=booking.citizen, starts_on=dt.date(2026, 11, 1))  # a daily package is not flexible
    sync_ledger(citizen=booking.citizen, today=NOW.date())
    kinds = {a.grant.service.name: a for a in flexible_help(booking.citizen, NOW.date())}
    assert set(kinds) == {"Bad", "Rengøring", "Klippekort", "Helhedspleje"}
    assert kinds["Klippekort"].kind is HelpKind.KLIPPEKORT and kinds["Klippekort"].remaining == 120
    assert kinds["Helhedspleje"].kind is HelpKind.FRAME and not kinds["Helhedspleje"].bookable
