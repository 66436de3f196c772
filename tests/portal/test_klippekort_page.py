# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The portal's "what your minutes were used for": Inger's klippekort has run since 5 January 2026 and
was not used until she booked a visit; the page shows the last 8 weeks, one line a week, her booking
on its own line, and a link to older weeks."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

import naerhed.urls  # noqa: F401  # load every view (and OR-Tools) before freezegun freezes the clock
from naerhed.grants.models import Grant
from naerhed.klippekort.services import sync_ledger
from naerhed.portal import booking as service
from naerhed.portal.identity import Identity
from tests.portal.conftest import NOW, TUESDAY, Booking
from tests.portal.test_pages import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_card(booking: Booking) -> Booking:
    Grant.objects.filter(pk=booking.klippekort.pk).update(starts_on=dt.date(2026, 1, 5))
    sync_ledger(citizen=booking.citizen, today=NOW.date())
    return booking


@freeze_time(NOW)
def test_the_citizen_sees_8_weeks_one_line_a_week_and_can_go_back(old_card: Booking) -> None:
    c = logged_in()

    page = c.get("/borger/klippekort/").content.decode()

    assert page.count('data-testid="klippekort-entry"') == 8
    assert "Uge 49: +30 min, 30 min bortfaldet (loft)" in page and "Uge 41:" not in page
    assert 'href="?til=2026-10-11"' in page
    older = c.get("/borger/klippekort/", {"til": "2026-10-11"}).content.decode()
    assert "Uge 41: +30 min, 30 min bortfaldet (loft)" in older and "Uge 49:" not in older
    assert 'data-testid="klippekort-newer"' in older


@freeze_time(NOW)
def test_a_booking_shows_on_its_own_line_beside_the_weeks(old_card: Booking) -> None:
    start = dt.datetime.combine(TUESDAY, dt.time(13, 30), tzinfo=NOW.tzinfo)
    service.book_visit(
        identity=Identity(old_card.citizen),
        grant=old_card.klippekort,
        staff_pk=old_card.sofie.pk,
        start=start,
        now=NOW,
    )

    page = logged_in().get("/borger/klippekort/").content.decode()

    assert page.count('data-testid="klippekort-entry"') == 9
    assert "Bestilt besøg (1. dec.)" in page and "<td>-30</td>" in page
