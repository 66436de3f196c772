# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Start-up conversations: the team's list (overdue first), one conversation with its plan, record,
scores and rehab goals."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from naerhed.accounts.access import as_user
from naerhed.accounts.models import User
from naerhed.citizens.services import open_citizen_record
from naerhed.quality import queries
from naerhed.quality.access import get_team_to_read, works_in
from naerhed.quality.forms import (
    CloseGoalForm,
    PlanConversationForm,
    RecordConversationForm,
    RehabGoalForm,
    ScoresForm,
)
from naerhed.quality.models import GoalKind, GoalStatus, RehabGoal, ScorePhase, StartupConversation
from naerhed.quality.services import conversations as services
from naerhed.quality.views.common import form_errors, log_list_view, run_service


@login_required
@require_GET
def conversation_list(request: HttpRequest, team_pk: int) -> HttpResponse:
    user = as_user(request.user)
    team = get_team_to_read(user, team_pk)
    today = timezone.localdate()
    open_list = list(queries.open_conversations(team))
    log_list_view(user, "startup-conversation-list", team.pk, f"{len(open_list)} open")
    context = {
        "team": team,
        "today": today,
        "open": open_list,
        "overdue": [c for c in open_list if c.is_overdue(today)],
        "held": queries.held_conversations(team),
        "changes": queries.score_changes([team]),
    }
    return render(request, "quality/conversation_list.html", context)


def _conversation(user: User, pk: int, purpose: str = "start-up conversation") -> StartupConversation:
    """The conversation, if the user may read its citizen's record (the opening is audit-logged)."""
    related = StartupConversation.objects.select_related("team", "key_person", "visit")
    conversation = related.filter(pk=pk).first()
    if conversation is None:
        raise PermissionDenied("conversation outside your scope")
    conversation.citizen = open_citizen_record(user=user, pk=conversation.citizen_id, purpose=purpose)
    return conversation


@login_required
@require_GET
def conversation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    conversation = _conversation(user, pk)
    citizen = conversation.citizen
    planned = conversation.planned_start and timezone.localtime(conversation.planned_start)
    plan_initial = {
        "planned_start": planned or None,
        "duration": conversation.duration,
        "key_person": conversation.key_person_id,
        "other_staff": conversation.other_staff.first(),
        "relatives": list(conversation.relatives_invited.all()),
    }
    record_initial = {name: getattr(conversation, name) for name in services.RECORD_FIELDS}
    record_initial["held_at"] = timezone.localtime(conversation.held_at or timezone.now()).replace(
        second=0, microsecond=0
    )
    record_initial["follow_up_on"] = conversation.follow_up_on
    scores = {score.phase: score for score in conversation.scores.all()}
    context = {
        "conversation": conversation,
        "citizen": citizen,
        "today": timezone.localdate(),
        "can_write": works_in(user, conversation.team_id),
        "plan_form": PlanConversationForm(initial=plan_initial, citizen=citizen),
        "record_form": RecordConversationForm(initial=record_initial),
        "scores_form": ScoresForm(
            initial={
                "phase": ScorePhase.FOLLOW_UP if ScorePhase.START in scores else ScorePhase.START,
                "answered_on": timezone.localdate(),
            }
        ),
        "scores": [scores.get(ScorePhase.START), scores.get(ScorePhase.FOLLOW_UP)],
        "goals": RehabGoal.objects.filter(citizen=citizen).order_by("status", "-set_on"),
        "goal_form": RehabGoalForm(initial={"set_on": timezone.localdate(), "kind": GoalKind.DEVELOPING}),
        "close_goal_form": CloseGoalForm(
            initial={"closed_on": timezone.localdate(), "status": GoalStatus.ACHIEVED}
        ),
        "invited": conversation.relatives_invited.all(),
        "others": conversation.other_staff.all(),
    }
    return render(request, "quality/conversation_detail.html", context)


@login_required
@require_POST
def conversation_plan(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    conversation = _conversation(user, pk, "plan start-up conversation")
    form = PlanConversationForm(request.POST, citizen=conversation.citizen)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.plan_conversation(
                conversation=conversation,
                by=user,
                planned_start=data["planned_start"],
                duration=data["duration"],
                key_person=data["key_person"],
                other_staff=[data["other_staff"]] if data["other_staff"] else [],
                relatives=data["relatives"],
            ),
            _("The conversation is planned."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:conversation", pk=pk)


@login_required
@require_POST
def conversation_record(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    conversation = _conversation(user, pk, "record start-up conversation")
    form = RecordConversationForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        held_at, follow_up_on = data.pop("held_at"), data.pop("follow_up_on")
        run_service(
            request,
            lambda: services.record_conversation(
                conversation=conversation, by=user, held_at=held_at, follow_up_on=follow_up_on, **data
            ),
            _("The conversation is recorded."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:conversation", pk=pk)


@login_required
@require_POST
def conversation_scores(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    conversation = _conversation(user, pk, "score start-up conversation")
    form = ScoresForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        phase, answered_on = ScorePhase(data.pop("phase")), data.pop("answered_on")
        run_service(
            request,
            lambda: services.record_scores(
                conversation=conversation, phase=phase, by=user, answered_on=answered_on, scores=data
            ),
            _("The scores are saved."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:conversation", pk=pk)


@login_required
@require_POST
def conversation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    conversation = _conversation(user, pk, "cancel start-up conversation")
    run_service(
        request,
        lambda: services.cancel_conversation(conversation=conversation, by=user),
        _("The conversation is cancelled."),
    )
    return redirect("quality:conversation", pk=pk)


@login_required
@require_POST
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    conversation = _conversation(user, pk, "rehab goal")
    form = RehabGoalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.add_rehab_goal(
                citizen=conversation.citizen,
                by=user,
                text=data["text"],
                kind=GoalKind(data["kind"]),
                set_on=data["set_on"],
                target_date=data["target_date"],
                conversation=conversation,
            ),
            _("The goal is saved."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:conversation", pk=pk)


@login_required
@require_POST
def goal_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    goal = RehabGoal.objects.filter(pk=pk).first()
    if goal is None:
        raise PermissionDenied("goal outside your scope")
    goal.citizen = open_citizen_record(user=user, pk=goal.citizen_id, purpose="rehab goal")
    form = CloseGoalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.close_rehab_goal(
                goal=goal, by=user, status=GoalStatus(data["status"]), closed_on=data["closed_on"]
            ),
            _("The goal is closed."),
        )
    else:
        form_errors(request, form)
    if goal.conversation_id:
        return redirect("quality:conversation", pk=goal.conversation_id)
    return redirect("quality:citizen", pk=goal.citizen_id)
