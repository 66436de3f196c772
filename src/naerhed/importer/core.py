# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reading an EHR export and validating its rows, collecting every error before anything is written.

Files are UTF-8 (a byte-order mark is tolerated), separated by semicolons or commas
(sniffed from the header line). Row numbers are the file's line numbers as a
spreadsheet shows them: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import ForeignKey, Model

T = TypeVar("T")

TRUE_WORDS = frozenset({"ja", "j", "x", "1", "true", "sand", "yes"})
FALSE_WORDS = frozenset({"nej", "n", "0", "false", "falsk", "no", ""})
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


class ImportRejected(Exception):
    """The file has errors; nothing was imported. ``errors`` lists every one."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class ImportReport:
    kind: str
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False

    def __str__(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        return (
            f"{self.kind}: {verb} {self.rows} rows — {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )


@dataclass
class Row:
    """One record; its typed readers record an error and return None instead of raising."""

    number: int
    values: Mapping[str, str]
    errors: list[RowError] = field(default_factory=list)

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def raw(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def text(self, column: str, *, required: bool = True, max_length: int = 200) -> str:
        value = self.raw(column)
        if required and not value:
            self.error(column, "is required")
        elif len(value) > max_length:
            self.error(column, f"is longer than {max_length} characters")
        return value

    def date(self, column: str, *, required: bool = True) -> dt.date | None:
        value = self.raw(column)
        if not value:
            if required:
                self.error(column, "is required")
            return None
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        self.error(column, f"{value!r} is not a date (write YYYY-MM-DD)")
        return None

    def time(self, column: str) -> dt.time | None:
        value = self.raw(column)
        match = _TIME.match(value)
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return dt.time(int(match[1]), int(match[2]))
        self.error(column, f"{value!r} is not a time (write HH:MM)" if value else "is required")
        return None

    def integer(self, column: str, *, low: int, high: int, required: bool = True) -> int | None:
        value = self.raw(column)
        if not value:
            if required:
                self.error(column, "is required")
            return None
        if not value.isdigit() or not low <= int(value) <= high:
            self.error(column, f"{value!r} is not a whole number from {low} to {high}")
            return None
        return int(value)

    def decimal(self, column: str, *, low: Decimal, high: Decimal, required: bool = True) -> Decimal | None:
        value = self.raw(column).replace(",", ".")
        if not value:
            if required:
                self.error(column, "is required")
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite() or not low <= number <= high:
            self.error(column, f"{self.raw(column)!r} is not a number from {low} to {high}")
            return None
        return number

    def coordinate(self, column: str, *, low: float, high: float, required: bool = True) -> float | None:
        number = self.decimal(column, low=Decimal(str(low)), high=Decimal(str(high)), required=required)
        return float(number) if number is not None else None

    def flag(self, column: str, *, default: bool = False) -> bool:
        value = self.raw(column).lower()
        if not value:
            return default
        if value in TRUE_WORDS or value in FALSE_WORDS:
            return value in TRUE_WORDS
        self.error(column, f"{self.raw(column)!r} is not ja or nej")
        return default

    def choice(
        self, column: str, choices: Mapping[str, T], *, required: bool = True, shown: Iterable[str] = ()
    ) -> T | None:
        """One of ``choices`` (case-insensitive); an error names ``shown`` or else every choice."""
        value = self.raw(column).lower()
        if not value and not required:
            return None
        if value in choices:
            return choices[value]
        names = ", ".join(shown or sorted(c for c in choices if c))
        self.error(column, f"{self.raw(column)!r} is not one of {names}" if value else "is required")
        return None


def read_rows(source: IO[bytes] | IO[str] | bytes | str | Path, *, required: Iterable[str]) -> list[Row]:
    """Parse a CSV export into rows; a missing required column rejects the file at once."""
    text = _decode(source)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ImportRejected([RowError(1, "header", "the file is empty")])
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    headers = [(h or "").strip().lower() for h in reader.fieldnames or []]
    reader.fieldnames = headers
    missing = [RowError(1, column, "the column is missing") for column in required if column not in headers]
    if missing:
        raise ImportRejected(missing)
    rows: list[Row] = []
    for record in reader:
        values = {k: v if isinstance(v, str) else "" for k, v in record.items() if k}
        if any(v.strip() for v in values.values()):
            rows.append(Row(reader.line_num, values))
    return rows


def _decode(source: IO[bytes] | IO[str] | bytes | str | Path) -> str:
    if isinstance(source, Path):
        source = source.read_bytes()
    elif not isinstance(source, bytes | str):
        source = source.read()
    if isinstance(source, bytes):
        try:
            return source.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportRejected([RowError(1, "file", f"is not UTF-8 (byte {exc.start})")]) from exc
    return source.removeprefix("\ufeff")


def _delimiter(header: str) -> str:
    """Semicolon (what Danish spreadsheets write) unless the header has more commas or tabs."""
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ";"))


def collect_errors(rows: Iterable[Row]) -> list[RowError]:
    return sorted((e for row in rows for e in row.errors), key=lambda e: e.row)


def check_unique(rows: Iterable[tuple[Row, object]], column: str) -> None:
    """Record an error on every row whose key an earlier row of the file already had."""
    first_seen: dict[object, int] = {}
    for row, key in rows:
        if key in first_seen:
            row.error(column, f"the same record is also on row {first_seen[key]}")
        else:
            first_seen[key] = row.number


def check_model(row: Row, instance: Model, columns: Mapping[str, str]) -> None:
    """Run the model's own ``clean()`` and record its errors under the columns they came from.

    Skipped when the row already has errors: ``clean()`` assumes the fields themselves are valid."""
    if row.errors:
        return
    try:
        instance.clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                row.error(columns.get(name, name if name != NON_FIELD_ERRORS else "row"), message)


def assign(instance: Model, values: Mapping[str, object]) -> bool:
    """Set the attributes; True if any of them changed (a new instance always counts as changed)."""
    changed = instance.pk is None
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if isinstance(field, ForeignKey):  # compare ids: reading an unset relation raises
            current: object = getattr(instance, field.attname)
            wanted = value.pk if isinstance(value, Model) else value
        else:
            current, wanted = getattr(instance, name), value
        if current != wanted:
            setattr(instance, name, value)
            changed = True
    return changed
