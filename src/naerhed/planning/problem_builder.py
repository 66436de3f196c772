# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The one bridge: database rows → ``planner.Problem``, and a ``planner.Plan`` → visits.

Times in the engine are minutes from 00:00 (Copenhagen wall clock) on the first
day of the horizon; this module is the only place that converts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from naerhed.citizens.models import CarerWishKind, Citizen
from naerhed.lib.dates import COPENHAGEN
from naerhed.organisation.models import Team
from naerhed.planner import model as pm
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import RosterShift, StaffMember, Transport

ROAD_FACTOR = 1.3
SPEED_KMH = {Transport.CAR: 40.0, Transport.ELECTRIC_CAR: 40.0, Transport.BIKE: 15.0, Transport.WALKING: 5.0}


@dataclass(frozen=True)
class BuiltProblem:
    problem: pm.Problem
    start: dt.date
    visit_ids: dict[str, int]  # engine visit id → Visit.pk
    staff_ids: dict[str, int]  # engine carer id → StaffMember.pk
    shift_ids: dict[tuple[str, int], int]  # (engine carer id, shift index) → RosterShift.pk


def to_minutes(moment: dt.datetime, start: dt.date) -> int:
    local = moment.astimezone(COPENHAGEN)
    return (local.date() - start).days * 1440 + local.hour * 60 + local.minute


def from_minutes(minutes: int, start: dt.date) -> dt.datetime:
    day = start + dt.timedelta(days=minutes // 1440)
    return dt.datetime.combine(day, dt.time(minutes % 1440 // 60, minutes % 60), tzinfo=COPENHAGEN)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def build_problem(
    *, team: Team, start: dt.date, days: int, extra_citizens: Iterable[int] = ()
) -> BuiltProblem:
    """The team's planned visits and rota shifts on ``[start, start + days)`` as one engine problem.

    ``extra_citizens`` (pks) are included even without a visit in the horizon, e.g. a citizen booking one."""
    end = start + dt.timedelta(days=days)
    visits = list(
        Visit.objects.filter(citizen__team=team, date__gte=start, date__lt=end, status=VisitStatus.PLANNED)
        .select_related("service")
        .prefetch_related("service__required_competences")
        .order_by("window_start", "pk")
    )
    staff = list(StaffMember.objects.filter(team=team).prefetch_related("competences").order_by("pk"))
    # A night shift that starts the evening before covers the first night of the horizon.
    shifts = [
        s
        for s in RosterShift.objects.filter(
            staff__team=team, date__gte=start - dt.timedelta(days=1), date__lt=end, absent=False
        )
        if to_minutes(s.ends_at, start) > 0
    ]
    citizens = list(
        Citizen.objects.filter(pk__in={v.citizen_id for v in visits} | set(extra_citizens))
        .prefetch_related("carer_wishes")
        .order_by("pk")
    )
    locations = _locations(team, staff, citizens)
    return BuiltProblem(
        problem=pm.Problem(
            name=f"team-{team.pk}-{start.isoformat()}",
            horizon=pm.Horizon(start, days),
            locations=tuple(locations),
            travel=_travel(locations),
            teams=(pm.Team(f"t-{team.pk}", team.name),),
            carers=tuple(_carer(m, team, [s for s in shifts if s.staff_id == m.pk], start) for m in staff),
            citizens=tuple(_citizen(c, {m.pk for m in staff}) for c in citizens),
            visits=tuple(_visit(v, start) for v in visits),
        ),
        start=start,
        visit_ids={f"v-{v.pk}": v.pk for v in visits},
        staff_ids={f"s-{m.pk}": m.pk for m in staff},
        shift_ids={
            (f"s-{m.pk}", k): s.pk
            for m in staff
            for k, s in enumerate(_ordered([s for s in shifts if s.staff_id == m.pk]))
        },
    )


def _office(team: Team) -> pm.Location:
    if team.office_lat is None or team.office_lon is None:
        raise ValueError(f"team {team.name!r} has no office coordinates: set them before planning")
    return pm.Location(f"office-{team.pk}", team.office_lat, team.office_lon)


def _locations(team: Team, staff: Iterable[StaffMember], citizens: Iterable[Citizen]) -> list[pm.Location]:
    out = [_office(team)]
    for m in staff:
        if m.starts_from_home and m.home_lat is not None and m.home_lon is not None:
            out.append(pm.Location(f"home-{m.pk}", m.home_lat, m.home_lon))
    out.extend(pm.Location(f"c-{c.pk}", c.lat, c.lon) for c in citizens)
    return out


def _travel(locations: list[pm.Location]) -> dict[str, pm.TravelMatrix]:
    km = [
        [round(haversine_km((a.lat, a.lon), (b.lat, b.lon)) * ROAD_FACTOR, 2) for b in locations]
        for a in locations
    ]
    km_rows = tuple(tuple(row) for row in km)
    return {
        str(mode.value): pm.TravelMatrix(
            minutes=tuple(tuple(math.ceil(d / speed * 60) for d in row) for row in km),
            km=km_rows,
        )
        for mode, speed in SPEED_KMH.items()
    }


def _carer(member: StaffMember, team: Team, shifts: list[RosterShift], start: dt.date) -> pm.Carer:
    home = (
        f"home-{member.pk}"
        if member.starts_from_home and member.home_lat is not None
        else f"office-{team.pk}"
    )
    return pm.Carer(
        id=f"s-{member.pk}",
        team=f"t-{team.pk}",
        profession=member.profession,
        competences=frozenset(c.code for c in member.competences.all()),
        transport=member.transport,
        start_location=home,
        end_location=home,
        shifts=tuple(_shift(s, start) for s in _ordered(shifts)),
    )


def _ordered(shifts: list[RosterShift]) -> list[RosterShift]:
    """A carer's rota shifts in the order of the engine's shift indexes."""
    return sorted(shifts, key=lambda s: (s.starts_at, s.pk))


def _shift(shift: RosterShift, start: dt.date) -> pm.Shift:
    """The rota shift in engine minutes; one begun before the horizon starts at minute 0, and keeps
    its break only if the break can still start inside the horizon."""
    brk = None
    begins = to_minutes(shift.starts_at, start)
    if begins < 0 and shift.break_earliest and shift.break_latest:
        earliest = max(0, to_minutes(shift.break_earliest, start))
        latest = to_minutes(shift.break_latest, start)
        if latest >= earliest:
            brk = pm.Break(earliest, latest, shift.break_minutes)
        return pm.Shift(0, to_minutes(shift.ends_at, start), brk)
    if shift.break_minutes and shift.break_earliest and shift.break_latest:
        brk = pm.Break(
            to_minutes(shift.break_earliest, start),
            to_minutes(shift.break_latest, start),
            shift.break_minutes,
        )
    return pm.Shift(to_minutes(shift.starts_at, start), to_minutes(shift.ends_at, start), brk)


def _citizen(citizen: Citizen, staff_pks: set[int]) -> pm.Citizen:
    wishes = sorted((w for w in citizen.carer_wishes.all() if w.staff_id in staff_pks), key=lambda w: w.rank)
    preferred = [w.staff_id for w in wishes if w.kind == CarerWishKind.PREFERRED]
    if citizen.key_person_id in staff_pks:
        preferred = [citizen.key_person_id, *(p for p in preferred if p != citizen.key_person_id)]
    blocked = {w.staff_id for w in wishes if w.kind == CarerWishKind.BLOCKED}
    return pm.Citizen(
        id=f"c-{citizen.pk}",
        location=f"c-{citizen.pk}",
        team=f"t-{citizen.team_id}",
        preferred_carers=tuple(f"s-{p}" for p in preferred if p not in blocked),
        blocked_carers=frozenset(f"s-{b}" for b in blocked),
    )


def _visit(visit: Visit, start: dt.date) -> pm.Visit:
    return pm.Visit(
        id=f"v-{visit.pk}",
        citizen=f"c-{visit.citizen_id}",
        window=(to_minutes(visit.window_start, start), to_minutes(visit.window_end, start)),
        duration=visit.duration,
        competences=frozenset(c.code for c in visit.service.required_competences.all()),
        carers=2 if visit.two_carers else 1,
        remote=visit.remote,
        priority=visit.priority,
    )
