# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reading an export: encodings, separators, headers and row numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from naerhed.importer.core import ImportRejected, Row, read_rows


def test_a_file_with_a_byte_order_mark_and_semicolons_is_read() -> None:
    rows = read_rows("\ufeffCPR;Fornavn\n120435-1234;Else\n".encode(), required=["cpr"])
    assert [(r.number, r.raw("cpr"), r.raw("fornavn")) for r in rows] == [(2, "120435-1234", "Else")]


def test_commas_are_taken_from_the_header_line() -> None:
    rows = read_rows('cpr,fornavn\n120435-1234,"Else, Marie"\n', required=["cpr", "fornavn"])
    assert rows[0].raw("fornavn") == "Else, Marie"


def test_a_missing_required_column_rejects_the_file_naming_every_missing_column() -> None:
    with pytest.raises(ImportRejected) as rejected:
        read_rows("cpr;by\n", required=["cpr", "fornavn", "efternavn"])
    assert [str(e) for e in rejected.value.errors] == [
        "row 1, fornavn: the column is missing",
        "row 1, efternavn: the column is missing",
    ]


def test_blank_lines_are_skipped_and_rows_keep_their_line_numbers() -> None:
    rows = read_rows("cpr;by\n1;A\n;\n\n2;B\n", required=["cpr"])
    assert [(r.number, r.raw("by")) for r in rows] == [(2, "A"), (5, "B")]


def test_a_file_that_is_not_utf8_is_rejected() -> None:
    with pytest.raises(ImportRejected, match="not UTF-8"):
        read_rows("cpr;by\n1;Kruså\n".encode("latin-1"), required=["cpr"])


def test_typed_readers_accept_danish_habits_and_record_errors_instead_of_raising() -> None:
    row = Row(4, {"d": "01.02.2025", "h": "28,5", "t": "7.30", "j": "Ja", "bad": "31-31-2025"})
    assert row.date("d") == dt.date(2025, 2, 1)
    assert row.decimal("h", low=Decimal(1), high=Decimal(48)) == Decimal("28.5")
    assert row.time("t") == dt.time(7, 30)
    assert row.flag("j") is True
    assert row.date("bad") is None
    assert [str(e) for e in row.errors] == ["row 4, bad: '31-31-2025' is not a date (write YYYY-MM-DD)"]
