# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""What each role's home page shows. Managers and administrators get counts, never personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from naerhed.accounts.access import citizens_visible_to
from naerhed.accounts.models import Role, User
from naerhed.audit.models import Action, AuditEvent
from naerhed.grants.models import Grant
from naerhed.lib.dates import aware
from naerhed.organisation.queries import district_figures, team_for, team_members, teams_with_counts
from naerhed.quality.queries import conversations_of, overdue_conversations
from naerhed.visits.models import Visit, VisitStatus

GRANT_HORIZON_DAYS = 30


def home_context(user: User, *, today: dt.date) -> dict[str, Any]:
    if user.role in (Role.CARER, Role.NURSE):
        return _carer_home(user, today)
    if user.role == Role.TEAM_LEADER:
        return _team_leader_home(user, today)
    if user.role == Role.PLANNER:
        return {"teams": teams_with_counts(user)}
    if user.role == Role.VISITATOR:
        return _visitator_home(user, today)
    if user.role == Role.MANAGER:
        return {"districts": district_figures(user, week_of=today), "week_of": today}
    return _admin_home(today)


def own_visits(user: User, day: dt.date) -> QuerySet[Visit]:
    """The user's own visits on the day (none if the user is not linked to a staff record)."""
    if user.staff_id is None:
        return Visit.objects.none()
    visits = Visit.objects.filter(carers=user.staff_id, date=day).exclude(status=VisitStatus.CANCELLED)
    return visits.select_related("citizen", "service").order_by("window_start")


def _carer_home(user: User, today: dt.date) -> dict[str, Any]:
    team = team_for(user, user.team_id) if user.team_id else None
    key_citizens = citizens_visible_to(user).filter(key_person_id=user.staff_id, ended_on__isnull=True)
    return {
        "team": team,
        "visits": own_visits(user, today),
        "key_citizens": key_citizens if user.staff_id else [],
        "my_conversations": conversations_of(user.staff_id, user.team_id),
        "today": today,
    }


def _team_leader_home(user: User, today: dt.date) -> dict[str, Any]:
    team = team_for(user, user.team_id) if user.team_id else None
    members = team_members(user, team) if team else []
    visits_today = Visit.objects.filter(citizen__team=team, date=today).exclude(status=VisitStatus.CANCELLED)
    overdue = overdue_conversations(team, today) if team else []
    return {
        "team": team,
        "members": members,
        "visits_today": visits_today.count() if team else 0,
        "overdue": overdue,
    }


def _visitator_home(user: User, today: dt.date) -> dict[str, Any]:
    grants = Grant.objects.filter(citizen__in=citizens_visible_to(user)).select_related("citizen", "service")
    horizon = today + dt.timedelta(days=GRANT_HORIZON_DAYS)
    return {
        "ending": grants.filter(ends_on__gte=today, ends_on__lte=horizon).order_by("ends_on"),
        "starting": grants.filter(starts_on__gte=today, starts_on__lte=horizon).order_by("starts_on"),
        "horizon": GRANT_HORIZON_DAYS,
    }


def _admin_home(today: dt.date) -> dict[str, Any]:
    events_today = AuditEvent.objects.filter(at__gte=aware(today, dt.time.min))
    return {
        "events_today": events_today.count(),
        "denied_today": events_today.filter(action=Action.DENIED).count(),
        "users": User.objects.filter(is_active=True).count(),
    }
