# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Planning pages: the runs of the teams one plans, starting a run, following it, cancelling, publishing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from naerhed.accounts.access import as_user
from naerhed.accounts.models import User
from naerhed.planning import queries, services
from naerhed.planning.diff import compare_with_published
from naerhed.planning.forms import StartRunForm, next_monday
from naerhed.planning.models import PlanningRun, RunStatus

LIST_LIMIT = 100


def _planner(request: HttpRequest) -> User:
    user = as_user(request.user)
    if not queries.can_plan(user):
        raise PermissionDenied("only team leaders and planners plan")
    return user


@login_required
@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    user = _planner(request)
    services.fail_lost_runs()
    runs = queries.runs_visible_to(user)[:LIST_LIMIT]
    return render(request, "planning/list.html", {"runs": runs})


@login_required
@require_http_methods(["GET", "POST"])
def run_new(request: HttpRequest) -> HttpResponse:
    user = _planner(request)
    teams = queries.planning_teams(user)
    initial = {"week_start": next_monday(timezone.localdate()), "team": teams.first()}
    form = StartRunForm(request.POST or None, teams=teams, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [data["team"]] if data["team"] else list(teams)
        runs = services.request_runs(
            teams=chosen, start=data["week_start"], by=user, time_limit=data["time_limit"]
        )
        if len(runs) == 1:
            return redirect("planning:detail", pk=runs[0].pk)
        messages.success(request, _("%(count)d planning runs were started.") % {"count": len(runs)})
        return redirect("planning:list")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "planning/new.html", {"form": form}, status=status)


@login_required
@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    services.fail_lost_runs()
    run = queries.get_run_for(_planner(request), pk)
    diff = compare_with_published(run) if run.status == RunStatus.DRAFT else None
    return render(request, "planning/detail.html", {"run": run, "diff": diff, "active": _is_active(run)})


@login_required
@require_GET
def run_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status box alone, which the detail page polls while the run is queued or running."""
    services.fail_lost_runs()
    run = queries.get_run_for(_planner(request), pk)
    return render(request, "planning/_status.html", {"run": run, "active": _is_active(run)})


@login_required
@require_POST
def run_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = _planner(request)
    run = queries.get_run_for(user, pk)
    if services.cancel_run(run=run, by=user):
        messages.success(request, _("The run was cancelled."))
    else:
        messages.error(request, _("The run had already ended and was not cancelled."))
    return redirect("planning:detail", pk=run.pk)


@login_required
@require_POST
def run_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = _planner(request)
    run = queries.get_run_for(user, pk)
    try:
        changed = services.publish_run(run=run, by=user)
    except ValueError:
        messages.error(request, _("Only a draft can be published."))
    else:
        messages.success(request, _("The plan was published: %(count)d visits updated.") % {"count": changed})
    return redirect("planning:detail", pk=run.pk)


def _is_active(run: PlanningRun) -> bool:
    return run.status in services.ACTIVE
