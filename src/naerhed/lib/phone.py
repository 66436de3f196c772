# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Danish phone numbers as the SMS gateways take them: ``+45`` and eight digits."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-.()]")
_DANISH = re.compile(r"^(?:\+45|0045)?(\d{8})$")


class InvalidPhone(ValueError):
    pass


def normalise_phone(raw: str) -> str:
    """``"+45 12 34 56 78"``, ``"12345678"`` or ``"004512345678"`` -> ``"+4512345678"``.

    Raises :class:`InvalidPhone` for anything that is not eight digits with an optional +45.
    """
    compact = _SEPARATORS.sub("", raw or "")
    match = _DANISH.match(compact)
    if match is None:
        raise InvalidPhone(f"{raw!r} is not a Danish phone number (8 digits, optionally +45)")
    return f"+45{match.group(1)}"


def is_valid_phone(raw: str) -> bool:
    try:
        normalise_phone(raw)
    except InvalidPhone:
        return False
    return True
