# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reads for the portal's pages: only what the citizen needs, never a CPR number or a carer's surname."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from naerhed.citizens.models import Citizen
from naerhed.portal.booking import can_change, change_deadline, rules_for
from naerhed.portal.models import BookingRules
from naerhed.visits.models import Visit, VisitStatus

UPCOMING_DAYS = 14


@dataclass(frozen=True)
class ComingVisit:
    visit: Visit
    start: dt.datetime | None  # the planned start; None while only the window is known
    carers: list[str]  # first names
    changeable: bool
    deadline: dt.datetime

    @property
    def pk(self) -> int:
        return self.visit.pk

    @property
    def carer_names(self) -> str:
        """``"Sofie"``, ``"Sofie og Jonas"``."""
        if len(self.carers) < 2:
            return "".join(self.carers)
        return _("%(names)s and %(last)s") % {"names": ", ".join(self.carers[:-1]), "last": self.carers[-1]}


def coming_visit(visit: Visit, now: dt.datetime, rules: BookingRules | None = None) -> ComingVisit:
    rules = rules or rules_for(visit.citizen)
    return ComingVisit(
        visit=visit,
        start=visit.planned_start,
        carers=[c.first_name for c in visit.carers.all()],
        changeable=can_change(visit, now, rules),
        deadline=change_deadline(visit, rules),
    )


def coming_visits(citizen: Citizen, now: dt.datetime, *, days: int = UPCOMING_DAYS) -> list[ComingVisit]:
    """The citizen's planned visits from now for ``days`` days, soonest first."""
    today = now.date()
    visits = (
        Visit.objects.filter(
            citizen=citizen,
            status=VisitStatus.PLANNED,
            date__gte=today,
            date__lte=today + dt.timedelta(days=days),
        )
        .select_related("service", "grant", "grant__service", "citizen__team__district__municipality")
        .prefetch_related("carers")
        .order_by("date", "planned_start", "window_start")
    )
    rules = rules_for(citizen)
    return [coming_visit(v, now, rules) for v in visits if (v.planned_start or v.window_end) >= now]
