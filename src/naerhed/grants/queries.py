# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reads for the grant pages: the needs assessor's overview and the service catalogue by paragraph."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from naerhed.accounts.access import citizens_visible_to
from naerhed.accounts.models import User
from naerhed.grants.models import Grant, LawParagraph, Service

#: Grants ending within this many days are listed for renewal or closing.
ENDING_SOON_DAYS = 14


@dataclass(frozen=True)
class GrantOverview:
    today: dt.date
    horizon: dt.date
    ending_soon: list[Grant]
    nursing_open_ended: list[Grant]


def grant_overview(user: User, *, today: dt.date) -> GrantOverview:
    """Grants in the user's scope ending within ``ENDING_SOON_DAYS``, and current or future SUL §138
    grants without an end date (the municipality aims to time-limit delegated nursing)."""
    grants = Grant.objects.filter(citizen__in=citizens_visible_to(user)).select_related(
        "citizen", "citizen__team", "service"
    )
    horizon = today + dt.timedelta(days=ENDING_SOON_DAYS)
    ending = grants.filter(ends_on__gte=today, ends_on__lte=horizon).order_by("ends_on", "citizen__last_name")
    nursing = grants.filter(service__paragraph=LawParagraph.SUL_138, ends_on__isnull=True).order_by(
        "starts_on", "citizen__last_name"
    )
    return GrantOverview(
        today=today, horizon=horizon, ending_soon=list(ending), nursing_open_ended=list(nursing)
    )


def active_services() -> QuerySet[Service]:
    return Service.objects.filter(active=True).order_by("paragraph", "name")


def services_by_paragraph(services: QuerySet[Service]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Choices for a grouped select: one group per law paragraph, in catalogue order."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for service in services:
        groups.setdefault(str(LawParagraph(service.paragraph).label), []).append((service.pk, service.name))
    return list(groups.items())
