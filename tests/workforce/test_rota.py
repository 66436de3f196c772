# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from naerhed.workforce.models import RosterShift, StaffMember
from naerhed.workforce.rota import default_days, default_layer_on, ensure_rota, weekend_turns
from tests import factories as f

MONDAY = dt.date(2026, 11, 16)

pytestmark = pytest.mark.django_db


def test_a_full_time_carer_gets_five_shifts_and_a_part_timer_fewer() -> None:
    team = f.team()
    full = f.staff(team=team, weekly_hours=Decimal("37"))
    part = f.staff(team=team, weekly_hours=Decimal("24"))
    for weekend_on in (False, True):
        assert len(default_days(full, MONDAY, weekend_on=weekend_on)) == 5
        assert len(default_days(part, MONDAY, weekend_on=weekend_on)) == 3
    assert MONDAY + dt.timedelta(days=5) in default_days(full, MONDAY, weekend_on=True)


def test_weekends_alternate_between_weeks_and_half_of_each_layer_works_each_weekend() -> None:
    """Four day-layer staff and two evening-layer staff (in the demo, a team's ids share a parity)."""
    team = f.team()
    made = [f.staff(team=team) for _ in range(4)]
    made += [f.staff(team=team, works_day=False, works_evening=True) for _ in range(2)]
    members = list(StaffMember.objects.filter(pk__in=[m.pk for m in made]).order_by("pk"))
    this_week = weekend_turns(members, MONDAY)
    next_week = weekend_turns(members, MONDAY + dt.timedelta(days=7))
    assert sum(this_week[m.pk] for m in members[:4]) == 2
    assert sum(this_week[m.pk] for m in members[4:]) == 1
    assert all(this_week[m.pk] != next_week[m.pk] for m in members)


def test_ensure_rota_is_idempotent_and_day_shifts_carry_a_break() -> None:
    team = f.team()
    f.staff(team=team, weekly_hours=Decimal("32"))
    created = ensure_rota(team=team, week_start=MONDAY)
    assert created == 4
    assert ensure_rota(team=team, week_start=MONDAY) == 0
    shift = RosterShift.objects.filter(layer="day").first()
    assert shift is not None and shift.break_minutes == 30
    assert shift.break_earliest is not None and shift.starts_at < shift.break_earliest < shift.ends_at


def test_night_shift_break_falls_after_midnight() -> None:
    member = f.staff(works_day=False, works_night=True, weekly_hours=Decimal("37"))
    ensure_rota(team=member.team, week_start=MONDAY)
    shift = RosterShift.objects.filter(staff=member).first()
    assert shift is not None and shift.break_earliest is not None
    assert shift.starts_at < shift.break_earliest < shift.ends_at


def test_default_layer_on_tells_the_shift_ensure_rota_creates_on_each_day() -> None:
    """The demo picks its carer logins with this, so it must agree with the rota planning creates."""
    team = f.team()
    made = [f.staff(team=team, weekly_hours=Decimal(hours)) for hours in ("37", "24", "30")]
    made.append(f.staff(team=team, works_evening=True, weekly_hours=Decimal("32")))
    ensure_rota(team=team, week_start=MONDAY)
    members = list(StaffMember.objects.filter(pk__in=[m.pk for m in made]).order_by("pk"))
    turns = weekend_turns(members, MONDAY)
    for member in members:
        for day in (MONDAY + dt.timedelta(days=n) for n in range(7)):
            shift = RosterShift.objects.filter(staff=member, date=day).first()
            expected = shift.layer if shift is not None else None
            assert default_layer_on(member, day, weekend_on=turns[member.pk]) == expected
