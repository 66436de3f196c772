# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Sick-call pages: the team's day (shifts, absences, proposals), registering an absence, optimising
the rest of the day, and the proposal page where it is accepted, adjusted or rejected."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from naerhed.absences import queries, services
from naerhed.absences.adjust import CANCEL, UNPLANNED, adjust_proposal, shift_choices
from naerhed.absences.forms import AbsenceForm
from naerhed.absences.models import ProposalKind, ProposalStatus, ReplanProposal
from naerhed.accounts.access import as_user
from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.organisation.models import Team
from naerhed.planning.queries import can_plan, planning_teams


def _planner(request: HttpRequest) -> User:
    user = as_user(request.user)
    if not can_plan(user):
        raise PermissionDenied("only team leaders and planners re-plan a day")
    return user


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Http404("not a date") from None


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Today for the user's own team; a planner chooses among the district's teams."""
    user = _planner(request)
    today = timezone.localdate().isoformat()
    teams = list(planning_teams(user).order_by("name"))
    if len(teams) == 1:
        return redirect("absences:day", team_id=teams[0].pk, day=today)
    return render(request, "absences/index.html", {"teams": teams, "today": today})


def _day_page(
    request: HttpRequest, team: Team, day: dt.date, form: AbsenceForm, status: int = 200
) -> HttpResponse:
    visits = queries.day_visits(team, day)
    record_event(
        user=as_user(request.user),
        action=Action.VIEW,
        object_type="visit-list",
        object_id=team.pk,
        summary=f"sick calls: {len(visits)} visits {day.isoformat()}",
    )
    context = {
        "visits": visits,
        "team": team,
        "day": day,
        "form": form,
        "shifts": queries.day_shifts(team, day),
        "absences": queries.day_absences(team, day),
        "proposals": queries.day_proposals(team, day)[:20],
        "is_past": day < timezone.localdate(),
        "previous": (day - dt.timedelta(days=1)).isoformat(),
        "next": (day + dt.timedelta(days=1)).isoformat(),
    }
    return render(request, "absences/day.html", context, status=status)


@login_required
@require_GET
def day(request: HttpRequest, team_id: int, day: str) -> HttpResponse:
    team = queries.get_team_to_replan(_planner(request), team_id)
    date = _day(day)
    return _day_page(request, team, date, AbsenceForm(shifts=queries.day_shifts(team, date)))


@login_required
@require_POST
def register(request: HttpRequest, team_id: int, day: str) -> HttpResponse:
    user = _planner(request)
    team = queries.get_team_to_replan(user, team_id)
    date = _day(day)
    form = AbsenceForm(request.POST, shifts=queries.day_shifts(team, date))
    if not form.is_valid():
        return _day_page(request, team, date, form, status=400)
    shift = form.cleaned_data["roster_shift"]
    starts = form.cleaned_data["starts"]
    try:
        proposal = services.report_absence(
            staff=shift.staff,
            reason=form.cleaned_data["reason"],
            by=user,
            shift=None if starts else shift,
            starts=starts,
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _day_page(request, team, date, form, status=400)
    messages.success(request, _("The absence is registered. The day is being re-planned."))
    return redirect("absences:proposal", pk=proposal.pk)


@login_required
@require_POST
def optimise_day(request: HttpRequest, team_id: int, day: str) -> HttpResponse:
    """Re-plan the rest of the team's day from now on (the board's "Optimise the rest of the day")."""
    user = _planner(request)
    team = queries.get_team_to_replan(user, team_id)
    date = _day(day)
    try:
        proposal = services.request_proposal(team=team, day=date, kind=ProposalKind.OPTIMISE, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("absences:day", team_id=team.pk, day=date.isoformat())
    return redirect("absences:proposal", pk=proposal.pk)


def _proposal_context(proposal: ReplanProposal) -> dict[str, object]:
    view = queries.proposal_view(proposal)
    adjustable = proposal.status == ProposalStatus.PROPOSED
    listed = [row.engine_id for row in [*view.changes, *view.still_unplanned]]
    choices = shift_choices(proposal, listed) if adjustable else {}
    return {
        "proposal": proposal,
        "view": view,
        "choices": choices,
        "adjustable": adjustable,
        "active": proposal.status == ProposalStatus.QUEUED,
        "absences": list(proposal.absences.select_related("staff")),
        "UNPLANNED": UNPLANNED,
        "CANCEL": CANCEL,
    }


@login_required
@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _planner(request)
    proposal = queries.get_proposal_for(user, pk)
    record_event(
        user=user,
        action=Action.VIEW,
        object_type="replan-proposal",
        object_id=proposal.pk,
        summary=f"{proposal.team.name} {proposal.date.isoformat()}",
    )
    return render(request, "absences/proposal.html", _proposal_context(proposal))


@login_required
@require_GET
def proposal_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status box alone, which the proposal page polls while the engine works."""
    proposal = queries.get_proposal_for(_planner(request), pk)
    context = {"proposal": proposal, "active": proposal.status == ProposalStatus.QUEUED}
    return render(request, "absences/_status.html", context)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    user = _planner(request)
    proposal = queries.get_proposal_for(user, pk)
    try:
        changes = services.accept_proposal(proposal=proposal, by=user)
    except services.StaleProposal:
        messages.error(
            request,
            _("The plan has changed since this proposal was made, so it was not used. Make a new proposal."),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The proposal is accepted: %(count)d visits changed.") % {"count": len(changes)}
        )
    return redirect("absences:proposal", pk=proposal.pk)


@login_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    user = _planner(request)
    proposal = queries.get_proposal_for(user, pk)
    try:
        services.reject_proposal(proposal=proposal, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The proposal is rejected; nothing was changed."))
    return redirect("absences:proposal", pk=proposal.pk)


@login_required
@require_POST
def adjust(request: HttpRequest, pk: int) -> HttpResponse:
    user = _planner(request)
    proposal = queries.get_proposal_for(user, pk)
    try:
        adjust_proposal(
            proposal=proposal,
            visit_id=request.POST.get("visit", ""),
            target=request.POST.get("target", ""),
            by=user,
        )
    except ValidationError as exc:
        messages.error(request, _("The change was not made: %(reason)s") % {"reason": " ".join(exc.messages)})
    else:
        messages.success(request, _("The proposal was adjusted."))
    return redirect("absences:proposal", pk=proposal.pk)


@login_required
@require_http_methods(["POST"])
def again(request: HttpRequest, pk: int) -> HttpResponse:
    """A new proposal of the same kind for the same day (after a stale or failed one)."""
    user = _planner(request)
    proposal = queries.get_proposal_for(user, pk)
    try:
        fresh = services.request_proposal(team=proposal.team, day=proposal.date, kind=proposal.kind, by=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("absences:proposal", pk=proposal.pk)
    return redirect("absences:proposal", pk=fresh.pk)
