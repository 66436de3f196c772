# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Grant.clean(): every error names the field it is about."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from naerhed.grants.models import Grant, Recurrence
from naerhed.lib.dates import date_range
from tests import factories as f

pytestmark = pytest.mark.django_db


def _grant(**kw: Any) -> Grant:
    values: dict[str, Any] = {
        "citizen": f.citizen(),
        "service": f.service(),
        "starts_on": dt.date(2026, 11, 16),
        "recurrence": Recurrence.DAILY,
        "window_start": dt.time(7, 0),
        "window_end": dt.time(9, 30),
        "duration": 25,
    }
    return Grant(**(values | kw))


def _errors(grant: Grant) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        grant.clean()
    return raised.value.message_dict


def test_a_well_formed_grant_is_clean() -> None:
    _grant().clean()


def test_an_end_before_the_start_is_an_error_on_the_end_date() -> None:
    assert list(_errors(_grant(ends_on=dt.date(2026, 11, 1)))) == ["ends_on"]


def test_a_latest_start_before_the_earliest_is_an_error_on_the_latest_start() -> None:
    assert list(_errors(_grant(window_end=dt.time(6, 0)))) == ["window_end"]


@pytest.mark.parametrize("weekdays", ["0000000", "111111", "11111111", "1111x11", ""])
def test_weekdays_must_be_seven_digits_with_at_least_one_day(weekdays: str) -> None:
    assert list(_errors(_grant(weekdays=weekdays))) == ["weekdays"]


def test_every_n_days_needs_the_number_of_days() -> None:
    assert list(_errors(_grant(recurrence=Recurrence.EVERY_N_DAYS))) == ["interval_days"]


@pytest.mark.parametrize("recurrence", [Recurrence.WEEKLY_FRAME, Recurrence.ON_DEMAND])
def test_a_weekly_frame_or_klippekort_needs_its_minutes_per_week(recurrence: Recurrence) -> None:
    assert list(_errors(_grant(recurrence=recurrence))) == ["weekly_minutes"]


def test_several_problems_are_all_reported_at_once() -> None:
    grant = _grant(ends_on=dt.date(2026, 1, 1), window_end=dt.time(6, 0), weekdays="0000000")
    assert sorted(_errors(grant)) == ["ends_on", "weekdays", "window_end"]


def test_a_grant_is_active_from_its_start_to_its_end_date_inclusive() -> None:
    grant = _grant(starts_on=dt.date(2026, 11, 16), ends_on=dt.date(2026, 11, 18))
    days = list(date_range(dt.date(2026, 11, 15), 5))
    assert [grant.active_on(d) for d in days] == [False, True, True, True, False]
    assert grant.time_limited and not _grant().time_limited


def test_a_grant_reads_as_its_service_and_period() -> None:
    grant = _grant(service=f.service("dagpakke-3", name="Dagpakke 3"), ends_on=dt.date(2026, 12, 31))
    assert str(grant) == "Dagpakke 3 (16.11.2026–31.12.2026)"
    assert str(_grant(service=grant.service)) == "Dagpakke 3"
