# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Danish CPR numbers: validation, birth date and a masked form for display.

Since 2007 not every CPR number passes the modulus-11 check, so only the form
and the date are validated. The century follows the CPR office's table from the
seventh digit and the year.
"""

from __future__ import annotations

import datetime as dt
import re

_CPR = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


class InvalidCpr(ValueError):
    """A CPR number that is malformed or names an impossible date."""


def normalise_cpr(raw: str) -> str:
    """``DDMMYYSSSS`` from ``DDMMYY-SSSS`` or ``DDMMYYSSSS``; InvalidCpr otherwise."""
    text = raw.strip()
    match = _CPR.match(text)
    if match is None:
        raise InvalidCpr("a CPR number has ten digits, written DDMMYY-SSSS")
    cpr = "".join(match.groups())
    birth_date(cpr)
    return cpr


def birth_date(cpr: str) -> dt.date:
    day, month, yy, seventh = int(cpr[0:2]), int(cpr[2:4]), int(cpr[4:6]), int(cpr[6])
    year = yy + _century(seventh, yy)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise InvalidCpr(f"the date part {cpr[:6]} is not a real date") from exc


def mask_cpr(cpr: str) -> str:
    """``DDMMYY-XXXX``: the form shown everywhere but on the record page itself."""
    return f"{cpr[:6]}-XXXX" if len(cpr) == 10 else "XXXXXX-XXXX"


def format_cpr(cpr: str) -> str:
    return f"{cpr[:6]}-{cpr[6:]}"


def _century(seventh: int, yy: int) -> int:
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800
