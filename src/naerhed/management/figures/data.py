# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reads shared by several figures, each made once per dashboard (cached on the context)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar, cast

from django.db.models import Q

from naerhed.carer_day.models import VisitExecution
from naerhed.grants.models import Grant, Recurrence, Service
from naerhed.management.figures.base import FigureContext
from naerhed.management.models import PriceModel
from naerhed.management.period import Period
from naerhed.visits.models import Visit, VisitStatus
from naerhed.visits.services import occurrences

T = TypeVar("T")


def cached(ctx: FigureContext, key: str, load: Callable[[], T]) -> T:
    if key not in ctx.cache:
        ctx.cache[key] = load()
    return cast(T, ctx.cache[key])


def _completed(period: Period) -> Q:
    return Q(
        checked_in_at__isnull=False,
        checked_out_at__isnull=False,
        visit__date__gte=period.start,
        visit__date__lt=period.end,
    )


def citizen_executions(ctx: FigureContext) -> list[VisitExecution]:
    """Checked-in-and-out visits to the scope's citizens in the period (one per carer on a visit)."""

    def load() -> list[VisitExecution]:
        query = VisitExecution.objects.filter(
            _completed(ctx.period), visit__citizen__team_id__in=ctx.scope.team_ids
        )
        return list(query.select_related("visit__service", "visit__citizen", "staff"))

    return cached(ctx, "citizen_executions", load)


def staff_executions(ctx: FigureContext) -> list[VisitExecution]:
    """Checked-in-and-out visits in the period by the scope's staff, in the order they were made."""

    def load() -> list[VisitExecution]:
        query = VisitExecution.objects.filter(_completed(ctx.period), staff__team_id__in=ctx.scope.team_ids)
        return list(
            query.select_related("visit__citizen", "staff__team").order_by("staff_id", "checked_in_at")
        )

    return cached(ctx, "staff_executions", load)


def planned_visits(ctx: FigureContext) -> list[Visit]:
    def load() -> list[Visit]:
        query = Visit.objects.filter(
            citizen__team_id__in=ctx.scope.team_ids, date__gte=ctx.period.start, date__lt=ctx.period.end
        ).exclude(status=VisitStatus.CANCELLED)
        return list(query.select_related("service", "citizen"))

    return cached(ctx, "planned_visits", load)


def grants_in(team_ids: Iterable[int], period: Period) -> list[Grant]:
    """Grants of the teams' citizens active on at least one day of the period."""
    return list(
        Grant.objects.filter(citizen__team_id__in=list(team_ids), starts_on__lt=period.end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.start))
        .select_related("service", "citizen")
    )


def granted_minutes(grant: Grant, period: Period) -> float:
    """Carer-minutes the grant asks for in the period: its visits as ``expand_grants`` makes them (twice
    for two carers); a booked-on-demand grant counts its weekly minutes pro rata over its active days."""
    if grant.recurrence == Recurrence.ON_DEMAND:
        active = sum(1 for i in range(period.days) if grant.active_on(period.start + _days(i)))
        minutes = (grant.weekly_minutes or 0) * active / 7
    else:
        minutes = float(sum(o.duration for o in occurrences(grant, period.start, period.days)))
    return minutes * (2 if grant.two_carers else 1)


def granted_by_team_service(team_ids: Iterable[int], period: Period) -> dict[tuple[int, Service], float]:
    out: dict[tuple[int, Service], float] = defaultdict(float)
    for grant in grants_in(team_ids, period):
        out[(grant.citizen.team_id, grant.service)] += granted_minutes(grant, period)
    return dict(out)


def scope_granted(ctx: FigureContext) -> dict[tuple[int, Service], float]:
    return cached(ctx, "granted", lambda: granted_by_team_service(ctx.scope.team_ids, ctx.period))


def visit_carers(visit: Visit) -> int:
    return 2 if visit.two_carers else 1


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def price_model(ctx: FigureContext) -> PriceModel | None:
    """The municipality's prices for the year the period starts in."""
    return cached(
        ctx,
        "price_model",
        lambda: PriceModel.objects.filter(
            municipality=ctx.scope.municipality, year=ctx.period.start.year
        ).first(),
    )
