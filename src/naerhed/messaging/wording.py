# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Danish dates, times and names as an old person reads them: "tirsdag den 24. november kl. 8.00"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from naerhed.lib.dates import COPENHAGEN

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def clock(moment: dt.datetime) -> str:
    """``"kl. 8.00"``: Danish clock time, no leading zero."""
    local = moment.astimezone(COPENHAGEN)
    return f"kl. {local.hour}.{local.minute:02d}"


def long_date(day: dt.date) -> str:
    """``"tirsdag den 24. november"``."""
    return f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS[day.month - 1]}"


def when(moment: dt.datetime, *, seen_on: dt.date, leading: bool = False) -> str:
    """The visit's time as read on ``seen_on``: "i dag kl. 8.00", "i morgen, tirsdag den 24. november
    kl. 8.00" or "tirsdag den 24. november kl. 8.00" (lower case; the template capitalises).

    ``leading``: the phrase opens a sentence ("I morgen, tirsdag …, kommer"), so the inserted date
    is closed by a comma."""
    day = moment.astimezone(COPENHAGEN).date()
    if day == seen_on:
        return f"i dag {clock(moment)}"
    if day == seen_on + dt.timedelta(days=1):
        return f"i morgen, {long_date(day)} {clock(moment)}{',' if leading else ''}"
    return f"{long_date(day)} {clock(moment)}"


def names(first_names: Sequence[str]) -> str:
    """``"Birthe"``, ``"Birthe og Ali"``, ``"Birthe, Ali og Sara"``; "en medarbejder" for nobody yet."""
    if not first_names:
        return "en medarbejder"
    if len(first_names) == 1:
        return first_names[0]
    return f"{', '.join(first_names[:-1])} og {first_names[-1]}"
