# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The follow-up report as PDF (fpdf2): each figure's headlines, definition and table, set in DejaVu
Sans so that æ, ø and å print. Used for the mid-year and year-end follow-up of the agreement."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from naerhed.management.figures.base import FigureResult, Row
from naerhed.management.figures.registry import Dashboard
from naerhed.management.formatting import format_value, heading

FONT_DIR = Path(getattr(settings, "NAERHED_PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
FONT = "DejaVu"
LABEL_WIDTH = 62.0
# fpdf2 subsets the font with fontTools, which logs every glyph table at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class _Report(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(
            0, 6, _("Nærhed – management figures – page %(page)d") % {"page": self.page_no()}, align="C"
        )


def to_pdf(dashboard: Dashboard, *, compress: bool = True) -> bytes:
    """The report; ``compress=False`` leaves the page streams readable (for tests)."""
    pdf = _Report(orientation="portrait", unit="mm", format="A4")
    pdf.compress = compress
    pdf.add_font(FONT, fname=str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, style="B", fname=str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(_("Management figures"))
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    _cover(pdf, dashboard)
    for computed in dashboard.figures:
        _figure(pdf, str(computed.figure.title), str(computed.figure.definition), computed.result)
    return bytes(pdf.output())


def _cover(pdf: FPDF, dashboard: Dashboard) -> None:
    pdf.set_font(FONT, style="B", size=16)
    _para(pdf, 9, _("Management figures: %(scope)s") % {"scope": dashboard.scope.name})
    pdf.set_font(FONT, size=10)
    period = dashboard.period
    first, last = (date_format(day, "SHORT_DATE_FORMAT") for day in (period.start, period.last_day))
    dates = f"{first}–{last}"
    _para(pdf, 6, f"{period.label} ({dates})")
    made = date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")
    _para(pdf, 6, _("Made %(when)s") % {"when": made})
    pdf.ln(4)


def _figure(pdf: FPDF, title: str, definition: str, result: FigureResult) -> None:
    if pdf.will_page_break(40):
        pdf.add_page()
    pdf.set_font(FONT, style="B", size=12)
    _para(pdf, 7, title)
    pdf.set_font(FONT, size=8)
    _para(pdf, 4.5, definition)
    pdf.set_font(FONT, size=10)
    for headline in result.headlines:
        value = format_value(headline.value, headline.unit, with_unit=True)
        suffix = f" ({headline.target})" if headline.target else ""
        _para(pdf, 6, f"{headline.label}: {value}{suffix}")
    if result.rows:
        _table(pdf, result)
    if result.note:
        pdf.set_font(FONT, size=8)
        _para(pdf, 4.5, result.note)
    pdf.ln(5)


def _table(pdf: FPDF, result: FigureResult) -> None:
    width = (pdf.epw - LABEL_WIDTH) / max(1, len(result.columns))
    pdf.set_font(FONT, style="B", size=8)
    pdf.set_fill_color(230, 236, 242)
    with pdf.table(
        col_widths=(LABEL_WIDTH, *([width] * len(result.columns))),
        text_align=("LEFT", *(["RIGHT"] * len(result.columns))),
        line_height=5,
        first_row_as_headings=True,
    ) as table:
        table.row([result.label_title, *(heading(c) for c in result.columns)])
        pdf.set_font(FONT, size=8)
        for row in [*result.rows, *([result.total] if result.total else [])]:
            table.row(_cells(row, result))


def _cells(row: Row, result: FigureResult) -> list[str]:
    return [row.label, *(format_value(v, c.unit) for v, c in zip(row.values, result.columns, strict=True))]


def _para(pdf: FPDF, height: float, text: str) -> None:
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
