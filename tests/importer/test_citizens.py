# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Importing citizens by CPR number, with one audit event per citizen created or changed."""

from __future__ import annotations

import pytest

from naerhed.accounts.models import User
from naerhed.audit.models import Action, AuditEvent
from naerhed.citizens.models import Citizen
from naerhed.importer.core import ImportRejected
from naerhed.importer.services import import_csv
from naerhed.organisation.models import Team
from tests import factories as f
from tests.importer.conftest import example

HEADER = "cpr;fornavn;efternavn;adresse;postnummer;by;breddegrad;længdegrad;team;kontaktperson;start\n"


def _row(cpr: str = "120435-1234", team: str = "Team Tinglev", key: str = "", lat: str = "54,93") -> str:
    return f"{cpr};Else;Callesen;Hovedgaden 21;6360;Tinglev;{lat};9,25;{team};{key};2024-05-01"


def test_the_example_citizens_file_creates_three_citizens_with_their_key_persons(
    tinglev: Team, visitator: User
) -> None:
    import_csv("staff", example("staff"), by=visitator)
    report = import_csv("citizens", example("citizens"), by=visitator)
    assert (report.rows, report.created) == (3, 3)
    else_ = Citizen.objects.get(cpr="1204351234")
    assert (else_.team, else_.key_person and else_.key_person.employee_number) == (tinglev, "5809001")
    assert (else_.lives_alone, else_.memory_impairment, else_.gender_preference) == (True, False, "f")
    assert else_.lat == pytest.approx(54.9361)


def test_each_imported_citizen_gets_one_import_event_naming_the_citizen_by_id_not_cpr(
    tinglev: Team, visitator: User
) -> None:
    import_csv("staff", example("staff"), by=visitator)
    import_csv("citizens", example("citizens"), by=visitator)
    events = AuditEvent.objects.filter(action=Action.IMPORT, object_type="citizen")
    assert sorted(e.citizen_id or 0 for e in events) == sorted(Citizen.objects.values_list("pk", flat=True))
    assert all(e.user == visitator and e.channel == "cli" for e in events)
    assert not any(c.cpr[:6] in e.summary + e.object_id for e in events for c in Citizen.objects.all())


def test_importing_the_same_citizens_again_updates_instead_of_duplicating(tinglev: Team) -> None:
    import_csv("citizens", HEADER + _row() + "\n", by=None)
    same = import_csv("citizens", HEADER + _row() + "\n", by=None)
    moved = import_csv("citizens", HEADER + _row(lat="54,94") + "\n", by=None)
    assert (same.unchanged, moved.updated) == (1, 1)
    assert Citizen.objects.count() == 1
    assert Citizen.objects.get().lat == pytest.approx(54.94)
    assert AuditEvent.objects.filter(action=Action.IMPORT).count() == 2


def test_every_bad_citizen_row_is_listed_and_nothing_is_half_imported(tinglev: Team) -> None:
    bov_carer = f.staff(team=Team.objects.get(name="Team Bov"), employee_number="B1")
    rows = [
        _row(cpr="010150-1111"),
        _row(cpr="310299-1234"),
        _row(cpr="020250-2222", team="Bov 3"),
        _row(cpr="0303501234x"),
        _row(cpr="040450-4444", lat=""),
        _row(cpr="050550-5555", key=bov_carer.employee_number),
        _row(cpr="010150-1111"),
    ]
    with pytest.raises(ImportRejected) as rejected:
        import_csv("citizens", HEADER + "\n".join(rows) + "\n", by=None)
    errors = [str(e) for e in rejected.value.errors]
    assert errors[:4] == [
        "row 3, cpr: the date part 310299 is not a real date",
        "row 4, team: no team named 'Bov 3'",
        "row 5, cpr: a CPR number has ten digits, written DDMMYY-SSSS",
        "row 6, breddegrad: is required",
    ]
    assert errors[4].startswith("row 7, kontaktperson: ")
    assert errors[5:] == ["row 8, cpr: the same record is also on row 2"]
    assert not Citizen.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_dry_run_counts_the_citizens_but_writes_nothing(tinglev: Team) -> None:
    report = import_csv("citizens", HEADER + _row() + "\n", by=None, dry_run=True)
    assert (report.created, report.dry_run) == (1, True)
    assert "would import 1 rows" in str(report)
    assert not Citizen.objects.exists() and not AuditEvent.objects.exists()
