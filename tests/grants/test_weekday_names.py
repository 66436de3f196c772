# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The grants catalogue's weekday names are Django's too (one gettext namespace): they must stay in
lower case, else every date on the site reads "Tavle for Team Aabenraa By, Tirsdag 24. november"."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.formats import date_format

from naerhed.grants.forms import WEEKDAY_CHOICES


def test_danish_dates_name_the_weekday_in_lower_case() -> None:
    with translation.override("da"):
        days = [date_format(dt.date(2026, 11, 23) + dt.timedelta(days=n), "l") for n in range(7)]
        labels = [str(label) for _, label in WEEKDAY_CHOICES]
    assert days == ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    assert labels == days
