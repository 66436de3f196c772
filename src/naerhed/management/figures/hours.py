# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Delivered hours (check-in to check-out) against planned (the visits' durations) and granted
(the grants' visits in the period), by law paragraph and by package."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.utils.translation import gettext as _

from naerhed.grants.models import LawParagraph, Service
from naerhed.management.figures.base import (
    Chart,
    Column,
    FigureContext,
    FigureResult,
    Headline,
    Row,
    Unit,
    share,
)
from naerhed.management.figures.data import citizen_executions, planned_visits, scope_granted, visit_carers

Totals = dict[str, list[float]]  # key → [granted, planned, delivered] in hours


def _totals(ctx: FigureContext, key: Callable[[Service], str]) -> Totals:
    out: Totals = defaultdict(lambda: [0.0, 0.0, 0.0])
    for (_team, service), minutes in scope_granted(ctx).items():
        out[key(service)][0] += minutes / 60
    for visit in planned_visits(ctx):
        out[key(visit.service)][1] += visit.duration * visit_carers(visit) / 60
    for execution in citizen_executions(ctx):
        assert execution.checked_in_at and execution.checked_out_at
        seconds = (execution.checked_out_at - execution.checked_in_at).total_seconds()
        out[key(execution.visit.service)][2] += seconds / 3600
    return out


def _result(
    label_title: str, totals: Totals, labels: Callable[[str], str], *, chart: bool = True
) -> FigureResult:
    columns = (
        Column(_("Granted"), Unit.HOURS),
        Column(_("Planned"), Unit.HOURS),
        Column(_("Delivered"), Unit.HOURS),
        Column(_("Delivered of granted"), Unit.PERCENT),
    )

    def row(label: str, g: float, p: float, d: float) -> Row:
        return Row(label, (round(g, 2), round(p, 2), round(d, 2), share(d, g)))

    rows = tuple(row(labels(k), *v) for k, v in sorted(totals.items(), key=lambda kv: labels(kv[0])))
    sums = [sum(v[i] for v in totals.values()) for i in range(3)]
    total = row(_("Total"), *sums)
    return FigureResult(
        label_title=label_title,
        columns=columns,
        rows=rows,
        total=total,
        headlines=(
            Headline(_("Delivered hours"), round(sums[2], 1), Unit.HOURS),
            Headline(_("Delivered of granted"), share(sums[2], sums[0]), Unit.PERCENT),
        ),
        chart=Chart(series=(0, 1, 2)) if chart else None,
    )


def hours_by_paragraph(ctx: FigureContext) -> FigureResult:
    names = dict(LawParagraph.choices)
    totals = _totals(ctx, lambda service: service.paragraph)
    return _result(_("Law paragraph"), totals, lambda key: str(names.get(key, key)))


def hours_by_package(ctx: FigureContext) -> FigureResult:
    totals = _totals(ctx, lambda service: service.name)
    # No chart: with some twenty packages the table reads better than the bars.
    return _result(_("Package or service"), totals, lambda key: key, chart=False)
