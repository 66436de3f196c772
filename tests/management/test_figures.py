# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Each figure on the small fixed week of tests/management/dataset.py, against values worked out by hand
there (the docstring lists the grants, visits, check-ins and rota)."""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.lib.dates import aware
from naerhed.management.figures import care_time, continuity, cost, grants, hours, staff_hr, travel
from naerhed.management.figures.base import FigureContext, FigureResult, Row
from naerhed.management.period import PeriodKind, period_containing
from naerhed.management.scope import Scope, scope_for
from tests.management.dataset import MONDAY, STEP_KM, Week
from tests.personas import World

pytestmark = pytest.mark.usefixtures("english")


def team_a(world: World) -> Scope:
    return scope_for(world.user("teamleader"), None)


def municipality(world: World) -> Scope:
    return scope_for(world.user("manager"), None)


def ctx(scope: Scope) -> FigureContext:
    return FigureContext(scope=scope, period=period_containing(PeriodKind.WEEK, MONDAY))


def row(result: FigureResult, label: str) -> Row:
    return next(r for r in result.rows if r.label == label)


def test_hours_by_paragraph_are_delivered_planned_and_granted_hours_per_paragraph(
    world: World, week: Week
) -> None:
    result = hours.hours_by_paragraph(ctx(team_a(world)))
    # Personal care: granted 210 + 10 (screen) min, planned 4 × 30 min, delivered 40 + 20 + 45 + 30 min.
    assert row(result, "SEL §83 personal care").values == (3.67, 2.0, 2.25, 61.4)
    assert row(result, "SEL §83 practical help").values == (1.0, 1.0, 1.0, 100.0)
    # Delegated nursing: granted 105 + 70 min, never planned as visits in this week.
    assert row(result, "SUL §138 home nursing (delegated)").values == (2.92, 0.0, 0.0, 0.0)
    assert result.total == Row("Total", (7.58, 3.0, 3.25, 42.9))


def test_hours_by_package_split_the_same_hours_by_service(world: World, week: Week) -> None:
    result = hours.hours_by_package(ctx(team_a(world)))
    assert row(result, "Dagpakke 2").values == (3.5, 2.0, 2.25, 64.3)
    assert row(result, "Skærmbesøg").values == (0.17, 0.0, 0.0, 0.0)
    assert row(result, "Rengøring").values == (1.0, 1.0, 1.0, 100.0)


def test_cancelled_visits_are_not_planned_hours(world: World, week: Week) -> None:
    result = hours.hours_by_package(ctx(team_a(world)))
    assert row(result, "Dagpakke 2").values[1] == 2.0  # four of the five dagpakke visits; one was cancelled


def test_continuity_is_the_mean_of_different_carers_per_citizen_week(world: World, week: Week) -> None:
    result = continuity.continuity(ctx(team_a(world)))
    # Inger saw Bodil and Erik (2), Svend only Bodil (1).
    assert result.total == Row("Total", (2.0, 1.5))
    assert result.chart is not None and result.chart.reference == 5.93


def test_care_time_share_is_time_with_citizens_over_paid_rota_time(world: World, week: Week) -> None:
    result = care_time.care_time_share(ctx(team_a(world)))
    # 195 min with citizens; Bodil 3 × 8 h, Erik 8 h (his absent Wednesday is not paid work here).
    assert row(result, world.team_a.name).values == (3.25, 32.0, 10.2)


def test_travel_follows_each_carers_day_round_from_the_office(world: World, week: Week) -> None:
    result = travel.travel(ctx(team_a(world)))
    # Bodil (petrol): Monday 4 steps, Tuesday 4, Saturday 2; Erik (electric): Tuesday 2.
    car, electric = 10 * STEP_KM, 2 * STEP_KM
    assert row(result, "Car").values[0] == pytest.approx(car, abs=0.01)
    assert row(result, "Electric car").values[0] == pytest.approx(electric, abs=0.01)
    assert row(result, "Bike").values[0] == 0.0
    total = result.total
    assert total is not None
    assert total.values[0] == pytest.approx(car + electric, abs=0.01)
    assert total.values[2] == pytest.approx(car * 0.150 + electric * 0.020, abs=0.01)
    assert result.headlines[2].value == 16.7  # 2 of 12 car steps electric


def test_cost_prices_each_visit_by_rate_and_compares_with_the_teams_share_of_the_budget(
    world: World, week: Week
) -> None:
    result = cost.cost(ctx(team_a(world)))
    assert row(result, "Personal care, day, weekdays").values == (1.0, 508.57, 508.57)
    assert row(result, "Personal care, day, weekends").values == (0.5, 564.9, 282.45)
    assert row(result, "Personal care, evening").values[2] == pytest.approx(479.205, abs=0.01)
    assert row(result, "Practical help").values == (1.0, 326.51, 326.51)
    assert row(result, "Personal care, night").values == (0.0, 1223.18, 0.0)
    spent, budget, of_budget = (h.value for h in result.headlines)
    assert spent == 1597  # 1 596.735
    # 365 000 a year is 7 000 a week; team A holds 455 of the municipality's 665 granted minutes.
    assert budget == 4789
    assert of_budget == 33.3


def test_the_whole_municipality_gets_the_whole_budget(world: World, week: Week) -> None:
    result = cost.cost(ctx(municipality(world)))
    assert result.headlines[1].value == 7000


def test_cost_without_a_price_model_says_so(world: World, week: Week) -> None:
    from naerhed.management.models import PriceModel

    PriceModel.objects.all().delete()
    result = cost.cost(ctx(team_a(world)))
    assert result.rows == ()
    assert "No price model for 2026" in result.note


def test_delegated_nursing_share_counts_grants_with_an_end_date(world: World, week: Week) -> None:
    result = grants.delegated_with_end_date(ctx(team_a(world)))
    assert result.total == Row("Total", (2.0, 1.0, 50.0))


def test_screen_visit_citizens_are_counted_per_district(world: World, week: Week) -> None:
    result = grants.screen_visit_citizens(ctx(municipality(world)))
    assert row(result, "Aabenraa Syd").values == (1.0,)
    assert row(result, "Aabenraa Nord").values == (0.0,)


def test_a_team_scope_never_counts_another_teams_citizens(world: World, week: Week) -> None:
    team_b = scope_for(world.user("planner"), f"team-{world.team_b.pk}")
    result = hours.hours_by_paragraph(ctx(team_b))
    # Team B: Poul's dagpakke only, 7 × 30 min granted, nothing planned or delivered.
    assert result.total == Row("Total", (3.5, 0.0, 0.0, 0.0))


def test_staff_figures_without_hr_records_say_how_to_import_them(world: World, week: Week) -> None:
    result = staff_hr.turnover_and_sick_leave(ctx(team_a(world)))
    assert "import-hr" in result.note


def test_care_time_of_a_running_week_counts_only_the_shift_time_worked_so_far(
    world: World, week: Week
) -> None:
    tuesday_noon = aware(MONDAY + dt.timedelta(days=1), dt.time(12, 0))
    context = FigureContext(
        scope=team_a(world), period=period_containing(PeriodKind.WEEK, MONDAY), now=tuesday_noon
    )
    result = care_time.care_time_share(context)
    # Bodil's Monday (8 h) and Erik's Tuesday from 07 to 12 (5 h); Bodil's Tuesday evening has not begun.
    assert row(result, world.team_a.name).values[1] == 13.0
