# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The bridge for bookings: a citizen with no visit in the week is still in the engine's problem, and a
time offered by the engine is inserted without moving anyone else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from naerhed.lib.dates import aware
from naerhed.planning.problem_builder import build_problem
from naerhed.portal.booking import _ceil_5, book_visit
from naerhed.portal.identity import Identity
from naerhed.portal.placing import parse_token
from naerhed.portal.queries import ComingVisit
from naerhed.visits.models import Visit
from tests.carer_day.conftest import make_visit
from tests.portal.conftest import NOW, TUESDAY, Booking

pytestmark = pytest.mark.django_db


def test_a_citizen_without_visits_is_added_to_the_problem_only_when_asked(booking: Booking) -> None:
    team, pk = booking.citizen.team, booking.citizen.pk
    assert f"c-{pk}" not in build_problem(team=team, start=TUESDAY, days=1).problem.citizen_by_id
    built = build_problem(team=team, start=TUESDAY, days=1, extra_citizens=[pk])
    assert built.problem.citizen_by_id[f"c-{pk}"].preferred_carers == (f"s-{booking.sofie.pk}",)
    assert f"c-{pk}" in {loc.id for loc in built.problem.locations}


def test_booking_next_to_another_visit_leaves_that_visit_where_it_was(booking: Booking) -> None:
    other = make_visit(booking.citizen, TUESDAY, dt.time(9, 0), [booking.sofie], duration=30)
    visit = book_visit(
        identity=Identity(booking.citizen),
        grant=booking.bath,
        staff_pk=booking.sofie.pk,
        start=aware(TUESDAY, dt.time(10, 0)),
        now=NOW,
    )
    other.refresh_from_db()
    assert other.planned_start == aware(TUESDAY, dt.time(9, 0)) and other.version == 1
    assert Visit.objects.get(pk=visit.pk).planned_start == aware(TUESDAY, dt.time(10, 0))


@pytest.mark.parametrize(
    "token",
    [
        "",
        "abc",
        "12@not-a-time",
        "12@2026-12-01T10:00:00",
        "12+12@2026-12-01T10:00:00+01:00",
        "12+@x",
        "+3@x",
    ],
)
def test_a_choice_that_was_not_offered_is_refused_by_field(token: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_token(token)
    assert "start" in refused.value.message_dict


def test_a_choice_of_two_carers_reads_back_both() -> None:
    choice = parse_token("12+13@2026-12-01T10:00:00+01:00")
    assert (choice.staff_pk, choice.partner_pk) == (12, 13)
    assert choice.start == aware(TUESDAY, dt.time(10, 0))
    assert parse_token("12@2026-12-01T10:00:00+01:00").partner_pk is None


def test_carer_names_read_as_a_sentence(booking: Booking) -> None:
    visit = Visit(citizen=booking.citizen)
    names = ComingVisit(visit, None, ["Sofie", "Jonas"], False, aware(TUESDAY, dt.time(10)))
    assert names.carer_names in ("Sofie og Jonas", "Sofie and Jonas")


def test_offered_times_are_whole_five_minutes_never_before_the_moment() -> None:
    moment = aware(TUESDAY, dt.time(8, 0, 30))
    assert _ceil_5(moment) == aware(TUESDAY, dt.time(8, 5))
    assert _ceil_5(aware(TUESDAY, dt.time(8, 5))) == aware(TUESDAY, dt.time(8, 5))
