# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Dates and times at the edges: always timezone-aware, Europe/Copenhagen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def aware(day: dt.date, time: dt.time) -> dt.datetime:
    """The Copenhagen wall-clock moment ``time`` on ``day``."""
    return dt.datetime.combine(day, time, tzinfo=COPENHAGEN)


def date_range(start: dt.date, days: int) -> Iterator[dt.date]:
    for i in range(days):
        yield start + dt.timedelta(days=i)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
