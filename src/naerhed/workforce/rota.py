# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A default rota when a team has none for a week: contract hours spread over the staff member's
shift layers, with every other weekend off, as a starting point the team adjusts.

Weekends alternate within each group of a team's staff who share a first shift layer, so that
every layer is covered on every weekend by about half of its staff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from naerhed.lib.dates import aware, date_range
from naerhed.organisation.models import Team
from naerhed.workforce.models import RosterShift, ShiftLayer, StaffMember


@dataclass(frozen=True)
class LayerTimes:
    start: dt.time
    hours: float
    break_from: dt.time | None
    break_to: dt.time | None
    break_minutes: int


LAYER_TIMES = {
    ShiftLayer.DAY: LayerTimes(dt.time(7, 0), 8.0, dt.time(11, 0), dt.time(12, 30), 30),
    ShiftLayer.EVENING: LayerTimes(dt.time(15, 0), 8.0, dt.time(18, 0), dt.time(19, 30), 30),
    ShiftLayer.NIGHT: LayerTimes(dt.time(23, 0), 8.0, dt.time(2, 0), dt.time(3, 30), 30),
}


def default_days(member: StaffMember, week_start: dt.date, *, weekend_on: bool) -> list[dt.date]:
    """The days a member works in the week: enough shifts for the contract, the weekend if on."""
    shifts = max(1, round(float(member.weekly_hours) / 7.5))
    days = list(date_range(week_start, 7))
    weekdays, weekend = days[:5], days[5:]
    chosen = weekend[: min(2, shifts)] if weekend_on else []
    remaining = shifts - len(chosen)
    offset = member.pk % 5
    rotated = weekdays[offset:] + weekdays[:offset]
    return sorted(chosen + rotated[: max(0, min(5, remaining))])


def default_layer_on(member: StaffMember, day: dt.date, *, weekend_on: bool) -> ShiftLayer | None:
    """The layer of the member's shift on ``day`` in the default rota, or ``None`` for a day off."""
    week_start = day - dt.timedelta(days=day.weekday())
    if day not in default_days(member, week_start, weekend_on=weekend_on):
        return None
    return _layer_for(member, day)


def _layer_for(member: StaffMember, day: dt.date) -> ShiftLayer:
    layers = member.shift_layers
    return layers[(day.toordinal() + member.pk) % len(layers)]


def _shift(member: StaffMember, day: dt.date, layer: ShiftLayer) -> RosterShift:
    times = LAYER_TIMES[layer]
    starts = aware(day, times.start)
    ends = starts + dt.timedelta(hours=times.hours)
    shift = RosterShift(staff=member, date=day, layer=layer, starts_at=starts, ends_at=ends)
    if times.break_from and times.break_to:
        break_day = day + dt.timedelta(days=1) if times.break_from < times.start else day
        shift.break_earliest = aware(break_day, times.break_from)
        shift.break_latest = aware(break_day, times.break_to)
        shift.break_minutes = times.break_minutes
    return shift


@transaction.atomic
def ensure_rota(*, team: Team, week_start: dt.date) -> int:
    """Create the default rota for team members who have no shifts that week; returns shifts created."""
    week_end = week_start + dt.timedelta(days=7)
    rostered = set(
        RosterShift.objects.filter(staff__team=team, date__gte=week_start, date__lt=week_end).values_list(
            "staff_id", flat=True
        )
    )
    members = [
        m
        for m in StaffMember.objects.filter(team=team, employed_since__lte=week_start).order_by("pk")
        if m.employed_until is None or m.employed_until >= week_start
    ]
    weekends = weekend_turns(members, week_start)
    new = [
        _shift(m, day, _layer_for(m, day))
        for m in members
        if m.pk not in rostered
        for day in default_days(m, week_start, weekend_on=weekends[m.pk])
    ]
    RosterShift.objects.bulk_create(new)
    return len(new)


def weekend_turns(members: list[StaffMember], week_start: dt.date) -> dict[int, bool]:
    """Whether each member works the weekend of this week: alternate halves of each layer group."""
    week = week_start.isocalendar().week
    seen: dict[ShiftLayer, int] = {}
    turns: dict[int, bool] = {}
    for member in members:
        layer = member.shift_layers[0] if member.shift_layers else ShiftLayer.DAY
        index = seen[layer] = seen.get(layer, -1) + 1
        turns[member.pk] = (index + week) % 2 == 0
    return turns
