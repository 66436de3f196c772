# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Importing staff by employee number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from naerhed.accounts.models import User
from naerhed.importer.core import ImportRejected
from naerhed.importer.services import import_csv
from naerhed.organisation.models import Team
from naerhed.workforce.models import Profession, StaffMember, Transport
from tests.importer.conftest import example

HEADER = "medarbejdernummer;fornavn;efternavn;team;faggruppe;timer_pr_uge;vagtlag;ansat_fra;kompetencer\n"


def test_the_example_staff_file_creates_four_staff_with_their_competence_cards(
    tinglev: Team, visitator: User
) -> None:
    report = import_csv("staff", example("staff"), by=visitator)
    assert (report.rows, report.created, report.updated) == (4, 4, 0)
    lone = StaffMember.objects.get(employee_number="5809001")
    assert (lone.team, lone.profession, lone.transport) == (tinglev, Profession.SSA, Transport.ELECTRIC_CAR)
    assert (lone.works_day, lone.works_evening, lone.works_night) == (True, True, False)
    assert lone.home_lat == pytest.approx(54.9371)
    insulin = lone.competence_cards.get(competence__code="insulin")
    assert insulin.gained_on == dt.date(2020, 2, 1)
    assert StaffMember.objects.get(employee_number="5809002").weekly_hours == Decimal("28.5")


def test_importing_the_same_staff_file_again_changes_nothing(tinglev: Team, visitator: User) -> None:
    import_csv("staff", example("staff"), by=visitator)
    again = import_csv("staff", example("staff"), by=visitator)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert StaffMember.objects.count() == 4


def test_a_changed_row_updates_the_member_and_the_card_becomes_the_files_list(tinglev: Team) -> None:
    import_csv(
        "staff", HEADER + "77;Mette;Skov;Team Tinglev;SSA;32;dag;2020-01-01;insulin|eye-drops\n", by=None
    )
    report = import_csv(
        "staff", HEADER + "77;Mette;Skov;Team Tinglev;SSA;30;dag;2020-01-01;insulin\n", by=None
    )
    assert (report.created, report.updated) == (0, 1)
    member = StaffMember.objects.get(employee_number="77")
    assert member.weekly_hours == 30
    assert list(member.competences.values_list("code", flat=True)) == ["insulin"]


def test_every_bad_staff_row_and_field_is_listed_and_nothing_is_imported(tinglev: Team) -> None:
    rows = [
        "1;Mette;Skov;Team Tinglev;SSA;32;dag;2020-01-01;insulin",
        "2;Lise;Lund;Bov 3;SSA;32;dag;2020-01-01;",
        "3;Jens;Bonde;Team Tinglev;kok;60;morgen;2020-13-01;flying",
        "1;Mette;Skov;Team Tinglev;SSA;32;dag;2020-01-01;",
    ]
    with pytest.raises(ImportRejected) as rejected:
        import_csv("staff", HEADER + "\n".join(rows) + "\n", by=None)
    assert [str(e) for e in rejected.value.errors] == [
        "row 3, team: no team named 'Bov 3'",
        "row 4, faggruppe: 'kok' is not one of ssh, ssa, sygeplejerske, ergoterapeut, fysioterapeut, "
        "pædagog, ufaglært, rengøringsassistent",
        "row 4, timer_pr_uge: '60' is not a number from 1 to 48",
        "row 4, ansat_fra: '2020-13-01' is not a date (write YYYY-MM-DD)",
        "row 4, vagtlag: give dag, aften and/or nat separated by | (not 'morgen')",
        "row 4, kompetencer: no competence with the code 'flying'",
        "row 5, medarbejdernummer: the same record is also on row 2",
    ]
    assert not StaffMember.objects.exists()


def test_starting_from_home_without_home_coordinates_is_an_error_on_the_coordinate_column(
    tinglev: Team,
) -> None:
    header = HEADER.strip() + ";starter_hjemmefra\n"
    with pytest.raises(ImportRejected, match=r"^row 2, hjem_breddegrad: "):
        import_csv("staff", header + "5;Ida;Frost;Team Tinglev;SSH;25;dag;2021-04-01;;ja\n", by=None)
