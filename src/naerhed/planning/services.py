# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Planning a team's week: expand grants, build the problem, solve, store the draft, publish.

Cancelling: the engine has no stop hook, so :func:`cancel_run` only marks the
run cancelled. A queued run is then never claimed; a running solve goes on to
its time limit and its result is thrown away, because every write that ends a
run is conditional on the run still running.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.jobs import enqueue
from naerhed.organisation.models import Team
from naerhed.planner import io as plan_io
from naerhed.planner.check import check, figures
from naerhed.planner.model import Problem, Shift
from naerhed.planner.params import SolveParams
from naerhed.planner.solve import solve
from naerhed.planning.models import PlanningRun, RunStatus
from naerhed.planning.plan_store import apply_plan
from naerhed.planning.problem_builder import build_problem
from naerhed.planning.progress import ProgressWriter
from naerhed.visits.services import expand_grants
from naerhed.workforce.rota import ensure_rota

if TYPE_CHECKING:
    from naerhed.accounts.models import User

EXECUTE_RUN = "planning.execute_run"
ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


def start_run(
    *, team: Team, start: dt.date, days: int = 7, by: User | None, time_limit: float = 30.0
) -> PlanningRun:
    """Expand grants and the rota for the period and queue a run holding the engine's input.

    A team whose records cannot make a problem (no office coordinates, say)
    gets a failed run that says why, rather than an error page.
    """
    # The previous week's rota too: its last night shift covers the first night of this one.
    ensure_rota(team=team, week_start=start - dt.timedelta(days=7))
    ensure_rota(team=team, week_start=start)
    expand_grants(team=team, start=start, days=days)
    run = PlanningRun(team=team, week_start=start, days=days, time_limit=time_limit, created_by=by)
    try:
        run.instance = plan_io.dump_problem(build_problem(team=team, start=start, days=days).problem)
    except ValueError as exc:
        run.status, run.error, run.finished_at = RunStatus.FAILED, str(exc), timezone.now()
    run.save()
    return run


@transaction.atomic
def request_run(*, team: Team, start: dt.date, by: User, time_limit: float) -> PlanningRun:
    """Start a run for a user and solve it in the background once this transaction commits."""
    run = start_run(team=team, start=start, by=by, time_limit=time_limit)
    record_event(
        user=by,
        action=Action.CREATE,
        object_type="planning-run",
        object_id=run.pk,
        summary=f"{team.name} {start.isoformat()}",
    )
    if run.status == RunStatus.QUEUED:
        transaction.on_commit(lambda: enqueue(EXECUTE_RUN, run.pk))
    return run


@transaction.atomic
def request_runs(*, teams: Iterable[Team], start: dt.date, by: User, time_limit: float) -> list[PlanningRun]:
    """One run per team (a district's week), each solved by its own background job."""
    return [request_run(team=team, start=start, by=by, time_limit=time_limit) for team in teams]


def execute_run(*, run_id: int) -> PlanningRun:
    """Solve a queued run (claimed atomically, so two workers never solve the same run)."""
    claimed = PlanningRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    if claimed:
        run = PlanningRun.objects.get(pk=run_id)
        _finish(run_id, _solve(run))
    return PlanningRun.objects.get(pk=run_id)


#: A run still "running" this long after its time limit ran out has lost its worker.
RUNNING_GRACE = dt.timedelta(minutes=10)
#: A run still queued this long was never picked up (an in-process job dies with its server).
QUEUED_GRACE = dt.timedelta(hours=1)
LOST_WORKER = "the worker solving this run stopped before it finished (restart or crash); start a new run"
NEVER_STARTED = "no worker picked this run up (the server was restarted?); start a new run"


def fail_lost_runs(*, now: dt.datetime | None = None) -> int:
    """Mark runs whose worker is gone as failed, saying why, so no run shows "running" for ever.

    A run is lost when it is still running ``RUNNING_GRACE`` after twice its time limit, or still
    queued ``QUEUED_GRACE`` after it was made. Returns how many runs were marked.
    """
    now = now or timezone.now()
    lost = 0
    for run in PlanningRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=now - RUNNING_GRACE):
        if run.started_at is None:
            continue
        if run.started_at + dt.timedelta(seconds=2 * run.time_limit) + RUNNING_GRACE < now:
            lost += _fail_if(run.pk, RunStatus.RUNNING, LOST_WORKER, now)
    for pk in PlanningRun.objects.filter(
        status=RunStatus.QUEUED, created_at__lt=now - QUEUED_GRACE
    ).values_list("pk", flat=True):
        lost += _fail_if(pk, RunStatus.QUEUED, NEVER_STARTED, now)
    return lost


def _fail_if(pk: int, status: RunStatus, reason: str, now: dt.datetime) -> int:
    """Fail the run only if it still has ``status`` (a worker finishing meanwhile wins)."""
    return PlanningRun.objects.filter(pk=pk, status=status).update(
        status=RunStatus.FAILED, error=reason, finished_at=now
    )


def _solve(run: PlanningRun) -> dict[str, Any]:
    """The fields that end the run: a draft with plan and figures, or a failure saying why."""
    progress = ProgressWriter(run.pk)
    try:
        problem = plan_io.load_problem(run.instance or {})
        plan = solve(problem, SolveParams(time_limit=run.time_limit), seed=run.seed, on_progress=progress)
        violations = check(problem, plan)
        if violations:
            raise RuntimeError(f"the engine returned an infeasible plan: {violations[0].message}")
        result = {
            "plan": json_safe(plan_io.dump_plan(plan)),
            "figures": json_safe(figures(problem, plan).to_dict()),
        }
        return {**result, "status": RunStatus.DRAFT, "progress": progress.latest}
    except Exception as exc:  # any failure is shown on the run, never lost
        return {
            "status": RunStatus.FAILED,
            "error": f"{type(exc).__name__}: {exc}",
            "progress": progress.latest,
        }


def json_safe(value: Any) -> Any:
    """``value`` with every infinite or NaN float (which JSON cannot hold) replaced by None.

    The engine's plan metadata may carry such a float, for example a stage's
    objective when that stage found no solution within its time.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


def _finish(run_id: int, fields: dict[str, Any]) -> None:
    # Only a run still running takes the result: a cancelled run stays cancelled.
    PlanningRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
        finished_at=timezone.now(), **fields
    )


def cancel_run(*, run: PlanningRun, by: User | None) -> bool:
    """Cancel a queued or running run; False when it had already ended."""
    with transaction.atomic():
        cancelled = PlanningRun.objects.filter(pk=run.pk, status__in=ACTIVE).update(
            status=RunStatus.CANCELLED, finished_at=timezone.now()
        )
        if cancelled:
            record_event(
                user=by,
                action=Action.UPDATE,
                object_type="planning-run",
                object_id=run.pk,
                summary="cancelled",
            )
    run.refresh_from_db()
    return bool(cancelled)


@transaction.atomic
def publish_run(*, run: PlanningRun, by: User | None) -> int:
    """Write a draft's carers, start times and breaks onto the visits and rota in one transaction;
    returns the number of visits whose carers or time changed.

    Refused when the rota changed since the run was made (the draft's shifts would no longer be the
    team's): the planner starts a new run instead. Visits cancelled since the run are left alone.
    """
    run = PlanningRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DRAFT or run.plan is None:
        raise ValueError(f"run {run.pk} is {run.status}, only a draft can be published")
    plan = plan_io.load_plan(run.plan)
    built = build_problem(team=run.team, start=run.week_start, days=run.days)
    drafted = plan_io.load_problem(run.instance or {})
    if _shifts(drafted) != _shifts(built.problem):
        raise ValueError(
            f"run {run.pk}: the rota has changed since the run was made; start a new planning run"
        )
    scope = [vid for vid in _instance_visit_ids(run) if vid in built.visit_ids]
    changes = apply_plan(built, plan, by=by, source="publish", visit_ids=scope)
    run.status, run.published_at = RunStatus.PUBLISHED, timezone.now()
    run.save(update_fields=["status", "published_at"])
    # A new citizen's first planned visit makes a start-up conversation due (naerhed.quality).
    from naerhed.quality.services.conversations import conversations_due_after_planning

    conversations_due_after_planning(visit_ids=[built.visit_ids[vid] for vid in scope], by=by)
    record_event(
        user=by,
        action=Action.UPDATE,
        object_type="planning-run",
        object_id=run.pk,
        summary=f"published: {len(changes)} visits of {run.team.name} changed, week of {run.week_start}",
    )
    return len(changes)


def _shifts(problem: Problem) -> dict[str, tuple[Shift, ...]]:
    return {c.id: c.shifts for c in problem.carers if c.shifts}


def plan_week(*, team: Team, start: dt.date, by: User | None = None, time_limit: float = 20.0) -> PlanningRun:
    """Plan and publish a team's week in one go (the demo and scripted use)."""
    run = execute_run(run_id=start_run(team=team, start=start, by=by, time_limit=time_limit).pk)
    if run.status == RunStatus.DRAFT:
        publish_run(run=run, by=by)
        run.refresh_from_db()
    return run


def _instance_visit_ids(run: PlanningRun) -> list[str]:
    return [str(v["id"]) for v in (run.instance or {}).get("visits", [])]
