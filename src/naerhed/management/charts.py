# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Charts drawn on the server as inline SVG: horizontal bars per row, one bar per charted column,
with an optional dashed reference line (a goal or a baseline). No JavaScript."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from naerhed.management.figures.base import FigureResult
from naerhed.management.formatting import format_value, heading

WIDTH, LABEL_WIDTH, VALUE_WIDTH = 720, 260, 70
LABEL_CHARS = 42
BAR_HEIGHT, BAR_GAP, ROW_GAP, TOP = 14, 2, 10, 24
#: Series colours (and patterns of lightness) readable on white, distinguishable in greyscale.
COLOURS = ("#1f5f8b", "#7aa6c2", "#c96b1a", "#4b7f52")


def bar_chart(result: FigureResult, *, title: str) -> SafeString:
    """The figure's chart as an ``<svg>`` element, or an empty string when there is nothing to draw."""
    chart = result.chart
    if chart is None or not result.rows:
        return mark_safe("")
    values = [row.values[i] or 0.0 for row in result.rows for i in chart.series]
    top = max([*values, chart.reference or 0.0, 0.0])
    if top <= 0:
        return mark_safe("")
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    row_height = len(chart.series) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    height = TOP + row_height * len(result.rows) + 6
    parts = [_legend(result, chart.series)]
    for r, row in enumerate(result.rows):
        y0 = TOP + r * row_height
        parts.append(_text(LABEL_WIDTH - 6, y0 + BAR_HEIGHT - 2, _short(row.label), anchor="end"))
        for s, column in enumerate(chart.series):
            value = row.values[column]
            y = y0 + s * (BAR_HEIGHT + BAR_GAP)
            width = plot * (value or 0.0) / top
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                    LABEL_WIDTH,
                    y,
                    _n(width),
                    BAR_HEIGHT,
                    COLOURS[s % len(COLOURS)],
                )
            )
            unit = result.columns[column].unit
            parts.append(_text(LABEL_WIDTH + width + 4, y + BAR_HEIGHT - 3, format_value(value, unit)))
    if chart.reference is not None:
        parts.append(_reference(LABEL_WIDTH + plot * chart.reference / top, height, chart.reference_label))
    body = "".join(str(p) for p in parts)
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        title,
        WIDTH,
        height,
        title,
        mark_safe(body),  # noqa: S308 -- built from format_html parts only
    )


def _legend(result: FigureResult, series: tuple[int, ...]) -> str:
    out: list[str] = []
    x = LABEL_WIDTH
    for s, column in enumerate(series):
        label = heading(result.columns[column])
        out.append(
            str(
                format_html(
                    '<rect x="{}" y="4" width="10" height="10" fill="{}"></rect>',
                    x,
                    COLOURS[s % len(COLOURS)],
                )
            )
        )
        out.append(str(_text(x + 14, 13, label)))
        x += 24 + 7 * len(label)
    return "".join(str(o) for o in out)


def _text(x: float, y: float, text: str, *, anchor: str = "start") -> SafeString:
    return format_html(
        '<text x="{}" y="{}" font-size="11" text-anchor="{}" fill="#222">{}</text>', _n(x), y, anchor, text
    )


def _reference(x: float, height: int, label: str) -> SafeString:
    # The label sits left of the line, so that a line at the right edge keeps its label on the canvas.
    return format_html(
        '<line x1="{}" x2="{}" y1="18" y2="{}" stroke="#b00020" stroke-width="2" stroke-dasharray="5 3">'
        '</line><text x="{}" y="{}" font-size="10" text-anchor="end" fill="#b00020">{}</text>',
        _n(x),
        _n(x),
        height,
        _n(x - 3),
        height - 2,
        label,
    )


def _n(number: float) -> str:
    return f"{number:.1f}"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
