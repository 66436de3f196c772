# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``import_hr``: the HR system's monthly export (one row per employee and month), validated in full
before anything is written, in the style of :mod:`naerhed.importer`. See docs/management.md."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.db import transaction

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.importer.core import (
    ImportRejected,
    ImportReport,
    Row,
    assign,
    check_model,
    check_unique,
    collect_errors,
    read_rows,
)
from naerhed.importer.lookups import TeamsByName
from naerhed.management.models import HrRecord

REQUIRED = ("medarbejdernummer", "team", "måned", "ansat_fra", "normtimer")
COLUMNS = {
    "employee_number": "medarbejdernummer",
    "team": "team",
    "month": "måned",
    "employed_since": "ansat_fra",
    "left_on": "fratrådt",
    "contract_hours": "normtimer",
    "sick_hours": "sygetimer",
}
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$|^(\d{1,2})[-./](\d{4})$")
MAX_HOURS = Decimal("400")


@dataclass(frozen=True)
class HrRow:
    values: dict[str, object]


def _month(row: Row) -> dt.date | None:
    value = row.raw(COLUMNS["month"])
    match = _MONTH.match(value)
    if match:
        year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        if 1 <= int(month) <= 12:
            return dt.date(int(year), int(month), 1)
    row.error(COLUMNS["month"], f"{value!r} is not a month (write YYYY-MM)" if value else "is required")
    return None


def _parse(row: Row, teams: TeamsByName) -> HrRow:
    values: dict[str, object] = {
        "employee_number": row.text(COLUMNS["employee_number"], max_length=30),
        "team": teams.find(row, COLUMNS["team"]),
        "month": _month(row),
        "employed_since": row.date(COLUMNS["employed_since"]),
        "left_on": row.date(COLUMNS["left_on"], required=False),
        "contract_hours": row.decimal(COLUMNS["contract_hours"], low=Decimal(0), high=MAX_HOURS),
        "sick_hours": row.decimal(COLUMNS["sick_hours"], low=Decimal(0), high=MAX_HOURS, required=False)
        or Decimal(0),
    }
    if not row.errors:
        check_model(row, HrRecord(**values), COLUMNS)
    return HrRow(values)


def import_hr(
    file: IO[bytes] | IO[str] | bytes | str | Path, *, by: User | None, dry_run: bool = False
) -> ImportReport:
    """Import every row, matched on employee number and month, or raise ImportRejected naming every bad
    row and column and write nothing. ``dry_run`` validates and counts, then rolls back."""
    rows = read_rows(file, required=REQUIRED)
    teams = TeamsByName(by)
    records = [_parse(row, teams) for row in rows]
    check_unique(
        (
            (row, (r.values["employee_number"], r.values["month"]))
            for row, r in zip(rows, records, strict=True)
        ),
        COLUMNS["month"],
    )
    errors = collect_errors(rows)
    if errors:
        raise ImportRejected(errors)
    report = ImportReport(kind="hr", rows=len(rows), dry_run=dry_run)
    with transaction.atomic():
        _write(records, report)
        record_event(
            user=by,
            action=Action.IMPORT,
            object_type="hr_record",
            summary=f"HR import: {report.created} created, {report.updated} updated",
        )
        if dry_run:
            transaction.set_rollback(True)
    return report


def _write(records: list[HrRow], report: ImportReport) -> None:
    existing = {
        (r.employee_number, r.month): r
        for r in HrRecord.objects.filter(employee_number__in=[x.values["employee_number"] for x in records])
    }
    for record in records:
        month = record.values["month"]
        assert isinstance(month, dt.date)
        key = (str(record.values["employee_number"]), month)
        instance = existing.get(key) or HrRecord()
        created = instance.pk is None
        if not assign(instance, record.values):
            report.unchanged += 1
            continue
        instance.save()
        if created:
            report.created += 1
        else:
            report.updated += 1
