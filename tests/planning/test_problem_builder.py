# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from naerhed.citizens.models import CarerWish, CarerWishKind
from naerhed.grants.models import Recurrence
from naerhed.lib.dates import COPENHAGEN, aware
from naerhed.planner.model import Break
from naerhed.planning.problem_builder import build_problem, from_minutes, to_minutes
from naerhed.visits.services import expand_grants
from naerhed.workforce.models import RosterShift
from naerhed.workforce.rota import ensure_rota
from tests import factories as f

MONDAY = dt.date(2026, 11, 16)

pytestmark = pytest.mark.django_db


def test_minutes_are_copenhagen_wall_clock_from_the_first_day() -> None:
    moment = dt.datetime(2026, 11, 18, 7, 30, tzinfo=COPENHAGEN)
    assert to_minutes(moment, MONDAY) == 2 * 1440 + 450
    assert from_minutes(2 * 1440 + 450, MONDAY) == moment


def test_a_team_week_becomes_a_problem_with_competences_wishes_and_two_carer_visits() -> None:
    """One team, three staff (one with insulin), one citizen with an insulin grant and a two-carer grant,
    a key person and a blocked carer."""
    team = f.team()
    nurse = f.staff(team=team, competences=["insulin"], profession="ssa")
    helper = f.staff(team=team)
    blocked = f.staff(team=team)
    citizen = f.citizen(team=team, key_person=helper)
    CarerWish.objects.create(citizen=citizen, staff=blocked, kind=CarerWishKind.BLOCKED)
    f.grant(citizen=citizen, service=f.service("insulin", competences=["insulin"]))
    f.grant(
        citizen=citizen,
        service=f.service("apv"),
        two_carers=True,
        recurrence=Recurrence.WEEKDAYS,
        weekdays="1000000",
    )
    ensure_rota(team=team, week_start=MONDAY)
    expand_grants(team=team, start=MONDAY, days=7)

    built = build_problem(team=team, start=MONDAY, days=7)

    problem = built.problem
    assert len(problem.visits) == 8
    insulin = [v for v in problem.visits if v.competences == frozenset({"insulin"})]
    assert len(insulin) == 7 and insulin[0].window == (420, 570)
    assert [v.carers for v in problem.visits if not v.competences] == [2]
    (planned_citizen,) = problem.citizens
    assert planned_citizen.preferred_carers == (f"s-{helper.pk}",)
    assert planned_citizen.blocked_carers == frozenset({f"s-{blocked.pk}"})
    carer = problem.carer_by_id[f"s-{nurse.pk}"]
    assert carer.competences == frozenset({"insulin"}) and carer.shifts
    assert all(s.break_ is not None for s in carer.shifts)
    assert problem.travel["car"].minutes[0][0] == 0
    assert built.visit_ids and set(built.staff_ids) == {c.id for c in problem.carers}


def test_a_team_without_office_coordinates_is_refused_with_a_clear_message() -> None:
    team = f.team(office_lat=None, office_lon=None)
    with pytest.raises(ValueError, match="office coordinates"):
        build_problem(team=team, start=MONDAY, days=7)


def test_the_night_shift_begun_the_evening_before_covers_the_first_night() -> None:
    """A night carer's Sunday 23:00 shift of the week before reaches into Monday: it starts at minute 0,
    keeps its 02:00 break, and ends at 07:00."""
    team = f.team()
    night = f.staff(team=team, works_day=False, works_night=True, weekly_hours=Decimal("37"))
    sunday = MONDAY - dt.timedelta(days=1)
    RosterShift.objects.create(
        staff=night,
        date=sunday,
        layer="night",
        starts_at=aware(sunday, dt.time(23, 0)),
        ends_at=aware(MONDAY, dt.time(7, 0)),
        break_earliest=aware(MONDAY, dt.time(2, 0)),
        break_latest=aware(MONDAY, dt.time(3, 30)),
        break_minutes=30,
    )

    carer = build_problem(team=team, start=MONDAY, days=7).problem.carer_by_id[f"s-{night.pk}"]

    (first,) = carer.shifts
    assert (first.start, first.end) == (0, 7 * 60)
    assert first.break_ == Break(120, 210, 30)
