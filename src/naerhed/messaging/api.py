# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Messages in the JSON API (``/api/v1/messages/``): a citizen's messages and their choice about them.

Scope as for the citizen's record; changing the choice is for the team leader or the key person.
Every call is audit-logged.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut
from naerhed.api.schemas import LocalDateTime
from naerhed.messaging import queries
from naerhed.messaging.models import CitizenMessagePreference, MessageStatus, Participation, Recipients
from naerhed.messaging.recipients import receives_messages
from naerhed.messaging.services import (
    open_citizen_messages,
    open_preferences_for_edit,
    set_message_preference,
)

router = Router(tags=["messages"])


class MessageOut(Schema):
    id: int
    kind: str = Field(description="reminder_24h, reminder_30m, new_carer, delay, cancelled, new_time, …")
    kind_label: str
    to: str = Field(description="+45 and eight digits")
    relative_id: int | None
    visit_id: int | None
    body: str
    status: MessageStatus
    attempts: int
    last_error: str
    created_at: LocalDateTime
    send_after: LocalDateTime
    sent_at: LocalDateTime | None


class Paging(Schema):
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0)


class MessagePage(Schema):
    count: int
    items: list[MessageOut]


class PreferenceIn(Schema):
    participation: Participation = Field(description="auto (if living alone or memory-impaired), in, out")
    recipients: Recipients = Field(description="citizen, relatives (with consent) or both")


class PreferenceOut(PreferenceIn):
    receives_messages: bool


@router.get(
    "/citizens/{citizen_id}", response={200: MessagePage, 403: ErrorOut}, summary="A citizen's messages"
)
def list_messages(request: HttpRequest, citizen_id: int, paging: Query[Paging]) -> MessagePage:
    citizen = open_citizen_messages(user=api_user(request), pk=citizen_id, purpose="api messages")
    messages = queries.citizen_messages(citizen)
    page = list(messages[paging.offset : paging.offset + paging.limit])
    items = [
        MessageOut(
            id=m.pk,
            kind=m.kind,
            kind_label=queries.kind_label(m.kind),
            to=m.to,
            relative_id=m.relative_id,
            visit_id=m.visit_id,
            body=m.body,
            status=MessageStatus(m.status),
            attempts=m.attempts,
            last_error=m.last_error,
            created_at=m.created_at,
            send_after=m.send_after,
            sent_at=m.sent_at,
        )
        for m in page
    ]
    return MessagePage(count=messages.count(), items=items)


@router.get(
    "/citizens/{citizen_id}/preference",
    response={200: PreferenceOut, 403: ErrorOut},
    summary="A citizen's choice about messages",
)
def get_preference(request: HttpRequest, citizen_id: int) -> PreferenceOut:
    citizen = open_citizen_messages(user=api_user(request), pk=citizen_id, purpose="api message preference")
    return _preference_out(queries.message_overview(citizen).preference, receives_messages(citizen))


@router.put(
    "/citizens/{citizen_id}/preference",
    response={200: PreferenceOut, 403: ErrorOut},
    summary="Change a citizen's choice about messages",
)
def put_preference(request: HttpRequest, citizen_id: int, payload: PreferenceIn) -> PreferenceOut:
    user = api_user(request)
    citizen = open_preferences_for_edit(user=user, pk=citizen_id)
    preference = set_message_preference(
        citizen=citizen, by=user, participation=payload.participation, recipients=payload.recipients
    )
    citizen.refresh_from_db()
    return _preference_out(preference, receives_messages(citizen))


def _preference_out(preference: CitizenMessagePreference, receives: bool) -> PreferenceOut:
    return PreferenceOut(
        participation=Participation(preference.participation),
        recipients=Recipients(preference.recipients),
        receives_messages=receives,
    )
