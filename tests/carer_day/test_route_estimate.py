# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The live estimate of the rest of the route, against a frozen clock.

The day (see conftest): 08:00 Inger (30 min, 3 min from the office), 08:40 Ejnar (20 min, 5 min on),
09:20 Grethe (15 min, 3 min on), by car.
"""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.carer_day.models import VisitExecution
from naerhed.carer_day.queries import StopState, route_estimate
from naerhed.lib.dates import aware
from naerhed.workforce.models import Transport
from tests.carer_day.conftest import CarerDay, make_visit

pytestmark = pytest.mark.django_db


def _at(day: CarerDay, hour: int, minute: int) -> dt.datetime:
    return aware(day.day, dt.time(hour, minute))


def _executed(day: CarerDay, index: int, **fields: dt.datetime | str) -> None:
    VisitExecution.objects.create(visit=day.visits[index], staff=day.staff, **fields)


def _summary(day: CarerDay, now: dt.datetime) -> list[tuple[str, int, str]]:
    stops = route_estimate(day.staff, day.day, now)
    return [
        (f"{stop.estimated_start.astimezone(now.tzinfo):%H:%M}", stop.delay_minutes, stop.state)
        for stop in stops
    ]


def test_a_route_not_yet_begun_keeps_its_planned_times(carer_day: CarerDay) -> None:
    assert _summary(carer_day, _at(carer_day, 7, 0)) == [
        ("08:00", 0, StopState.UPCOMING),
        ("08:40", 0, StopState.UPCOMING),
        ("09:20", 0, StopState.UPCOMING),
    ]


def test_a_late_check_out_pushes_the_later_visits_by_exact_minutes(carer_day: CarerDay) -> None:
    _executed(carer_day, 0, checked_in_at=_at(carer_day, 8, 5), checked_out_at=_at(carer_day, 9, 0))
    # Ejnar: 09:00 + 5 min travel = 09:05 (25 late); Grethe: 09:05 + 20 + 3 = 09:28 (8 late).
    assert _summary(carer_day, _at(carer_day, 9, 1)) == [
        ("08:05", 5, StopState.DONE),
        ("09:05", 25, StopState.UPCOMING),
        ("09:28", 8, StopState.UPCOMING),
    ]


def test_a_carer_who_has_not_started_by_the_planned_time_starts_now(carer_day: CarerDay) -> None:
    # Inger from 08:10 until 08:40, then 5 min to Ejnar: 08:45; Grethe keeps 09:20.
    assert _summary(carer_day, _at(carer_day, 8, 10)) == [
        ("08:10", 10, StopState.UPCOMING),
        ("08:45", 5, StopState.UPCOMING),
        ("09:20", 0, StopState.UPCOMING),
    ]


def test_a_visit_running_over_its_duration_delays_the_next_from_now(carer_day: CarerDay) -> None:
    _executed(carer_day, 0, checked_in_at=_at(carer_day, 8, 0))
    # Planned to end 08:30; at 08:50 still there, so Ejnar at 08:55 at the earliest.
    assert _summary(carer_day, _at(carer_day, 8, 50)) == [
        ("08:00", 0, StopState.IN_PROGRESS),
        ("08:55", 15, StopState.UPCOMING),
        ("09:20", 0, StopState.UPCOMING),
    ]


def test_a_visit_that_could_not_be_delivered_frees_the_carer_when_it_was_marked(carer_day: CarerDay) -> None:
    _executed(carer_day, 0, not_delivered_at=_at(carer_day, 8, 3), not_delivered_reason="Ikke hjemme")
    assert _summary(carer_day, _at(carer_day, 8, 4)) == [
        ("08:00", 0, StopState.NOT_DELIVERED),
        ("08:40", 0, StopState.UPCOMING),
        ("09:20", 0, StopState.UPCOMING),
    ]


def test_a_screen_visit_needs_no_travel_and_leaves_the_carer_where_they_were(carer_day: CarerDay) -> None:
    make_visit(
        carer_day.citizens[2], carer_day.day, dt.time(8, 30), [carer_day.staff], duration=10, remote=True
    )
    _executed(carer_day, 0, checked_in_at=_at(carer_day, 8, 0), checked_out_at=_at(carer_day, 8, 30))
    # The screen visit (Grethe) starts at 08:30 on the dot; Ejnar is then 5 minutes from Inger's,
    # not 3 from Grethe's: 08:40 + 5 = 08:45.
    assert _summary(carer_day, _at(carer_day, 8, 30))[1:3] == [
        ("08:30", 0, StopState.UPCOMING),
        ("08:45", 5, StopState.UPCOMING),
    ]


def test_a_slower_transport_means_longer_travel(carer_day: CarerDay) -> None:
    carer_day.staff.transport = Transport.BIKE
    carer_day.staff.save(update_fields=["transport"])
    _executed(carer_day, 0, checked_in_at=_at(carer_day, 8, 0), checked_out_at=_at(carer_day, 8, 30))
    # 2.89 road km at 15 km/h: 11.56 → 12 minutes.
    assert _summary(carer_day, _at(carer_day, 8, 30))[1] == ("08:42", 2, StopState.UPCOMING)


def test_the_partner_on_a_two_carer_visit_is_named(carer_day: CarerDay) -> None:
    stops = route_estimate(carer_day.staff, carer_day.day, _at(carer_day, 7, 0))
    assert [[p.full_name for p in stop.partners] for stop in stops] == [[], ["Jonas Berg"], []]
