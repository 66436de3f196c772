# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Comparing a draft with the published plan: which visits change carer or time, and the figures."""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.organisation.models import Team
from naerhed.planning import services
from naerhed.planning.diff import compare_with_published
from naerhed.planning.models import PlanningRun
from naerhed.visits.models import Visit
from naerhed.workforce.models import StaffMember
from tests.planning.conftest import MONDAY, SECONDS

pytestmark = pytest.mark.django_db


def _draft(team: Team) -> PlanningRun:
    return services.execute_run(
        run_id=services.start_run(team=team, start=MONDAY, by=None, time_limit=SECONDS).pk
    )


def test_with_nothing_published_every_planned_visit_changes_and_figures_before_are_empty(
    planned_team: Team,
) -> None:
    draft = _draft(planned_team)

    diff = compare_with_published(draft)

    assert diff.published is None and diff.visits == 14 and len(diff.changes) == 14
    assert all(c.carer_changes and c.time_changes and c.carers_before == () for c in diff.changes)
    assert [row.before for row in diff.figures] == [None] * len(diff.figures)
    assert diff.figures[0].after == 0  # visits not planned


def test_the_same_input_and_seed_again_changes_nothing_and_shows_both_figures(planned_team: Team) -> None:
    published = _draft(planned_team)
    services.publish_run(run=published, by=None)

    diff = compare_with_published(_draft(planned_team))

    assert diff.published == published and diff.changes == []
    assert all(row.before == row.after for row in diff.figures)


def test_a_visit_moved_by_hand_since_publishing_shows_as_the_one_change(planned_team: Team) -> None:
    services.publish_run(run=_draft(planned_team), by=None)
    moved, other_visit = Visit.objects.filter(citizen__team=planned_team).order_by("window_start", "pk")[:2]
    moved.planned_start = (moved.planned_start or dt.datetime.now(dt.UTC)) + dt.timedelta(minutes=30)
    moved.save(update_fields=["planned_start"])
    (carer,) = other_visit.carers.all()
    stranger = StaffMember.objects.filter(team=planned_team).exclude(pk=carer.pk).get()
    other_visit.carers.set([stranger])

    diff = compare_with_published(_draft(planned_team))

    by_visit = {c.visit.pk: c for c in diff.changes}
    assert set(by_visit) == {moved.pk, other_visit.pk}
    assert by_visit[moved.pk].time_changes and not by_visit[moved.pk].carer_changes
    assert by_visit[other_visit.pk].carer_changes and not by_visit[other_visit.pk].time_changes
    assert by_visit[other_visit.pk].carers_before == (stranger.full_name,)
    assert by_visit[other_visit.pk].carers_after == (carer.full_name,)
