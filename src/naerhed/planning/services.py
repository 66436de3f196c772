# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Planning a team's week: expand grants, build the problem, solve, store the draft, publish."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.organisation.models import Team
from naerhed.planner import io as plan_io
from naerhed.planner.check import check, figures
from naerhed.planner.params import SolveParams
from naerhed.planner.solve import solve
from naerhed.planning.models import PlanningRun, RunStatus
from naerhed.planning.problem_builder import build_problem, from_minutes
from naerhed.visits.models import Visit
from naerhed.visits.services import expand_grants
from naerhed.workforce.rota import ensure_rota

if TYPE_CHECKING:
    from naerhed.accounts.models import User


def start_run(*, team: Team, start: dt.date, days: int = 7, by: User | None, time_limit: float = 30.0) -> PlanningRun:
    """Expand grants and the rota for the period and queue a run holding the engine's input."""
    ensure_rota(team=team, week_start=start)
    expand_grants(team=team, start=start, days=days)
    built = build_problem(team=team, start=start, days=days)
    return PlanningRun.objects.create(
        team=team,
        week_start=start,
        days=days,
        time_limit=time_limit,
        created_by=by,
        instance=plan_io.dump_problem(built.problem),
    )


def execute_run(*, run_id: int) -> PlanningRun:
    """Solve a queued run (claimed atomically, so two workers never solve the same run)."""
    claimed = PlanningRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    run = PlanningRun.objects.get(pk=run_id)
    if not claimed:
        return run
    try:
        problem = plan_io.load_problem(run.instance or {})
        plan = solve(problem, SolveParams(time_limit=run.time_limit), seed=run.seed)
        violations = check(problem, plan)
        if violations:
            raise RuntimeError(f"the engine returned an infeasible plan: {violations[0].message}")
        run.plan = plan_io.dump_plan(plan)
        run.figures = figures(problem, plan).to_dict()
        run.status = RunStatus.DRAFT
    except Exception as exc:  # noqa: BLE001 - any failure is shown on the run, never lost
        run.status, run.error = RunStatus.FAILED, f"{type(exc).__name__}: {exc}"
    run.finished_at = timezone.now()
    run.save(update_fields=["plan", "figures", "status", "error", "finished_at"])
    return run


@transaction.atomic
def publish_run(*, run: PlanningRun, by: User | None) -> int:
    """Write a draft's carers and start times onto the visits in one transaction; returns visits changed."""
    if run.status != RunStatus.DRAFT or run.plan is None:
        raise ValueError(f"run {run.pk} is {run.status}, only a draft can be published")
    plan = plan_io.load_plan(run.plan)
    starts = plan.starts()
    visit_pks = {int(vid.removeprefix("v-")) for vid in _instance_visit_ids(run)}
    changed = 0
    for visit in Visit.objects.filter(pk__in=visit_pks).prefetch_related("carers"):
        copies = starts.get(f"v-{visit.pk}", [])
        visit.planned_start = from_minutes(copies[0][1], run.week_start) if copies else None
        visit.save(update_fields=["planned_start", "updated_at"])
        visit.carers.set([int(carer.removeprefix("s-")) for carer, _ in copies])
        changed += 1
    run.status, run.published_at = RunStatus.PUBLISHED, timezone.now()
    run.save(update_fields=["status", "published_at"])
    record_event(user=by, action=Action.UPDATE, object_type="planning-run", object_id=run.pk, summary="published")
    return changed


def plan_week(*, team: Team, start: dt.date, by: User | None = None, time_limit: float = 20.0) -> PlanningRun:
    """Plan and publish a team's week in one go (the demo and scripted use)."""
    run = execute_run(run_id=start_run(team=team, start=start, by=by, time_limit=time_limit).pk)
    if run.status == RunStatus.DRAFT:
        publish_run(run=run, by=by)
    return run


def _instance_visit_ids(run: PlanningRun) -> list[str]:
    return [str(v["id"]) for v in (run.instance or {}).get("visits", [])]
