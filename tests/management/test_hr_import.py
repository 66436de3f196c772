# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``naerhed import-hr``: all rows or none, every bad row and field named; and the staff figure from it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from naerhed.audit.models import AuditEvent
from naerhed.importer.core import ImportRejected
from naerhed.management.figures.base import FigureContext, Row
from naerhed.management.figures.staff_hr import turnover_and_sick_leave
from naerhed.management.hr_import import import_hr
from naerhed.management.models import HrRecord
from naerhed.management.period import PeriodKind, period_containing
from naerhed.management.scope import scope_for
from tests.personas import World

HEADER = "medarbejdernummer;team;måned;ansat_fra;fratrådt;normtimer;sygetimer\n"
#: Three employees of Team Hjordkær in November 2026: under 1 year, 1–3 years, and 4+ years who left
#: on 18 November; one October row that a November week does not count.
GOOD = HEADER + (
    "E1;Team Hjordkær;2026-11;2026-01-01;;140;14\n"
    "E3;Team Hjordkær;11-2026;2024-01-01;;100;6\n"
    "E2;Team Hjordkær;2026-11;2020-01-01;18.11.2026;160;0\n"
    "E2;Team Hjordkær;2026-10;2020-01-01;;160;40\n"
)


def test_a_good_file_is_imported_and_a_second_import_changes_nothing(world: World) -> None:
    report = import_hr(GOOD, by=world.user("manager"))
    assert (report.created, report.updated) == (4, 0)
    e2 = HrRecord.objects.get(employee_number="E2", month=dt.date(2026, 11, 1))
    assert (e2.left_on, e2.contract_hours, e2.team) == (dt.date(2026, 11, 18), Decimal("160"), world.team_a)
    again = import_hr(GOOD, by=world.user("manager"))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert AuditEvent.objects.filter(action="import", object_type="hr_record").count() == 2


def test_a_file_with_bad_rows_names_every_row_and_field_and_imports_nothing(world: World) -> None:
    bad = HEADER + (
        "E1;Team Hjordkær;2026-11;2026-01-01;;140;14\n"
        "E2;Team Nowhere;2026-13;2020-01-01;;160;0\n"
        "E3;Team Hjordkær;2026-11;2024-01-01;2023-01-01;100;200\n"
        "E1;Team Hjordkær;2026-11;2026-01-01;;140;14\n"
    )
    with pytest.raises(ImportRejected) as caught:
        import_hr(bad, by=None)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert {(3, "team"), (3, "måned")} <= found
    assert (4, "sygetimer") in found  # 200 sick hours of 100
    assert (4, "fratrådt") in found  # left before being employed
    assert (5, "måned") in found  # the same employee and month as row 2
    assert not HrRecord.objects.exists()


def test_a_missing_column_rejects_the_file(world: World) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_hr("medarbejdernummer;team\nE1;Team Hjordkær\n", by=None)
    assert {e.column for e in caught.value.errors} == {"måned", "ansat_fra", "normtimer"}


def test_the_command_has_a_dry_run_and_fails_loudly(world: World, tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import-hr", str(path), "--dry-run")
    assert not HrRecord.objects.exists()
    call_command("import-hr", str(path))
    assert HrRecord.objects.count() == 4
    path.write_text(HEADER + "E9;Team Hjordkær;2026-11;;;140;0\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import-hr", str(path))


@pytest.mark.usefixtures("english")
def test_turnover_by_seniority_and_sick_leave_from_the_imported_records(world: World) -> None:
    import_hr(GOOD, by=None)
    scope = scope_for(world.user("teamleader"), None)
    result = turnover_and_sick_leave(
        FigureContext(scope, period_containing(PeriodKind.WEEK, dt.date(2026, 11, 16)))
    )
    assert [r.values for r in result.rows] == [
        (1.0, 0.0, 0.0, 10.0),  # E1: 14 of 140 hours sick
        (1.0, 0.0, 0.0, 6.0),  # E3
        (1.0, 1.0, 100.0, 0.0),  # E2 left with 6.9 years
    ]
    assert result.total == Row("Total", (3.0, 1.0, 33.3, 5.0))  # 20 of 400 hours sick
    assert result.headlines[0].value == round(100 / 3 * 365 / 7, 1)
