# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""What publishing a draft would change: visits that get another carer or time, and the figures.

"Before" is what the visits hold now (the published plan, with any change
made by hand since) and the figures of the last published run of the same
team and period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from naerhed.planner import io as plan_io
from naerhed.planning.models import PlanningRun, RunStatus
from naerhed.planning.problem_builder import from_minutes
from naerhed.visits.models import Visit
from naerhed.workforce.models import StaffMember

#: The figures compared, in the order shown.
FIGURE_LABELS: dict[str, Promise] = {
    "unassigned": _("Visits not planned"),
    "travel_minutes": _("Travel (minutes)"),
    "travel_km": _("Travel (km)"),
    "distinct_carers_per_citizen": _("Different carers per citizen"),
    "own_team_share": _("Share by own team"),
    "preferred_share": _("Share by preferred carers"),
    "waiting_minutes": _("Waiting (minutes)"),
    "late_minutes": _("Late (minutes)"),
}


@dataclass(frozen=True)
class VisitChange:
    visit: Visit
    carers_before: tuple[str, ...]
    start_before: dt.datetime | None
    carers_after: tuple[str, ...]
    start_after: dt.datetime | None

    @property
    def carer_changes(self) -> bool:
        return set(self.carers_before) != set(self.carers_after)

    @property
    def time_changes(self) -> bool:
        return self.start_before != self.start_after


@dataclass(frozen=True)
class FigureRow:
    label: Promise
    before: Any
    after: Any
    percent: bool


@dataclass(frozen=True)
class RunDiff:
    published: PlanningRun | None
    changes: list[VisitChange]
    figures: list[FigureRow]
    visits: int


def published_run_for(run: PlanningRun) -> PlanningRun | None:
    """The latest published run of the same team and period, other than ``run``."""
    return (
        PlanningRun.objects.filter(
            team_id=run.team_id, week_start=run.week_start, days=run.days, status=RunStatus.PUBLISHED
        )
        .exclude(pk=run.pk)
        .order_by("-published_at")
        .first()
    )


def compare_with_published(run: PlanningRun) -> RunDiff:
    """The visits of ``run`` whose carers or start would change on publishing, and figures side by side."""
    after = _planned(run)
    visits = list(
        Visit.objects.filter(pk__in=after)
        .select_related("citizen", "service")
        .prefetch_related("carers")
        .order_by("window_start", "pk")
    )
    names = _names({pk for carers, _ in after.values() for pk in carers})
    changes = []
    for visit in visits:
        carer_pks, start = after[visit.pk]
        change = VisitChange(
            visit=visit,
            carers_before=tuple(sorted(m.full_name for m in visit.carers.all())),
            start_before=visit.planned_start,
            carers_after=tuple(sorted(names[pk] for pk in carer_pks)),
            start_after=start,
        )
        if change.carer_changes or change.time_changes:
            changes.append(change)
    published = published_run_for(run)
    return RunDiff(published, changes, _figure_rows(published, run), len(visits))


def _planned(run: PlanningRun) -> dict[int, tuple[list[int], dt.datetime | None]]:
    """Visit pk → (carer pks, start) in the run's plan; unassigned visits get no carers and no start."""
    starts = plan_io.load_plan(run.plan).starts() if run.plan else {}
    out: dict[int, tuple[list[int], dt.datetime | None]] = {}
    for visit in (run.instance or {}).get("visits", []):
        copies = starts.get(str(visit["id"]), [])
        start = from_minutes(copies[0][1], run.week_start) if copies else None
        out[int(str(visit["id"]).removeprefix("v-"))] = (
            [int(c.removeprefix("s-")) for c, _ in copies],
            start,
        )
    return out


def _names(staff_pks: set[int]) -> dict[int, str]:
    return {m.pk: m.full_name for m in StaffMember.objects.filter(pk__in=staff_pks)}


def _figure_rows(published: PlanningRun | None, run: PlanningRun) -> list[FigureRow]:
    before, after = (published.figures if published else None) or {}, run.figures or {}
    return [
        FigureRow(label, before.get(key), after.get(key), percent=key.endswith("_share"))
        for key, label in FIGURE_LABELS.items()
    ]
