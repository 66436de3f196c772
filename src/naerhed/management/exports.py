# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A dashboard as CSV (semicolons and decimal commas, as Danish spreadsheets read them) and as XLSX
(one sheet per figure, real numbers with number formats)."""

from __future__ import annotations

import csv
import io
import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from naerhed.management.figures.base import FigureResult, Row, Unit
from naerhed.management.figures.registry import Dashboard
from naerhed.management.formatting import heading

XLSX_FORMATS = {
    Unit.HOURS: "#,##0.0",
    Unit.PERCENT: '0.0" %"',
    Unit.COUNT: "#,##0",
    Unit.NUMBER: "0.00",
    Unit.DKK: "#,##0",
    Unit.PRICE: "#,##0.00",
    Unit.KM: "#,##0.0",
    Unit.KG: "#,##0.0",
}


def _rows(result: FigureResult) -> list[Row]:
    return [*result.rows, *([result.total] if result.total else [])]


def _plain(value: float | None) -> str:
    return "" if value is None else number_format(value, use_l10n=True)


def to_csv(dashboard: Dashboard) -> bytes:
    """All figures in one file: a title line, the headings and rows of each, blank lines between."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Management figures"), dashboard.scope.name, dashboard.period.label])
    for computed in dashboard.figures:
        result = computed.result
        writer.writerow([])
        writer.writerow([str(computed.figure.title)])
        writer.writerow([result.label_title, *(heading(c) for c in result.columns)])
        for row in _rows(result):
            writer.writerow([row.label, *(_plain(v) for v in row.values)])
        if result.note:
            writer.writerow([result.note])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sheet_title(title: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "-", title)[:31]
    name, n = base, 2
    while name in taken:
        name = f"{base[:28]} {n}"
        n += 1
    taken.add(name)
    return name


def to_xlsx(dashboard: Dashboard) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    taken = {_("Overview")[:31]}
    summary.title = _("Overview")[:31]
    summary.append([_("Management figures")])
    summary.append([_("Scope"), dashboard.scope.name])
    summary.append([_("Period"), dashboard.period.label, dashboard.period.start, dashboard.period.last_day])
    summary.append([])
    for computed in dashboard.figures:
        for headline in computed.result.headlines:
            summary.append([str(computed.figure.title), headline.label, headline.value, headline.target])
            summary.cell(row=summary.max_row, column=3).number_format = XLSX_FORMATS[headline.unit]
    for computed in dashboard.figures:
        _figure_sheet(book, computed.figure.title, computed.figure.definition, computed.result, taken)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _figure_sheet(
    book: Workbook, title: object, definition: object, result: FigureResult, taken: set[str]
) -> None:
    sheet = book.create_sheet(sheet_title(str(title), taken))
    sheet.append([str(title)])
    sheet.append([str(definition)])
    sheet.append([result.label_title, *(heading(c) for c in result.columns)])
    for row in _rows(result):
        sheet.append([row.label, *row.values])
        for index, column in enumerate(result.columns, start=2):
            sheet.cell(row=sheet.max_row, column=index).number_format = XLSX_FORMATS[column.unit]
    if result.note:
        sheet.append([result.note])
    sheet.column_dimensions["A"].width = 36
