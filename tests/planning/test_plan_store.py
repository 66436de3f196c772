# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The plan in force, read from the rows and written back: breaks, versions, change events, staleness."""

from __future__ import annotations

import dataclasses

import pytest

from naerhed.organisation.models import Team
from naerhed.planner.check import check
from naerhed.planner.plan import Plan, Route, VisitStop
from naerhed.planning import services
from naerhed.planning.plan_store import NOT_PLANNED, StaleVisitError, apply_plan, current_plan
from naerhed.planning.problem_builder import BuiltProblem, build_problem
from naerhed.visits.models import ChangeKind, CitizenChangeEvent, Visit
from naerhed.visits.services import expand_grants
from naerhed.workforce.models import RosterShift
from tests.planning.conftest import MONDAY, SECONDS

pytestmark = pytest.mark.django_db


def _published(team: Team) -> BuiltProblem:
    run = services.plan_week(team=team, start=MONDAY, time_limit=SECONDS)
    assert run.published_at is not None, run.error
    return build_problem(team=team, start=MONDAY, days=7)


def _swap_carer(built: BuiltProblem, plan: Plan, vid: str) -> tuple[Plan, str]:
    """The plan with ``vid`` moved, at the same minute, to the other carer's shift that day."""
    route = next(r for r in plan.routes if any(s.visit == vid for s in r.visit_stops))
    stop = next(s for s in route.visit_stops if s.visit == vid)
    other = next(c for c in built.problem.carers if c.id != route.carer)
    index = next(k for k, s in enumerate(other.shifts) if s.start <= stop.start < s.end)
    routes = []
    for r in plan.routes:
        if r is route:
            r = dataclasses.replace(r, stops=tuple(s for s in r.stops if getattr(s, "visit", None) != vid))
        routes.append(r)
    target = next((r for r in routes if (r.carer, r.shift) == (other.id, index)), None)
    moved = VisitStop(vid, stop.start)
    if target is None:
        routes.append(Route(other.id, index, (moved,)))
    else:
        stops = sorted([*target.stops, moved], key=lambda s: s.start)
        routes[routes.index(target)] = dataclasses.replace(target, stops=tuple(stops))
    return dataclasses.replace(plan, routes=tuple(routes)), other.id


def test_the_published_week_reads_back_as_a_plan_that_passes_every_rule(planned_team: Team) -> None:
    built = _published(planned_team)

    plan = current_plan(built)

    assert check(built.problem, plan) == []
    assert len(plan.starts()) == 14 and plan.unassigned == ()
    assert RosterShift.objects.filter(break_start__isnull=False).count() == len(plan.routes)


def test_visits_without_carer_or_time_read_back_as_not_planned(planned_team: Team) -> None:
    expand_grants(team=planned_team, start=MONDAY, days=7)
    built = build_problem(team=planned_team, start=MONDAY, days=7)

    plan = current_plan(built)

    assert plan.routes == () and {u.reason for u in plan.unassigned} == {NOT_PLANNED}
    assert len(plan.unassigned) == 14


def test_applying_a_change_bumps_the_version_and_tells_the_citizen_of_a_new_carer(planned_team: Team) -> None:
    built = _published(planned_team)
    plan = current_plan(built)
    vid = next(iter(plan.starts()))
    moved, new_carer = _swap_carer(built, plan, vid)
    before = Visit.objects.get(pk=built.visit_ids[vid])

    changes = apply_plan(built, moved, by=None, source="board")

    after = Visit.objects.get(pk=before.pk)
    assert [c.visit_pk for c in changes] == [before.pk]
    assert after.version == before.version + 1
    assert [m.pk for m in after.carers.all()] == [built.staff_ids[new_carer]]
    event = CitizenChangeEvent.objects.get(visit=after)
    assert event.kind == ChangeKind.CARER_CHANGED and event.details["source"] == "board"
    assert current_plan(built).starts()[vid] == [(new_carer, moved.starts()[vid][0][1])]


def test_a_stale_version_writes_nothing_and_names_the_visit(planned_team: Team) -> None:
    built = _published(planned_team)
    plan = current_plan(built)
    vid = next(iter(plan.starts()))
    moved, _ = _swap_carer(built, plan, vid)
    pk = built.visit_ids[vid]
    seen = Visit.objects.get(pk=pk).version
    Visit.objects.filter(pk=pk).update(version=seen + 1)  # someone else saved first

    with pytest.raises(StaleVisitError) as raised:
        apply_plan(built, moved, by=None, source="board", expected_versions={pk: seen})

    assert raised.value.visit_pks == [pk]
    assert current_plan(built) == plan and not CitizenChangeEvent.objects.exists()


def test_publishing_a_draft_after_the_rota_changed_is_refused(planned_team: Team) -> None:
    run = services.execute_run(
        run_id=services.start_run(team=planned_team, start=MONDAY, by=None, time_limit=SECONDS).pk
    )
    RosterShift.objects.filter(date=MONDAY).first().delete()  # type: ignore[union-attr]

    with pytest.raises(ValueError, match="rota has changed"):
        services.publish_run(run=run, by=None)

    assert not Visit.objects.filter(planned_start__isnull=False).exists()


def test_republishing_the_same_plan_changes_nothing_and_tells_no_one(planned_team: Team) -> None:
    built = _published(planned_team)
    versions = dict(Visit.objects.values_list("pk", "version"))

    again = services.plan_week(team=planned_team, start=MONDAY, time_limit=SECONDS)  # same input and seed

    assert again.published_at is not None
    assert dict(Visit.objects.values_list("pk", "version")) == versions
    assert not CitizenChangeEvent.objects.exists()
    assert check(built.problem, current_plan(built)) == []
