# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The shape every figure shares: a table of rows by columns with units, a few headline numbers,
and what to chart. Figure functions return these; pages, charts and exports only read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from django.utils import timezone
from django.utils.functional import Promise

from naerhed.management.period import Period
from naerhed.management.scope import Scope


class Unit(StrEnum):
    HOURS = "hours"
    PERCENT = "percent"
    COUNT = "count"
    NUMBER = "number"
    DKK = "dkk"
    PRICE = "price"
    KM = "km"
    KG = "kg"


@dataclass(frozen=True)
class Column:
    title: str
    unit: Unit


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Headline:
    label: str
    value: float | None
    unit: Unit
    target: str = ""


@dataclass(frozen=True)
class Chart:
    """Bars for the ``series`` columns of each row, with an optional reference line (a goal or baseline)."""

    series: tuple[int, ...]
    reference: float | None = None
    reference_label: str = ""


@dataclass(frozen=True)
class FigureResult:
    label_title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    headlines: tuple[Headline, ...] = ()
    chart: Chart | None = None
    note: str = ""

    def __post_init__(self) -> None:
        for row in (*self.rows, *([self.total] if self.total else [])):
            if len(row.values) != len(self.columns):
                raise ValueError(
                    f"row {row.label!r} has {len(row.values)} values for {len(self.columns)} columns"
                )


@dataclass
class FigureContext:
    """What a figure is computed for; loaders shared by several figures are cached here."""

    scope: Scope
    period: Period
    #: Figures of a period still running count only what has happened by now (e.g. shifts worked).
    now: dt.datetime = field(default_factory=timezone.now)
    cache: dict[str, object] = field(default_factory=dict)

    @cached_property
    def team_names(self) -> dict[int, str]:
        return {t.pk: t.name for t in self.scope.teams}


@dataclass(frozen=True)
class Figure:
    key: str
    title: str | Promise
    definition: str | Promise
    compute: Callable[[FigureContext], FigureResult]


def share(part: float, whole: float) -> float | None:
    """``part`` as a percentage of ``whole``; None when there is nothing to divide by."""
    return round(100.0 * part / whole, 1) if whole else None


def hours(seconds: float) -> float:
    return round(seconds / 3600.0, 2)
