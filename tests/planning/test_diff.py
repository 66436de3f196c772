# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Comparing a draft with the published plan: which visits change carer or time, and the figures."""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.organisation.models import Team
from naerhed.planner import io as plan_io
from naerhed.planning import services
from naerhed.planning.diff import compare_with_published
from naerhed.planning.models import PlanningRun, RunStatus
from naerhed.visits.models import Visit
from naerhed.workforce.models import StaffMember
from tests.planning.conftest import MONDAY, SECONDS

pytestmark = pytest.mark.django_db


def _draft(team: Team) -> PlanningRun:
    return services.execute_run(
        run_id=services.start_run(team=team, start=MONDAY, by=None, time_limit=SECONDS).pk
    )


def _same_plan_again(run: PlanningRun) -> PlanningRun:
    """A new draft holding exactly ``run``'s plan (the engine is timed, so a second solve may differ)."""
    fields = {
        name: getattr(run, name) for name in ("team", "week_start", "days", "instance", "plan", "figures")
    }
    return PlanningRun.objects.create(status=RunStatus.DRAFT, **fields)


def _published(team: Team) -> PlanningRun:
    run = _draft(team)
    services.publish_run(run=run, by=None)
    run.refresh_from_db()
    return run


def test_with_nothing_published_every_planned_visit_changes_and_figures_before_are_empty(
    planned_team: Team,
) -> None:
    draft = _draft(planned_team)
    planned = plan_io.load_plan(draft.plan).starts()

    diff = compare_with_published(draft)

    assert diff.published is None and diff.visits == 14
    assert {f"v-{c.visit.pk}" for c in diff.changes} == set(planned)
    assert all(c.carer_changes and c.time_changes and c.carers_before == () for c in diff.changes)
    assert [row.before for row in diff.figures] == [None] * len(diff.figures)
    assert draft.figures is not None and diff.figures[0].after == draft.figures["unassigned"]


def test_a_draft_with_the_published_plan_changes_nothing_and_shows_both_figures(planned_team: Team) -> None:
    published = _published(planned_team)

    diff = compare_with_published(_same_plan_again(published))

    assert diff.published == published and diff.changes == []
    assert all(row.before == row.after for row in diff.figures)
    assert [row.percent for row in diff.figures].count(True) == 2


def test_visits_changed_by_hand_since_publishing_are_the_only_changes(planned_team: Team) -> None:
    published = _published(planned_team)
    moved, swapped = Visit.objects.filter(citizen__team=planned_team, planned_start__isnull=False)[:2]
    assert moved.planned_start is not None
    moved.planned_start += dt.timedelta(minutes=30)
    moved.save(update_fields=["planned_start"])
    (carer,) = swapped.carers.all()
    stranger = StaffMember.objects.filter(team=planned_team).exclude(pk=carer.pk).get()
    swapped.carers.set([stranger])

    diff = compare_with_published(_same_plan_again(published))

    by_visit = {c.visit.pk: c for c in diff.changes}
    assert set(by_visit) == {moved.pk, swapped.pk}
    assert by_visit[moved.pk].time_changes and not by_visit[moved.pk].carer_changes
    assert by_visit[swapped.pk].carer_changes and not by_visit[swapped.pk].time_changes
    assert by_visit[swapped.pk].carers_before == (stranger.full_name,)
    assert by_visit[swapped.pk].carers_after == (carer.full_name,)
