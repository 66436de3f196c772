# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Putting a message in the outbox. Every message is stored here before anything sends it.

Other apps (the booking portal's login codes and confirmations, the rules in
:mod:`naerhed.messaging.rules`) call :func:`enqueue`; :mod:`naerhed.messaging.sending`
delivers what is due.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from naerhed.citizens.models import Citizen, Relative
from naerhed.jobs import enqueue as enqueue_job
from naerhed.lib.phone import InvalidPhone, normalise_phone
from naerhed.messaging.models import Message
from naerhed.visits.models import Visit

SEND_MESSAGE = "messaging.send_message"
TICK = "messaging.tick"

MAX_BODY = 612  # four concatenated SMS parts; a longer text is a mistake in a template


def enqueue(
    *,
    to: str,
    body: str,
    kind: str,
    key: str,
    citizen: Citizen | None = None,
    relative: Relative | None = None,
    visit: Visit | None = None,
    send_after: dt.datetime | None = None,
    expires_at: dt.datetime | None = None,
) -> Message:
    """Store a message in the outbox (idempotent on `key`: a second call with the same key returns the
    stored message and sends nothing new) and make sure a background job will send it.

    ``to`` is a Danish phone number (8 digits, optionally +45); ``kind`` a short code such as
    ``"reminder_24h"`` or ``"login_code"``; ``send_after`` (aware) holds the message back until then;
    ``expires_at`` (aware) cancels it if it has not gone by then. Raises ``ValueError`` naming the field
    on bad input. Call it inside the transaction that causes the message: it is sent after the commit.
    """
    _check(to=to, body=body, kind=kind, key=key, send_after=send_after, expires_at=expires_at)
    existing = Message.objects.filter(key=key).first()
    if existing is not None:
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            message = Message.objects.create(
                key=key,
                kind=kind,
                to=normalise_phone(to),
                body=body.strip(),
                citizen=citizen,
                relative=relative,
                visit=visit,
                visit_version=visit.version if visit is not None else None,
                send_after=send_after or now,
                expires_at=expires_at,
            )
    except IntegrityError:
        # Another caller stored the same key between our look and our insert: theirs is the message.
        return Message.objects.get(key=key)
    if message.send_after <= now:
        message_id = message.pk
        transaction.on_commit(lambda: enqueue_job(SEND_MESSAGE, message_id))
    # Later messages are picked up by the periodic tick (``naerhed messages tick``) when they fall due.
    return message


def _check(
    *,
    to: str,
    body: str,
    kind: str,
    key: str,
    send_after: dt.datetime | None,
    expires_at: dt.datetime | None,
) -> None:
    try:
        normalise_phone(to)
    except InvalidPhone as exc:
        raise ValueError(f"to: {exc}") from None
    if not body.strip():
        raise ValueError("body: the message has no text")
    if len(body.strip()) > MAX_BODY:
        raise ValueError(f"body: the text is {len(body.strip())} characters, at most {MAX_BODY} are allowed")
    if not kind or len(kind) > 40:
        raise ValueError("kind: give a short code of 1-40 characters")
    if not key or len(key) > 200:
        raise ValueError("key: give a key of 1-200 characters")
    for name, value in (("send_after", send_after), ("expires_at", expires_at)):
        if value is not None and timezone.is_naive(value):
            raise ValueError(f"{name}: the time must be timezone-aware")
