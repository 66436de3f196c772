# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's klippekort in use: Inger (the demo login) has klippekort visits delivered in past weeks;
her ledger shows the use, never goes below zero and the cap stops taking every week's minutes; running
the demo again adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.demo.klippekort_use import WEEKS_BACK, use_klippekort
from naerhed.grants.models import Grant
from naerhed.klippekort.models import EntryKind, KlippekortEntry
from naerhed.klippekort.periods import ledger_period
from naerhed.klippekort.services import balance
from naerhed.visits.models import Visit, VisitStatus
from tests.portal.conftest import Booking

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def long_card(booking: Booking) -> Booking:
    Grant.objects.filter(pk=booking.klippekort.pk).update(starts_on=dt.date(2026, 1, 5))
    return booking


def test_the_demo_delivers_past_klippekort_visits_and_the_ledger_shows_their_use(long_card: Booking) -> None:
    line = use_klippekort(today=TODAY)

    visits = Visit.objects.filter(grant=long_card.klippekort)
    assert visits.exists() and "delivered klippekort visits" in line
    assert all(v.status == VisitStatus.DELIVERED and v.date < TODAY for v in visits)
    assert min(v.date for v in visits) >= TODAY - dt.timedelta(weeks=WEEKS_BACK + 1)
    used = KlippekortEntry.objects.filter(citizen=long_card.citizen, kind=EntryKind.USED)
    assert used.count() == visits.count()
    assert 0 <= balance(long_card.citizen) == sum(e.minutes for e in KlippekortEntry.objects.all())
    lines = ledger_period(long_card.citizen, today=TODAY).lines
    assert any(line.kind == EntryKind.USED for line in lines)
    # Real use: in some weeks the savings cap no longer takes the week's minutes.
    assert any(line.is_credit and line.lapsed < line.credited for line in lines)


def test_running_the_demo_again_adds_no_visits_or_entries(long_card: Booking) -> None:
    use_klippekort(today=TODAY)
    visits, entries = Visit.objects.count(), KlippekortEntry.objects.count()

    again = use_klippekort(today=TODAY)

    assert (Visit.objects.count(), KlippekortEntry.objects.count()) == (visits, entries)
    assert again.startswith("Klippekort in use: 0 ")
