# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The board meeting page (tavlemøde) per team and day: the agenda built from the records, triage colours,
captain and note-taker, decisions and actions, overdue actions and the rehab board."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from naerhed.accounts.access import as_user, get_citizen_for
from naerhed.accounts.models import User
from naerhed.organisation.models import Team
from naerhed.quality import queries
from naerhed.quality.access import check_works_in, get_team_to_read, works_in
from naerhed.quality.forms import BoardActionForm, MeetingRolesForm, TriageForm
from naerhed.quality.models import BoardAction, BoardMeeting, TriageColour
from naerhed.quality.services import board as services
from naerhed.quality.views.common import form_errors, log_list_view, run_service


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PermissionDenied("not a date") from None


@login_required
@require_GET
def board_today(request: HttpRequest, team_pk: int) -> HttpResponse:
    get_team_to_read(as_user(request.user), team_pk)
    return redirect("quality:board", team_pk=team_pk, day=timezone.localdate().isoformat())


@login_required
@require_GET
def board_day(request: HttpRequest, team_pk: int, day: str) -> HttpResponse:
    user = as_user(request.user)
    team, date = get_team_to_read(user, team_pk), _day(day)
    meeting = (
        BoardMeeting.objects.filter(team=team, date=date).select_related("captain", "note_taker").first()
    )
    agenda = queries.board_agenda(team, date)
    log_list_view(user, "board-meeting", team.pk, f"{date.isoformat()}: {len(agenda.items)} on the agenda")
    roles_initial = (
        {"captain": meeting.captain_id, "note_taker": meeting.note_taker_id, "notes": meeting.notes}
        if meeting
        else {}
    )
    context = {
        "team": team,
        "day": date,
        "previous_day": date - dt.timedelta(days=1),
        "next_day": date + dt.timedelta(days=1),
        "meeting": meeting,
        "agenda": agenda,
        "decided": meeting.actions.select_related("owner", "citizen") if meeting else [],
        "other_open": [a for a in agenda.open_actions if meeting is None or a.meeting_id != meeting.pk],
        "can_write": works_in(user, team.pk),
        "roles_form": MeetingRolesForm(initial=roles_initial, team=team),
        "action_form": BoardActionForm(initial={"due_date": date + dt.timedelta(days=2)}, team=team),
        "colours": TriageColour.choices,
        "triage_form": TriageForm(),
    }
    return render(request, "quality/board.html", context)


def _meeting(user: User, team_pk: int, day: str) -> tuple[Team, BoardMeeting]:
    team = get_team_to_read(user, team_pk)
    check_works_in(user, team.pk)
    return team, services.open_board_meeting(team=team, date=_day(day), by=user)


@login_required
@require_POST
def board_roles(request: HttpRequest, team_pk: int, day: str) -> HttpResponse:
    user = as_user(request.user)
    team, meeting = _meeting(user, team_pk, day)
    form = MeetingRolesForm(request.POST, team=team)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.set_meeting_roles(meeting=meeting, by=user, **data),
            _("The meeting is saved."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:board", team_pk=team_pk, day=day)


@login_required
@require_POST
def board_action_new(request: HttpRequest, team_pk: int, day: str) -> HttpResponse:
    user = as_user(request.user)
    team, meeting = _meeting(user, team_pk, day)
    form = BoardActionForm(request.POST, team=team)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.add_board_action(meeting=meeting, by=user, **data),
            _("The action is added."),
        )
    else:
        form_errors(request, form)
    return redirect("quality:board", team_pk=team_pk, day=day)


@login_required
@require_POST
def board_action_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = as_user(request.user)
    action = BoardAction.objects.select_related("meeting").filter(pk=pk).first()
    if action is None or not works_in(user, action.meeting.team_id):
        raise PermissionDenied("action outside your scope")
    run_service(
        request, lambda: services.complete_board_action(action=action, by=user), _("The action is done.")
    )
    back = request.POST.get("day") or timezone.localdate().isoformat()
    return redirect("quality:board", team_pk=action.meeting.team_id, day=back)


@login_required
@require_POST
def board_triage(request: HttpRequest, team_pk: int, day: str, citizen_pk: int) -> HttpResponse:
    user = as_user(request.user)
    team, meeting = _meeting(user, team_pk, day)
    citizen = get_citizen_for(user, citizen_pk)
    form = TriageForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.set_triage_colour(
                citizen=citizen, colour=data["colour"], reason=data["reason"], by=user, meeting=meeting
            ),
            _("The colour of %(name)s is set.") % {"name": citizen.full_name},
        )
    else:
        form_errors(request, form)
    return redirect("quality:board", team_pk=team.pk, day=day)
