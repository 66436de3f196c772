# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``GET /api/v1/figures/``: the management figures for a scope and period, as on the dashboard."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut
from naerhed.management.figures.base import FigureResult, Row, Unit
from naerhed.management.figures.registry import build_dashboard
from naerhed.management.period import PeriodKind, period_containing
from naerhed.management.scope import scope_for, scopes_for

router = Router(tags=["figures"])


class FiguresQuery(Schema):
    scope: str = Field(
        "", description="municipality-<id>, district-<id> or team-<id>; your widest if left out."
    )
    period: PeriodKind = Field(PeriodKind.WEEK, description="week, month, half (half-year) or year.")
    day: dt.date = Field(description="Any day in the period.")


class ScopeOut(Schema):
    token: str
    level: str
    name: str


class ColumnOut(Schema):
    title: str
    unit: Unit


class RowOut(Schema):
    label: str
    values: list[float | None]


class HeadlineOut(Schema):
    label: str
    value: float | None
    unit: Unit
    target: str


class FigureOut(Schema):
    key: str
    title: str
    definition: str
    label_title: str
    columns: list[ColumnOut]
    rows: list[RowOut]
    total: RowOut | None
    headlines: list[HeadlineOut]
    note: str


class DashboardOut(Schema):
    scope: ScopeOut
    period: PeriodKind
    start: dt.date
    end: dt.date = Field(description="The last day of the period (inclusive).")
    figures: list[FigureOut]


@router.get(
    "/scopes", response={200: list[ScopeOut], 403: ErrorOut}, summary="The scopes you may see figures for"
)
def list_scopes(request: HttpRequest) -> list[ScopeOut]:
    return [ScopeOut(token=s.token, level=s.level, name=s.name) for s in scopes_for(api_user(request))]


@router.get("/", response={200: DashboardOut, 403: ErrorOut}, summary="The management figures for a period")
def get_figures(request: HttpRequest, query: Query[FiguresQuery]) -> DashboardOut:
    scope = scope_for(api_user(request), query.scope or None)
    board = build_dashboard(scope=scope, period=period_containing(query.period, query.day))
    return DashboardOut(
        scope=ScopeOut(token=scope.token, level=scope.level, name=scope.name),
        period=board.period.kind,
        start=board.period.start,
        end=board.period.last_day,
        figures=[
            _figure(c.figure.key, str(c.figure.title), str(c.figure.definition), c.result)
            for c in board.figures
        ],
    )


def _row(row: Row) -> RowOut:
    return RowOut(label=row.label, values=list(row.values))


def _figure(key: str, title: str, definition: str, result: FigureResult) -> FigureOut:
    return FigureOut(
        key=key,
        title=title,
        definition=definition,
        label_title=result.label_title,
        columns=[ColumnOut(title=c.title, unit=c.unit) for c in result.columns],
        rows=[_row(r) for r in result.rows],
        total=_row(result.total) if result.total else None,
        headlines=[
            HeadlineOut(label=h.label, value=h.value, unit=h.unit, target=h.target) for h in result.headlines
        ],
        note=result.note,
    )
