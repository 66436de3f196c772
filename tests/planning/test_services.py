# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Starting, solving, cancelling and publishing runs (solved in the test's own thread)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from naerhed.audit.models import AuditEvent
from naerhed.organisation.models import Team
from naerhed.planner import io as plan_io
from naerhed.planner.params import Progress
from naerhed.planner.solve import solve as real_solve
from naerhed.planning import services
from naerhed.planning.models import PlanningRun, RunStatus
from naerhed.planning.progress import ProgressWriter
from naerhed.visits.models import Visit
from tests import factories as f
from tests.personas import World
from tests.planning.conftest import MONDAY, SECONDS

pytestmark = pytest.mark.django_db


def _start(team: Team) -> PlanningRun:
    return services.start_run(team=team, start=MONDAY, by=None, time_limit=SECONDS)


def test_a_started_run_waits_in_the_queue_with_the_serialised_problem(planned_team: Team) -> None:
    run = _start(planned_team)

    assert run.status == RunStatus.QUEUED
    assert run.instance is not None and len(run.instance["visits"]) == 14
    assert len(run.instance["carers"]) == 2


def test_executing_a_run_stores_a_draft_with_plan_figures_and_last_progress(planned_team: Team) -> None:
    run = services.execute_run(run_id=_start(planned_team).pk)

    assert run.status == RunStatus.DRAFT, run.error
    assert run.plan is not None and run.figures is not None
    assert run.figures["unassigned"] == len(run.plan["unassigned"])
    assert run.progress is not None
    assert set(run.progress) == {"elapsed", "objective", "unassigned", "distinct_carers", "travel_minutes"}
    assert run.started_at is not None and run.finished_at is not None


def test_a_run_is_claimed_once_so_a_second_delivery_changes_nothing(planned_team: Team) -> None:
    first = services.execute_run(run_id=_start(planned_team).pk)

    again = services.execute_run(run_id=first.pk)

    assert again.status == RunStatus.DRAFT and again.finished_at == first.finished_at


def test_a_team_without_office_coordinates_gets_a_failed_run_that_says_why(world: World) -> None:
    team = f.team(district=world.team_a.district, office_lat=None, office_lon=None)

    run = _start(team)

    assert run.status == RunStatus.FAILED
    assert "has no office coordinates" in run.error and team.name in run.error
    assert services.execute_run(run_id=run.pk).status == RunStatus.FAILED


def test_a_run_whose_input_the_engine_cannot_read_fails_with_the_reason(planned_team: Team) -> None:
    run = _start(planned_team)
    PlanningRun.objects.filter(pk=run.pk).update(instance={"format": "something-else"})

    failed = services.execute_run(run_id=run.pk)

    assert failed.status == RunStatus.FAILED and failed.plan is None
    assert failed.error.startswith("FormatError:")
    assert "expected \"naerhed-plan/1\", got 'something-else'" in failed.error


def test_a_queued_run_cancelled_before_it_starts_is_never_solved(planned_team: Team, world: World) -> None:
    run = _start(planned_team)

    assert services.cancel_run(run=run, by=world.user("teamleader")) is True
    after = services.execute_run(run_id=run.pk)

    assert after.status == RunStatus.CANCELLED and after.started_at is None and after.plan is None
    assert AuditEvent.objects.filter(object_type="planning-run", summary="cancelled").count() == 1


def test_a_run_cancelled_while_the_engine_searches_discards_the_result(
    planned_team: Team, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _start(planned_team)

    def cancel_midway(*args: Any, **kwargs: Any) -> Any:
        services.cancel_run(run=run, by=world.user("teamleader"))
        return real_solve(*args, **kwargs)

    monkeypatch.setattr(services, "solve", cancel_midway)
    after = services.execute_run(run_id=run.pk)

    assert after.status == RunStatus.CANCELLED and after.plan is None and after.started_at is not None


def test_an_ended_run_cannot_be_cancelled(planned_team: Team) -> None:
    run = services.execute_run(run_id=_start(planned_team).pk)

    assert services.cancel_run(run=run, by=None) is False
    assert run.status == RunStatus.DRAFT


def test_publishing_writes_the_drafts_carers_and_times_onto_the_visits_and_is_audited(
    planned_team: Team, world: World
) -> None:
    run = services.execute_run(run_id=_start(planned_team).pk)

    changed = services.publish_run(run=run, by=world.user("teamleader"))

    run.refresh_from_db()
    planned = plan_io.load_plan(run.plan).starts()
    visits = Visit.objects.filter(citizen__team=planned_team).prefetch_related("carers")
    assert changed == 14 and run.status == RunStatus.PUBLISHED and run.published_at is not None
    assert {f"v-{v.pk}" for v in visits if v.planned_start is not None} == set(planned)
    assert all(len(v.carers.all()) == len(planned.get(f"v-{v.pk}", [])) for v in visits)
    event = AuditEvent.objects.get(
        object_type="planning-run", object_id=str(run.pk), summary__startswith="published"
    )
    assert event.username == "teamleader" and "14 visits" in event.summary


@pytest.mark.parametrize(
    "status", [RunStatus.QUEUED, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.PUBLISHED]
)
def test_only_a_draft_can_be_published(planned_team: Team, status: RunStatus) -> None:
    run = _start(planned_team)
    PlanningRun.objects.filter(pk=run.pk).update(status=status)

    with pytest.raises(ValueError, match="only a draft"):
        services.publish_run(run=run, by=None)
    assert not Visit.objects.filter(planned_start__isnull=False).exists()


def test_requesting_a_run_queues_the_job_only_when_the_transaction_commits(
    planned_team: Team, world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.request_run(
            team=planned_team, start=MONDAY, by=world.user("planner"), time_limit=SECONDS
        )

    assert len(callbacks) == 1 and run.status == RunStatus.QUEUED
    assert AuditEvent.objects.filter(
        object_type="planning-run", object_id=str(run.pk), username="planner"
    ).exists()


def test_a_failed_start_queues_no_job(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    team = f.team(district=world.team_a.district, office_lat=None, office_lon=None)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.request_run(team=team, start=MONDAY, by=world.user("planner"), time_limit=SECONDS)

    assert callbacks == [] and run.status == RunStatus.FAILED


def test_progress_is_written_at_most_once_a_second(planned_team: Team) -> None:
    run = _start(planned_team)
    PlanningRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    now = [100.0]
    writer = ProgressWriter(run.pk, clock=lambda: now[0])

    for elapsed, unassigned in ((0.1, 9), (0.5, 5), (1.2, 3)):
        now[0] = 100.0 + elapsed
        writer(Progress(elapsed, 1000.0, unassigned, 1.5, 40))
        run.refresh_from_db()
        assert run.progress is not None
        last_written = run.progress["unassigned"]
        if elapsed == 0.5:
            assert last_written == 9
    assert last_written == 3


def test_progress_reported_from_a_solver_thread_is_written_by_the_solving_thread_next(
    planned_team: Team,
) -> None:
    run = _start(planned_team)
    PlanningRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    now = [100.0]
    writer = ProgressWriter(run.pk, clock=lambda: now[0])
    solver_thread = threading.Thread(target=writer, args=(Progress(0.2, 900.0, 4, 1.5, 40),))

    solver_thread.start()
    solver_thread.join()
    run.refresh_from_db()
    assert run.progress is None and writer.latest is not None and writer.latest["unassigned"] == 4

    now[0] = 102.0
    writer(Progress(2.0, 800.0, 2, 1.4, 38))
    run.refresh_from_db()
    assert run.progress is not None and run.progress["unassigned"] == 2


def test_progress_never_touches_a_run_that_is_not_running(planned_team: Team) -> None:
    run = _start(planned_team)

    ProgressWriter(run.pk)(Progress(0.1, 1.0, 0, 1.0, 1))

    run.refresh_from_db()
    assert run.progress is None


def test_a_figure_the_engine_does_not_know_yet_is_stored_as_empty(planned_team: Team) -> None:
    run = _start(planned_team)
    PlanningRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)

    ProgressWriter(run.pk)(Progress(0.1, float("inf"), 14, float("nan"), 0))

    run.refresh_from_db()
    assert (
        run.progress is not None
        and run.progress["objective"] is None
        and run.progress["distinct_carers"] is None
    )


def test_floats_json_cannot_hold_are_stored_as_empty() -> None:
    assert services.json_safe({"a": [1.5, float("inf")], "b": float("nan"), "c": "x"}) == {
        "a": [1.5, None],
        "b": None,
        "c": "x",
    }


def test_a_run_whose_worker_is_gone_is_failed_with_the_reason_and_a_live_one_is_left(
    planned_team: Team,
) -> None:
    now = timezone.now()
    lost, live, waiting = (_start(planned_team) for _ in range(3))
    PlanningRun.objects.filter(pk=lost.pk).update(
        status=RunStatus.RUNNING,
        started_at=now - dt.timedelta(seconds=2 * SECONDS) - dt.timedelta(minutes=11),
    )
    PlanningRun.objects.filter(pk=live.pk).update(
        status=RunStatus.RUNNING, started_at=now - dt.timedelta(minutes=1)
    )
    PlanningRun.objects.filter(pk=waiting.pk).update(created_at=now - dt.timedelta(hours=2))

    assert services.fail_lost_runs(now=now) == 2

    statuses = dict(PlanningRun.objects.values_list("pk", "status"))
    assert (statuses[lost.pk], statuses[live.pk], statuses[waiting.pk]) == (
        RunStatus.FAILED,
        RunStatus.RUNNING,
        RunStatus.FAILED,
    )
    assert PlanningRun.objects.get(pk=lost.pk).error == services.LOST_WORKER
    assert PlanningRun.objects.get(pk=waiting.pk).error == services.NEVER_STARTED
