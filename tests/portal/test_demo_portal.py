# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's citizens' pages: booking rules and bookable help for citizens with a klippekort, once."""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.demo.portal import set_up_portal
from naerhed.grants.models import Grant, Recurrence
from naerhed.portal.models import BookingRules
from naerhed.visits.services import expand_grants
from tests import factories as f
from tests.portal.conftest import Booking

pytestmark = pytest.mark.django_db


def test_the_demo_gives_klippekort_holders_bookable_help_once(booking: Booking) -> None:
    Grant.objects.filter(service__code__in=["bad", "rengoering"]).delete()
    line = set_up_portal(today=dt.date(2026, 11, 25))
    assert "/borger/" in line and booking.citizen.phone in line
    set_up_portal(today=dt.date(2026, 11, 25))
    on_demand = Grant.objects.filter(citizen=booking.citizen, service__code__endswith="-efter-aftale")
    assert on_demand.count() == 2
    assert {g.recurrence for g in on_demand} == {Recurrence.ON_DEMAND}
    assert BookingRules.objects.get().change_notice_hours == 24


def test_the_demo_login_is_a_klippekort_holder_who_also_has_visits_coming(booking: Booking) -> None:
    """Walking through the demo, the named citizen had only a klippekort: "no visits the next two weeks"."""
    with_help = f.citizen(team=booking.citizen.team, first_name="Edith", phone="+45 51 39 97 50")
    f.grant(
        citizen=with_help,
        service=booking.klippekort.service,
        recurrence=Recurrence.ON_DEMAND,
        weekly_minutes=30,
    )
    f.grant(citizen=with_help, starts_on=dt.date(2026, 11, 23))
    expand_grants(team=with_help.team, start=dt.date(2026, 11, 25), days=2)
    assert booking.citizen.pk < with_help.pk and not booking.citizen.visits.exists()

    line = set_up_portal(today=dt.date(2026, 11, 25))

    assert "as Edith with phone +45 51 39 97 50" in line
