# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Travel: km between the homes a carer visited in a day (from their start point and back), the CO2
those km emit, and the share of car km driven electric."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from itertools import groupby, pairwise

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from naerhed.carer_day.models import VisitExecution
from naerhed.lib.dates import COPENHAGEN
from naerhed.management.figures.base import (
    Chart,
    Column,
    FigureContext,
    FigureResult,
    Headline,
    Row,
    Unit,
    share,
)
from naerhed.management.figures.data import price_model, staff_executions
from naerhed.management.models import DEFAULT_CO2_ELECTRIC_G_PER_KM, DEFAULT_CO2_PETROL_G_PER_KM
from naerhed.planning.problem_builder import ROAD_FACTOR, haversine_km
from naerhed.workforce.models import StaffMember, Transport

Point = tuple[float, float]


def _start_point(member: StaffMember) -> Point | None:
    if member.starts_from_home and member.home_lat is not None and member.home_lon is not None:
        return (member.home_lat, member.home_lon)
    team = member.team
    if team.office_lat is None or team.office_lon is None:
        return None
    return (team.office_lat, team.office_lon)


def day_km(start: Point | None, homes: list[Point]) -> float:
    """Road km of one day's round: start point → each home in order → start point (1.3 × straight line)."""
    stops = [start, *homes, start] if start else homes
    return sum(haversine_km(a, b) * ROAD_FACTOR for a, b in pairwise(stops))


def _km_by_transport(ctx: FigureContext) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)

    def day_key(e: VisitExecution) -> tuple[int, dt.date]:
        assert e.checked_in_at
        return (e.staff_id, e.checked_in_at.astimezone(COPENHAGEN).date())

    visits = [e for e in staff_executions(ctx) if not e.visit.remote]
    for _key, group in groupby(visits, key=day_key):
        day = list(group)
        member = day[0].staff
        homes = [(e.visit.citizen.lat, e.visit.citizen.lon) for e in day]
        out[member.transport] += day_km(_start_point(member), homes)
    return out


def _factors(ctx: FigureContext) -> dict[str, Decimal]:
    prices = price_model(ctx)
    petrol = prices.co2_petrol_g_per_km if prices else DEFAULT_CO2_PETROL_G_PER_KM
    electric = prices.co2_electric_g_per_km if prices else DEFAULT_CO2_ELECTRIC_G_PER_KM
    return {Transport.CAR: petrol, Transport.ELECTRIC_CAR: electric}


def travel(ctx: FigureContext) -> FigureResult:
    km = _km_by_transport(ctx)
    factors = _factors(ctx)
    names = dict(Transport.choices)
    total_km = sum(km.values())

    kg = {mode: km.get(mode, 0.0) * float(factors.get(mode, Decimal(0))) / 1000 for mode in Transport.values}

    def row(mode: str) -> Row:
        return Row(
            str(names[mode]),
            (round(km.get(mode, 0.0), 2), share(km.get(mode, 0.0), total_km), round(kg[mode], 2)),
        )

    rows = tuple(row(mode) for mode in Transport.values)
    total_kg = sum(kg.values())
    car_km = km.get(Transport.CAR, 0.0) + km.get(Transport.ELECTRIC_CAR, 0.0)
    electric = share(km.get(Transport.ELECTRIC_CAR, 0.0), car_km)
    return FigureResult(
        label_title=_("Transport"),
        columns=(Column(_("Km"), Unit.KM), Column(_("Share of km"), Unit.PERCENT), Column(_("CO2"), Unit.KG)),
        rows=rows,
        total=Row(_("Total"), (round(total_km, 2), 100.0 if total_km else None, round(total_kg, 2))),
        headlines=(
            Headline(_("Km driven and walked"), round(total_km, 1), Unit.KM),
            Headline(_("CO2"), round(total_kg, 1), Unit.KG),
            Headline(_("Car km driven electric"), electric, Unit.PERCENT),
        ),
        chart=Chart(series=(0,)),
        note=_("CO2 factors: petrol car %(petrol)s g/km, electric car %(electric)s g/km; bike and walking 0.")
        % {"petrol": _grams(factors[Transport.CAR]), "electric": _grams(factors[Transport.ELECTRIC_CAR])},
    )


def _grams(factor: Decimal) -> str:
    return number_format(factor, decimal_pos=0, use_l10n=True)
