# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``naerhed import-csv``: the command line around import_csv."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from naerhed.organisation.models import Team
from naerhed.workforce.models import StaffMember
from tests.importer.conftest import EXAMPLES


def test_the_command_imports_a_file_and_reports_the_counts(tinglev: Team) -> None:
    out = io.StringIO()
    call_command("import-csv", "staff", str(EXAMPLES / "staff.csv"), stdout=out)
    assert "staff: imported 4 rows — 4 created, 0 updated, 0 unchanged" in out.getvalue()


def test_the_command_lists_every_error_and_imports_nothing(tinglev: Team, tmp_path: Path) -> None:
    bad = tmp_path / "staff.csv"
    bad.write_text(
        "medarbejdernummer;fornavn;efternavn;team;faggruppe;timer_pr_uge;vagtlag;ansat_fra\n"
        "1;A;B;Bov 3;SSH;30;dag;2020-01-01\n2;C;D;Team Tinglev;SSH;30;dag;2020-02-30\n",
        encoding="utf-8-sig",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="rejected"):
        call_command("import-csv", "staff", str(bad), stderr=err)
    assert "row 2, team: no team named 'Bov 3'" in err.getvalue()
    assert "row 3, ansat_fra: '2020-02-30' is not a date" in err.getvalue()
    assert not StaffMember.objects.exists()


def test_a_dry_run_from_the_command_line_writes_nothing(tinglev: Team) -> None:
    out = io.StringIO()
    call_command("import-csv", "staff", str(EXAMPLES / "staff.csv"), "--dry-run", stdout=out)
    assert "would import 4 rows" in out.getvalue()
    assert not StaffMember.objects.exists()
