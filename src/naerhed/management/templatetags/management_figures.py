# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from __future__ import annotations

from django import template

from naerhed.management.figures.base import Column, Unit
from naerhed.management.formatting import format_value, heading

register = template.Library()


@register.simple_tag
def figure_value(value: float | None, unit: Unit, with_unit: bool = False) -> str:
    return format_value(value, unit, with_unit=with_unit)


@register.filter
def column_heading(column: Column) -> str:
    return heading(column)


@register.filter
def paired(values: tuple[float | None, ...], columns: tuple[Column, ...]) -> list[tuple[float | None, Unit]]:
    """Each value with its column's unit, for the table cells."""
    return [(v, c.unit) for v, c in zip(values, columns, strict=True)]
