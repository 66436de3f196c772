# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Figures as text, in the active language's number format (1.234,5 in Danish)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from naerhed.management.figures.base import Column, Unit

_DECIMALS = {
    Unit.HOURS: 1,
    Unit.PERCENT: 1,
    Unit.COUNT: 0,
    Unit.NUMBER: 2,
    Unit.DKK: 0,
    Unit.PRICE: 2,
    Unit.KM: 1,
    Unit.KG: 1,
}


def unit_name(unit: Unit) -> str:
    names = {
        Unit.HOURS: _("hours"),
        Unit.PERCENT: "%",
        Unit.DKK: _("DKK"),
        Unit.PRICE: _("DKK"),
        Unit.KM: _("km"),
        Unit.KG: _("kg"),
    }
    return names.get(unit, "")


def heading(column: Column) -> str:
    unit = unit_name(column.unit)
    return f"{column.title} ({unit})" if unit else column.title


def format_value(value: float | None, unit: Unit, *, with_unit: bool = False) -> str:
    if value is None:
        return "–"
    text = number_format(value, decimal_pos=_DECIMALS[unit], use_l10n=True, force_grouping=True)
    if unit == Unit.PERCENT:
        return f"{text} %"
    suffix = unit_name(unit)
    return f"{text} {suffix}" if with_unit and suffix else text
