# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Importing grants by citizen, service, start date and earliest start."""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.accounts.models import User
from naerhed.grants.models import Grant, Priority, Recurrence
from naerhed.importer.core import ImportRejected
from naerhed.importer.services import import_csv
from naerhed.organisation.models import Team
from tests import factories as f
from tests.importer.conftest import example

HEADER = "cpr;ydelse;fra;til;gentagelse;ugedage;hver_n_dage;tidligst;senest;varighed;minutter_pr_uge\n"


@pytest.fixture
def citizens(tinglev: Team, visitator: User) -> None:
    import_csv("staff", example("staff"), by=visitator)
    import_csv("citizens", example("citizens"), by=visitator)


def test_the_example_grants_file_creates_every_kind_of_grant(citizens: None, visitator: User) -> None:
    report = import_csv("grants", example("grants"), by=visitator)
    assert (report.rows, report.created) == (9, 9)
    drops = Grant.objects.filter(service__code="sul138-oejendraaber").order_by("window_start")
    assert [(g.window_start, g.ends_on) for g in drops] == [
        (dt.time(7, 0), dt.date(2026, 12, 13)),
        (dt.time(14, 30), dt.date(2026, 12, 13)),
    ]
    cleaning = Grant.objects.get(service__code="rengoering")
    assert (cleaning.recurrence, cleaning.interval_days, cleaning.weekdays) == (
        Recurrence.EVERY_N_DAYS,
        14,
        "1111100",
    )
    frame = Grant.objects.get(service__code="helhedspleje")
    assert (frame.recurrence, frame.weekly_minutes) == (Recurrence.WEEKLY_FRAME, 150)
    klippekort = Grant.objects.get(service__code="klippekort")
    assert (klippekort.recurrence, klippekort.priority) == (Recurrence.ON_DEMAND, Priority.MAY_MOVE)
    assert Grant.objects.get(service__code="ekstra-apv-dag").two_carers
    screen = Grant.objects.get(service__code="skaermbesoeg-medicin")
    assert (screen.remote, screen.weekdays, screen.granted_by) == (True, "1010100", visitator)


def test_importing_the_same_grants_again_creates_no_duplicates(citizens: None) -> None:
    import_csv("grants", example("grants"), by=None)
    again = import_csv("grants", example("grants"), by=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 9)
    assert Grant.objects.count() == 9


def test_a_changed_end_date_updates_the_matching_grant(citizens: None) -> None:
    row = "120435-1234;dagpakke-2;2024-05-01;{};dagligt;;;07:00;09:30;20;\n"
    import_csv("grants", HEADER + row.format(""), by=None)
    report = import_csv("grants", HEADER + row.format("2026-12-31"), by=None)
    assert (report.created, report.updated) == (0, 1)
    assert Grant.objects.get().ends_on == dt.date(2026, 12, 31)


def test_every_bad_grant_row_is_listed_with_the_column_and_nothing_is_imported(citizens: None) -> None:
    rows = [
        "120435-1234;dagpakke-2;2024-05-01;;dagligt;;;07:00;09:30;20;",
        "120435-1234;dagpakke-9;2024-05-01;;dagligt;;;07:00;09:30;20;",
        "120435-1234;helhedspleje;2025-01-01;;ugeramme;;;07:00;15:00;30;",
        "120435-1234;rengoering;2025-01-01;2024-01-01;hver n. dag;man|fre;;09:00;08:00;40;",
        "010101-0001;dagpakke-1;2025-01-01;;ugedage;mandag|sommer;;07:00;25:00;500;",
    ]
    with pytest.raises(ImportRejected) as rejected:
        import_csv("grants", HEADER + "\n".join(rows) + "\n", by=None)
    errors = [str(e) for e in rejected.value.errors]
    assert errors[0] == "row 3, ydelse: no service with the code 'dagpakke-9'"
    assert errors[1].startswith("row 4, minutter_pr_uge: ")
    assert {e.split(":")[0] for e in errors[2:5]} == {"row 5, til", "row 5, senest", "row 5, hver_n_dage"}
    assert errors[5:] == [
        "row 6, cpr: no citizen with this CPR number (import the citizens first)",
        "row 6, ugedage: 'mandag|sommer': give seven 0/1 digits, Monday first, or days like man|ons|fre",
        "row 6, senest: '25:00' is not a time (write HH:MM)",
        "row 6, varighed: '500' is not a whole number from 1 to 480",
    ]
    assert not Grant.objects.exists()


def test_a_cpr_number_is_never_repeated_in_an_error_message(tinglev: Team) -> None:
    f.citizen(team=tinglev, cpr="1204351234")
    with pytest.raises(ImportRejected) as rejected:
        import_csv(
            "grants", HEADER + "150550-9999;dagpakke-2;2024-05-01;;dagligt;;;07:00;09:30;20;\n", by=None
        )
    assert "150550" not in str(rejected.value)
