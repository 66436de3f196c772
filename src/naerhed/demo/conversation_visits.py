# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's planned start-up conversations put on their key person's route, through the same service
the conversation page uses: the planned time if it fits, else the first whole hour that day (9–14)
that does. Idempotent: conversations with a visit are left alone."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from naerhed.accounts.models import Role, User
from naerhed.lib.dates import COPENHAGEN, aware
from naerhed.quality.models import ConversationStatus, StartupConversation
from naerhed.quality.services.conversations import plan_conversation

HOURS = (9, 10, 11, 13, 14)


def put_conversations_on_routes() -> str:
    """Returns one line for the demo command."""
    placed = 0
    waiting = StartupConversation.objects.filter(
        status=ConversationStatus.PLANNED, visit__isnull=True, planned_start__gt=timezone.now()
    ).select_related("key_person", "team")
    for conversation in waiting:
        by = User.objects.filter(role=Role.TEAM_LEADER, team_id=conversation.team_id).first()
        if by is None or conversation.key_person is None or conversation.planned_start is None:
            continue
        day = conversation.planned_start.astimezone(COPENHAGEN).date()
        times = [conversation.planned_start, *(aware(day, dt.time(hour)) for hour in HOURS)]
        placed += any(_try(conversation, by, at) for at in times if at > timezone.now())
    return f"Start-up conversations on the key person's route: {placed}."


def _try(conversation: StartupConversation, by: User, at: dt.datetime) -> bool:
    try:
        with transaction.atomic():
            plan_conversation(
                conversation=conversation,
                by=by,
                planned_start=at,
                duration=conversation.duration,
                key_person=conversation.key_person,
                other_staff=list(conversation.other_staff.all()),
                relatives=list(conversation.relatives_invited.all()),
            )
    except ValidationError:
        conversation.refresh_from_db()
        return False
    return True
