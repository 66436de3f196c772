# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from naerhed.workforce.models import RosterShift
from naerhed.workforce.rota import default_days, ensure_rota
from tests import factories as f

MONDAY = dt.date(2026, 11, 16)

pytestmark = pytest.mark.django_db


def test_a_full_time_carer_gets_five_shifts_and_a_part_timer_fewer() -> None:
    team = f.team()
    full = f.staff(team=team, weekly_hours=Decimal("37"))
    part = f.staff(team=team, weekly_hours=Decimal("24"))
    assert len(default_days(full, MONDAY)) == 5
    assert len(default_days(part, MONDAY)) == 3


def test_weekends_alternate_between_weeks() -> None:
    member = f.staff(weekly_hours=Decimal("37"))
    weekend = {MONDAY + dt.timedelta(days=5), MONDAY + dt.timedelta(days=6)}
    this_week = weekend & set(default_days(member, MONDAY))
    next_week = {
        d - dt.timedelta(days=7) for d in default_days(member, MONDAY + dt.timedelta(days=7))
    } & weekend
    assert bool(this_week) != bool(next_week)


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
