# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The dashboard's access matrix, and its CSV, XLSX and PDF exports holding the figures."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from naerhed.audit.models import AuditEvent
from naerhed.management.figures.registry import build_dashboard
from naerhed.management.pdf_report import to_pdf
from naerhed.management.period import PeriodKind, period_containing
from naerhed.management.scope import scope_for
from tests.factories import PASSWORD
from tests.management.dataset import MONDAY, Week
from tests.management.pdf_text import pdf_text
from tests.personas import World

URL = reverse("management:dashboard")


def client_for(world: World, name: str) -> Client:
    client = Client()
    assert client.login(username=world.user(name).username, password=PASSWORD)
    return client


def week_query(scope: str) -> dict[str, str]:
    return {"scope": scope, "period": "week", "day": MONDAY.isoformat()}


@pytest.mark.parametrize("name", ["carer", "carer_b", "nurse", "visitator", "admin"])
def test_roles_without_figures_are_refused(world: World, name: str) -> None:
    assert client_for(world, name).get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(world: World) -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    ("name", "allowed", "refused"),
    [
        ("manager", ["municipality", "district-near", "district-far", "team-a", "team-b", "team-far"], []),
        ("planner", ["district-near", "team-a", "team-b"], ["municipality", "district-far", "team-far"]),
        ("planner_far", ["district-far", "team-far"], ["district-near", "team-a"]),
        ("teamleader", ["team-a"], ["municipality", "district-near", "team-b"]),
    ],
)
def test_each_role_sees_figures_for_its_own_scope_only(
    world: World, name: str, allowed: list[str], refused: list[str]
) -> None:
    municipality = world.team_a.district.municipality
    tokens = {
        "municipality": f"municipality-{municipality.pk}",
        "district-near": f"district-{world.team_a.district_id}",
        "district-far": f"district-{world.team_far.district_id}",
        "team-a": f"team-{world.team_a.pk}",
        "team-b": f"team-{world.team_b.pk}",
        "team-far": f"team-{world.team_far.pk}",
    }
    client = client_for(world, name)
    for key in allowed:
        assert client.get(URL, week_query(tokens[key])).status_code == 200, key
    for key in refused:
        assert client.get(URL, week_query(tokens[key])).status_code == 403, key
        assert (
            client.get(reverse("management:export", args=["csv"]), week_query(tokens[key])).status_code == 403
        )


def test_the_dashboard_shows_each_figure_with_its_definition_and_a_chart(world: World, week: Week) -> None:
    response = client_for(world, "teamleader").get(URL, week_query(f"team-{world.team_a.pk}"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="figure-continuity"' in html and "5,93" in html
    assert html.count("<svg") >= 7
    assert "Forskellige medarbejdere pr. borger pr. uge" in html


def test_the_dashboard_opens_on_this_week_of_the_widest_scope(world: World) -> None:
    response = client_for(world, "manager").get(URL)
    assert response.status_code == 200
    assert f"scope=municipality-{world.team_a.district.municipality_id}" in response.content.decode()


def test_a_bad_day_is_an_error_naming_the_field(world: World) -> None:
    scope = f"team-{world.team_a.pk}"
    response = client_for(world, "manager").get(URL, {"scope": scope, "period": "week", "day": "2026-13-45"})
    assert response.status_code == 400
    assert 'id="id_day_error"' in response.content.decode()


def test_csv_export_holds_the_figures_in_danish_number_format_and_is_audited(
    world: World, week: Week
) -> None:
    client = client_for(world, "teamleader")
    response = client.get(reverse("management:export", args=["csv"]), week_query(f"team-{world.team_a.pk}"))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Kontinuitet" in text
    assert "I alt;7,58;3,0;3,25;42,9" in text.splitlines()[4:9]  # hours by paragraph, total row
    event = AuditEvent.objects.get(action="export")
    assert event.username == "teamleader" and event.object_id == f"team-{world.team_a.pk}"


def test_xlsx_export_opens_and_holds_numbers(world: World, week: Week) -> None:
    client = client_for(world, "teamleader")
    response = client.get(reverse("management:export", args=["xlsx"]), week_query(f"team-{world.team_a.pk}"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Oversigt"
    sheet = book["Kontinuitet"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["I alt", 2.0, 1.5] in rows
    hours = book[book.sheetnames[1]]
    assert ["I alt", 7.58, 3.0, 3.25, 42.9] in [[c.value for c in row] for row in hours.iter_rows()]


def test_pdf_report_opens_and_holds_the_figures_with_danish_letters(world: World, week: Week) -> None:
    from django.utils import translation

    with translation.override("da"):
        scope = scope_for(world.user("teamleader"), None)
        board = build_dashboard(scope=scope, period=period_containing(PeriodKind.HALF_YEAR, MONDAY))
        pdf = to_pdf(board, compress=False)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Ledelsestal: Team Hjordkær" in text
    assert "halvår 2 2026" in text
    assert "Kontinuitet" in text and "1,50" in text
    assert "Personlig pleje, dag, hverdage" in text


def test_pdf_download_for_the_year_end_follow_up_is_a_pdf(world: World, week: Week) -> None:
    municipality = f"municipality-{world.team_a.district.municipality_id}"
    response = client_for(world, "manager").get(
        reverse("management:export", args=["pdf"]),
        {"scope": municipality, "period": "year", "day": "2026-06-01"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert 'filename="naerhed-figures-municipality-' in response["Content-Disposition"]
