# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""expand_grants: grants become visits, once, and hand-made changes survive."""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.grants.models import Grant, Recurrence
from naerhed.lib.dates import COPENHAGEN
from naerhed.organisation.models import Team
from naerhed.visits.models import Visit, VisitStatus
from naerhed.visits.services import expand_grants
from tests import factories as f

pytestmark = pytest.mark.django_db

MONDAY_REFRESH = dt.date(2026, 11, 16)

MONDAY = dt.date(2026, 11, 16)


def _grant(team: Team, **kw: object) -> Grant:
    return f.grant(citizen=f.citizen(team=team), **kw)


def _days(grant: Grant) -> list[dt.date]:
    return list(Visit.objects.filter(grant=grant).order_by("date").values_list("date", flat=True))


@pytest.fixture
def team() -> Team:
    return f.team(name="Team Hjordkær")


def test_a_daily_grant_gives_one_visit_each_day_of_the_week(team: Team) -> None:
    grant = _grant(team, starts_on=MONDAY - dt.timedelta(days=30))
    result = expand_grants(team=team, start=MONDAY, days=7)
    assert result.created == 7
    assert _days(grant) == [MONDAY + dt.timedelta(days=i) for i in range(7)]
    visit = Visit.objects.filter(grant=grant).first()
    assert visit is not None
    assert visit.window_start == dt.datetime(2026, 11, 16, 7, 0, tzinfo=COPENHAGEN)
    assert (visit.duration, visit.citizen_id, visit.service_id) == (25, grant.citizen_id, grant.service_id)


def test_a_weekday_grant_only_visits_on_its_weekdays(team: Team) -> None:
    grant = _grant(team, starts_on=MONDAY, recurrence=Recurrence.WEEKDAYS, weekdays="1010100")
    expand_grants(team=team, start=MONDAY, days=7)
    assert [d.weekday() for d in _days(grant)] == [0, 2, 4]


def test_cleaning_every_fourteen_days_comes_every_other_week_from_its_start(team: Team) -> None:
    start = MONDAY + dt.timedelta(days=2)
    grant = _grant(
        team, starts_on=start, recurrence=Recurrence.EVERY_N_DAYS, interval_days=14, weekdays="1111100"
    )
    expand_grants(team=team, start=MONDAY, days=28)
    assert _days(grant) == [start, start + dt.timedelta(days=14)]


def test_visits_stay_inside_the_grants_start_and_end_dates(team: Team) -> None:
    grant = _grant(team, starts_on=MONDAY + dt.timedelta(days=2), ends_on=MONDAY + dt.timedelta(days=4))
    expand_grants(team=team, start=MONDAY, days=7)
    assert _days(grant) == [MONDAY + dt.timedelta(days=d) for d in (2, 3, 4)]


def test_a_time_limited_grant_stops_at_its_end_date_in_later_weeks(team: Team) -> None:
    grant = _grant(team, starts_on=MONDAY, ends_on=MONDAY + dt.timedelta(days=9))
    expand_grants(team=team, start=MONDAY + dt.timedelta(days=7), days=7)
    assert _days(grant) == [
        MONDAY + dt.timedelta(days=7),
        MONDAY + dt.timedelta(days=8),
        MONDAY + dt.timedelta(days=9),
    ]
    assert expand_grants(team=team, start=MONDAY + dt.timedelta(days=14), days=7).created == 0


def test_running_twice_creates_no_duplicates(team: Team) -> None:
    _grant(team, starts_on=MONDAY)
    _grant(team, starts_on=MONDAY, recurrence=Recurrence.WEEKLY_FRAME, weekly_minutes=90, duration=30)
    first = expand_grants(team=team, start=MONDAY, days=7)
    second = expand_grants(team=team, start=MONDAY, days=7)
    assert (first.created, second.created, second.removed, second.kept) == (10, 0, 0, 10)
    assert Visit.objects.count() == 10


def test_only_the_teams_own_citizens_get_visits(team: Team) -> None:
    _grant(team, starts_on=MONDAY)
    other = _grant(f.team(name="Team Bov"), starts_on=MONDAY)
    expand_grants(team=team, start=MONDAY, days=7)
    assert not Visit.objects.filter(grant=other).exists()


def test_a_visit_changed_by_hand_survives_a_rerun_and_a_grant_change(team: Team) -> None:
    grant = _grant(team, starts_on=MONDAY)
    expand_grants(team=team, start=MONDAY, days=7)
    tuesday = Visit.objects.get(grant=grant, date=MONDAY + dt.timedelta(days=1))
    moved = dt.datetime(2026, 11, 17, 10, 0, tzinfo=COPENHAGEN)
    Visit.objects.filter(pk=tuesday.pk).update(changed_by_hand=True, window_start=moved, window_end=moved)
    Grant.objects.filter(pk=grant.pk).update(recurrence=Recurrence.WEEKDAYS, weekdays="1000000")
    result = expand_grants(team=team, start=MONDAY, days=7)
    tuesday.refresh_from_db()
    assert tuesday.window_start == moved
    assert _days(grant) == [MONDAY, MONDAY + dt.timedelta(days=1)]
    assert (result.created, result.removed) == (0, 5)


def test_a_grant_ended_earlier_removes_its_later_untouched_visits_only(team: Team) -> None:
    grant = _grant(team, starts_on=MONDAY)
    expand_grants(team=team, start=MONDAY, days=7)
    Visit.objects.filter(grant=grant, date=MONDAY + dt.timedelta(days=5)).update(changed_by_hand=True)
    Visit.objects.filter(grant=grant, date=MONDAY + dt.timedelta(days=6)).update(status=VisitStatus.DELIVERED)
    Grant.objects.filter(pk=grant.pk).update(ends_on=MONDAY + dt.timedelta(days=2))
    result = expand_grants(team=team, start=MONDAY, days=7)
    assert result.removed == 2
    assert [d.weekday() for d in _days(grant)] == [0, 1, 2, 5, 6]


def test_a_weekly_frame_is_spread_evenly_over_the_week_in_visits_of_the_grants_length(team: Team) -> None:
    grant = _grant(
        team, starts_on=MONDAY, recurrence=Recurrence.WEEKLY_FRAME, weekly_minutes=100, duration=30
    )
    expand_grants(team=team, start=MONDAY, days=7)
    visits = list(Visit.objects.filter(grant=grant).order_by("date"))
    assert [v.duration for v in visits] == [30, 30, 30, 10]
    assert len({v.date for v in visits}) == 4
    assert sum(v.duration for v in visits) == 100


def test_a_weekly_frame_on_few_weekdays_puts_two_visits_on_one_day(team: Team) -> None:
    grant = _grant(
        team,
        starts_on=MONDAY,
        recurrence=Recurrence.WEEKLY_FRAME,
        weekdays="1010100",
        weekly_minutes=120,
        duration=30,
    )
    expand_grants(team=team, start=MONDAY, days=7)
    visits = Visit.objects.filter(grant=grant)
    assert sorted((v.date.weekday(), v.occurrence) for v in visits) == [(0, 0), (0, 1), (2, 0), (4, 0)]


def test_a_klippekort_booked_by_the_citizen_creates_no_visits(team: Team) -> None:
    klippekort = f.service("klippekort", kind="klippekort", paragraph="klippekort")
    _grant(team, service=klippekort, starts_on=MONDAY, recurrence=Recurrence.ON_DEMAND, weekly_minutes=30)
    assert expand_grants(team=team, start=MONDAY, days=7).created == 0
    assert not Visit.objects.exists()


def test_the_week_clocks_go_back_keeps_every_visit_at_its_local_time(team: Team) -> None:
    """25 October 2026: Denmark leaves summer time, the day has 25 hours."""
    grant = _grant(team, starts_on=dt.date(2026, 10, 1))
    expand_grants(team=team, start=dt.date(2026, 10, 19), days=7)
    visits = list(Visit.objects.filter(grant=grant).order_by("date"))
    local = [v.window_start.astimezone(COPENHAGEN) for v in visits]
    assert all(v.window_start.tzinfo is not None for v in visits)
    assert {(t.hour, t.minute) for t in local} == {(7, 0)}
    assert local[-1].utcoffset() == dt.timedelta(hours=1)
    assert local[-2].utcoffset() == dt.timedelta(hours=2)
    assert visits[-1].window_start - visits[-2].window_start == dt.timedelta(hours=25)


def test_a_night_visit_in_the_hour_skipped_in_spring_still_has_an_ordered_window(team: Team) -> None:
    """29 March 2026: clocks jump from 02:00 to 03:00; a 02:00–02:30 window falls in the gap."""
    grant = _grant(
        team, starts_on=dt.date(2026, 3, 23), window_start=dt.time(2, 0), window_end=dt.time(2, 30)
    )
    expand_grants(team=team, start=dt.date(2026, 3, 23), days=7)
    sunday = Visit.objects.get(grant=grant, date=dt.date(2026, 3, 29))
    assert sunday.window_end >= sunday.window_start
    assert sunday.window_start.astimezone(COPENHAGEN).hour == 3


def test_asking_for_no_days_is_an_error(team: Team) -> None:
    with pytest.raises(ValueError, match="days"):
        expand_grants(team=team, start=MONDAY, days=0)


def test_a_grant_moved_to_another_time_moves_its_untouched_visits_but_not_hand_changed_ones() -> None:
    """One daily grant 07:00–09:30; one visit changed by hand; the grant moves to 08:00–10:00."""
    grant = f.grant(starts_on=MONDAY_REFRESH)
    team = grant.citizen.team
    expand_grants(team=team, start=MONDAY_REFRESH, days=2)
    by_hand = Visit.objects.get(grant=grant, date=MONDAY_REFRESH)
    by_hand.changed_by_hand = True
    by_hand.save()
    grant.window_start, grant.window_end = dt.time(8, 0), dt.time(10, 0)
    grant.save()

    result = expand_grants(team=team, start=MONDAY_REFRESH, days=2)

    assert result.created == 0
    moved = Visit.objects.get(grant=grant, date=MONDAY_REFRESH + dt.timedelta(days=1))
    assert moved.window_start.astimezone(COPENHAGEN).time() == dt.time(8, 0)
    by_hand.refresh_from_db()
    assert by_hand.window_start.astimezone(COPENHAGEN).time() == dt.time(7, 0)
