# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The board's figures: the whole day's travel and care-time share, delivered visits included, and
the different carers per citizen over the week, counted from the visits' carers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from naerhed.board.queries import carers_per_citizen_week, load_board
from naerhed.carer_day.models import VisitExecution
from naerhed.lib.dates import aware, monday_of
from naerhed.visits.models import Visit, VisitStatus
from tests import factories as f
from tests.board.day import DAY, BoardDay, visit
from tests.personas import World

pytestmark = pytest.mark.django_db

#: Two shifts of 07:00-15:00.
SHIFT_MINUTES = 2 * 480
#: Planned visit-carer minutes of the test day: 25 + 20 + 15 + 2 × 30 + 30 (the tray does not count).
CARE_MINUTES = 150


def _checked_out(row: Visit, start: dt.time, end: dt.time) -> None:
    """What the carer's day records at check-out: one execution per carer, the visit delivered."""
    for member in row.carers.all():
        VisitExecution.objects.create(
            visit=row, staff=member, checked_in_at=aware(DAY, start), checked_out_at=aware(DAY, end)
        )
    Visit.objects.filter(pk=row.pk).update(status=VisitStatus.DELIVERED, version=row.version + 1)


def test_the_care_time_share_is_the_whole_days_planned_minutes_over_the_shift_minutes(day: BoardDay) -> None:
    figures = load_board(day.team, DAY).figures
    assert figures.care_time_share == pytest.approx(CARE_MINUTES / SHIFT_MINUTES)
    assert figures.travel_minutes > 0


def test_checked_out_visits_still_count_in_the_days_share_and_travel(day: BoardDay) -> None:
    before = load_board(day.team, DAY).figures
    _checked_out(day.morning, dt.time(7, 31), dt.time(7, 58))
    _checked_out(day.insulin, dt.time(8, 0), dt.time(8, 14))
    _checked_out(day.nine, dt.time(8, 21), dt.time(8, 40))
    _checked_out(day.two, dt.time(10, 0), dt.time(10, 30))  # Mette's whole route is now done

    after = load_board(day.team, DAY).figures

    assert after.care_time_share == pytest.approx(CARE_MINUTES / SHIFT_MINUTES)
    assert after.travel_minutes == before.travel_minutes
    assert after.unplanned == before.unplanned == 2


def test_a_visit_that_could_not_be_delivered_is_not_care_time(day: BoardDay) -> None:
    VisitExecution.objects.create(
        visit=day.nine,
        staff=day.birthe,
        not_delivered_at=aware(DAY, dt.time(8, 25)),
        not_delivered_reason="x",
    )
    Visit.objects.filter(pk=day.nine.pk).update(status=VisitStatus.NOT_DELIVERED)

    figures = load_board(day.team, DAY).figures

    assert figures.care_time_share == pytest.approx((CARE_MINUTES - 20) / SHIFT_MINUTES)


def test_carers_per_citizen_this_week_by_hand(day: BoardDay) -> None:
    # Inger: Birthe, Mette (2); Ruth: Birthe, Mette (2); Karl: Birthe (1); the tray has no carer.
    assert carers_per_citizen_week(day.team, DAY) == pytest.approx(5 / 3)
    monday = monday_of(DAY)
    other = monday + dt.timedelta(days=6) if monday + dt.timedelta(days=6) != DAY else monday
    karl, care = day.late.citizen, day.late.service
    t = dt.time
    extra = visit(karl, care, (t(9, 0), t(10, 0)), 20, at=t(9, 0), carers=(day.mette,))
    Visit.objects.filter(pk=extra.pk).update(date=other, status=VisitStatus.DELIVERED)
    cancelled = visit(day.morning.citizen, care, (t(9, 0), t(10, 0)), 20, carers=(f.staff(team=day.team),))
    Visit.objects.filter(pk=cancelled.pk).update(status=VisitStatus.CANCELLED)
    next_week = visit(day.morning.citizen, care, (t(9, 0), t(10, 0)), 20, carers=(f.staff(team=day.team),))
    Visit.objects.filter(pk=next_week.pk).update(date=monday + dt.timedelta(days=7))

    # Karl now has Birthe and Mette (a delivered visit counts); cancelled and next week's do not.
    assert carers_per_citizen_week(day.team, DAY) == pytest.approx(6 / 3)
    assert load_board(day.team, DAY).figures.carers_per_citizen_week == pytest.approx(2.0)


def test_a_team_without_visits_this_week_has_no_carers_per_citizen(world: World) -> None:
    assert carers_per_citizen_week(world.team_a, DAY) == 0.0


def _board_queries(client: Client, day: BoardDay) -> tuple[int, int]:
    """(queries other than the audit log's, audit rows written) for one load of the board page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/board/{day.team.pk}/{DAY.isoformat()}/")
    assert response.status_code == 200
    audit = [q for q in captured.captured_queries if 'INSERT INTO "audit_auditevent"' in q["sql"]]
    return len(captured) - len(audit), len(audit)


def test_the_number_of_queries_does_not_grow_with_the_number_of_citizens(world: World, day: BoardDay) -> None:
    client = Client()
    client.force_login(world.user("teamleader"))
    few, few_logged = _board_queries(client, day)
    care = day.late.service
    t = dt.time
    for k in range(4):
        citizen = f.citizen(team=day.team, first_name=f"Borger{k}", last_name="Test", lat=55.047, lon=9.42)
        visit(citizen, care, (t(12, 0), t(14, 45)), 10, at=t(12, 0 + 12 * k), carers=(day.mette,))
        visit(citizen, care, (t(9, 0), t(10, 0)), 10)
    many, many_logged = _board_queries(client, day)

    assert many == few
    assert many_logged == few_logged + 4  # one VIEW per citizen on the board is the audit rule
