# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The board pages: the day's board (laptop and big screen), the part the page re-fetches when the
board changes, the version it polls, and moving a card. Views parse, check access, call, render."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from naerhed.accounts.access import as_user, can_move_board_cards, can_view_board, teams_visible_to
from naerhed.accounts.models import User
from naerhed.board import queries, services
from naerhed.board.access import get_board_team
from naerhed.board.forms import TRAY, MoveForm, parse_seen
from naerhed.organisation.models import Team
from naerhed.planning.plan_store import StaleVisitError

STALE = "stale"
#: Requests from board.js ask for JSON with the re-rendered board instead of a redirect.
FRAGMENT_HEADER = "HTTP_X_BOARD"


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Today's board of the user's own team, or a choice of the teams a planner may open."""
    user = as_user(request.user)
    if not can_view_board(user):
        raise PermissionDenied("no board for your role")
    today = timezone.localdate()
    if user.team_id is not None:
        return redirect("board:day", team_id=user.team_id, day=today.isoformat())
    return render(request, "board/index.html", {"teams": teams_visible_to(user), "today": today})


@login_required
@require_GET
def team_today(request: HttpRequest, team_id: int) -> HttpResponse:
    team = get_board_team(as_user(request.user), team_id)
    return redirect("board:day", team_id=team.pk, day=timezone.localdate().isoformat())


@login_required
@require_GET
def day_board(request: HttpRequest, team_id: int, day: str) -> HttpResponse:
    user, team, date = _open(request, team_id, day)
    try:
        board = _load(user, team, date)
    except ValueError as exc:  # the bridge refuses a team it cannot plan, e.g. without office coordinates
        return render(request, "board/unavailable.html", {"team": team, "reason": str(exc)}, status=409)
    big = request.GET.get("skaerm") == "1"
    template = "board/screen.html" if big else "board/page.html"
    return render(request, template, _context(request, user, board, big=big))


@login_required
@require_GET
def board_part(request: HttpRequest, team_id: int, day: str) -> HttpResponse:
    """The board alone, which the page fetches when the version it polls has changed."""
    user, team, date = _open(request, team_id, day)
    big = request.GET.get("skaerm") == "1"
    return render(request, "board/_board.html", _context(request, user, _load(user, team, date), big=big))


@login_required
@require_GET
def board_version(request: HttpRequest, team_id: int, day: str) -> JsonResponse:
    _user, team, date = _open(request, team_id, day)
    return JsonResponse({"version": queries.board_version(team, date)})


@login_required
@require_POST
def move(request: HttpRequest, team_id: int, day: str) -> HttpResponse:
    user, team, date = _open(request, team_id, day)
    if not can_move_board_cards(user):
        raise PermissionDenied("your role does not move cards")
    form = MoveForm(request.POST)
    status, kind = 200, "saved"
    if not form.is_valid():
        status, kind = 400, "refused"
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    else:
        try:
            services.move_card(
                team=team,
                day=date,
                move=form.cleaned_data["move"],
                by=user,
                seen=parse_seen(form.cleaned_data["seen"]),
            )
            message = _("The move is saved.")
        except services.MoveRefused as refused:
            status, kind, message = 422, "refused", " ".join(refused.reasons)
        except StaleVisitError:
            status, kind = 409, STALE
            message = _("The board has been changed by someone else – reload and try again")
    if request.META.get(FRAGMENT_HEADER) == "fragment":
        board = _load(user, team, date)
        html = render_to_string(
            "board/_board.html", _context(request, user, board, big=False), request=request
        )
        return JsonResponse({"status": kind, "message": message, "html": html}, status=status)
    (messages.success if status == 200 else messages.error)(request, message)
    return redirect("board:day", team_id=team.pk, day=date.isoformat())


def _open(request: HttpRequest, team_id: int, day: str) -> tuple[User, Team, dt.date]:
    user = as_user(request.user)
    team = get_board_team(user, team_id)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise Http404("not a date") from None
    return user, team, date


def _load(user: User, team: Team, date: dt.date) -> queries.Board:
    board = queries.load_board(team, date)
    services.log_board_viewed(user=user, team=team, day=date, citizen_pks=board.citizen_pks)
    return board


def _context(request: HttpRequest, user: User, board: queries.Board, *, big: bool) -> dict[str, object]:
    day = board.day
    args = [board.team.pk]
    past = services.is_past(day)
    return {
        "board": board,
        "big": big,
        "past": past,
        "past_message": services.PAST_DAY,
        "can_move": can_move_board_cards(user) and not big and not past,
        "tray_key": TRAY,
        "previous_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "optimise_url": _optimise_url(board.team, day),
        "poll_seconds": getattr(settings, "NAERHED_BOARD_POLL_SECONDS", 4),
        "part_url": reverse("board:part", args=[*args, day.isoformat()]) + ("?skaerm=1" if big else ""),
        "version_url": reverse("board:version", args=[*args, day.isoformat()]),
        "move_url": reverse("board:move", args=[*args, day.isoformat()]),
    }


def _optimise_url(team: Team, day: dt.date) -> str | None:
    """The sick-call app's "optimise the rest of the day", when it is installed."""
    try:
        return reverse("absences:optimise_day", args=[team.pk, day.isoformat()])
    except NoReverseMatch:
        return None
