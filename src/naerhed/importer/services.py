# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``import_csv``: validate a whole file, then write it in one transaction, or write nothing."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Literal, Protocol, TypeVar

from django.db import transaction

from naerhed.accounts.models import User
from naerhed.importer.citizens import CitizenImport
from naerhed.importer.core import ImportRejected, ImportReport, Row, collect_errors, read_rows
from naerhed.importer.grants import GrantImport
from naerhed.importer.staff import StaffImport

Kind = Literal["staff", "citizens", "grants"]
KINDS: tuple[Kind, ...] = ("staff", "citizens", "grants")
R = TypeVar("R")


class Importer(Protocol[R]):
    kind: str
    required: tuple[str, ...]

    def parse(self, rows: list[Row]) -> list[R]: ...

    def write(self, records: list[R], report: ImportReport, *, by: User | None) -> None: ...


def import_csv(
    kind: Kind, file: IO[bytes] | IO[str] | bytes | str | Path, *, by: User | None, dry_run: bool = False
) -> ImportReport:
    """Import one EHR export of ``kind``.

    Raises ImportRejected, listing every bad row and column, if any row is wrong; then
    nothing is written. Rows are matched on their natural key, so importing the same
    file again updates records instead of duplicating them. ``dry_run`` validates and
    counts, then rolls back.
    """
    if kind == "staff":
        return _run(StaffImport(by), file, by=by, dry_run=dry_run)
    if kind == "citizens":
        return _run(CitizenImport(by), file, by=by, dry_run=dry_run)
    if kind == "grants":
        return _run(GrantImport(by), file, by=by, dry_run=dry_run)
    raise ValueError(f"unknown import kind {kind!r}; choose one of {', '.join(KINDS)}")


def _run(
    importer: Importer[R], file: IO[bytes] | IO[str] | bytes | str | Path, *, by: User | None, dry_run: bool
) -> ImportReport:
    rows = read_rows(file, required=importer.required)
    records = importer.parse(rows)
    errors = collect_errors(rows)
    if errors:
        raise ImportRejected(errors)
    report = ImportReport(kind=importer.kind, rows=len(rows), dry_run=dry_run)
    with transaction.atomic():
        importer.write(records, report, by=by)
        if dry_run:
            transaction.set_rollback(True)
    return report
