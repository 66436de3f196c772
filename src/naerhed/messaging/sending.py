# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Delivering the outbox: claim a due message atomically, hand it to the gateway, record what happened.

A message is claimed by one conditional UPDATE (``status=queued`` and due -> ``sending``), which is
atomic on SQLite and PostgreSQL alike, so two senders never both send it. A sender that dies while
sending leaves a lapsed claim; the next sender takes the message again and passes the same reference
to the gateway, which lets a provider with idempotency drop the repeat.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from naerhed.messaging.gateways import Gateway, GatewayError, OutgoingSms, configured_gateway
from naerhed.messaging.models import Message, MessageStatus

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 120
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 3600
BATCH = 200


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour."""
    return dt.timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS))


def _claimable(now: dt.datetime) -> Q:
    due = Q(status=MessageStatus.QUEUED, send_after__lte=now)
    lapsed = Q(status=MessageStatus.SENDING, claimed_until__lt=now)
    return due | lapsed


def due_message_ids(*, now: dt.datetime, limit: int = BATCH) -> list[int]:
    """Ids of messages a sender may claim now, oldest due first."""
    candidates = Message.objects.filter(_claimable(now)).order_by("send_after", "id")
    if connection.features.has_select_for_update_skip_locked:
        # PostgreSQL: concurrent senders skip each other's rows instead of queueing behind them.
        with transaction.atomic():
            return list(candidates.select_for_update(skip_locked=True).values_list("id", flat=True)[:limit])
    return list(candidates.values_list("id", flat=True)[:limit])


def claim(message_id: int, *, now: dt.datetime) -> Message | None:
    """Take ``message_id`` for sending, or ``None`` if it is not due or another sender has it."""
    claimed = Message.objects.filter(_claimable(now), pk=message_id).update(
        status=MessageStatus.SENDING,
        attempts=F("attempts") + 1,
        # The claim outlasts the gateway's own time-out, so a slow send is never taken twice.
        claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS + settings.NAERHED_SMS_TIMEOUT),
    )
    if claimed != 1:
        return None
    return Message.objects.get(pk=message_id)


def send_message(message_id: int, *, gateway: Gateway | None = None) -> MessageStatus | None:
    """Send one message if it is due and nobody else is sending it; returns its new status."""
    now = timezone.now()
    message = claim(message_id, now=now)
    if message is None:
        return None
    if message.expires_at is not None and message.expires_at <= now:
        return _finish(message, MessageStatus.CANCELLED, error="too late: the visit has begun")
    sms = OutgoingSms(to=message.to, body=message.body, reference=message.key)
    try:
        reference = (gateway or configured_gateway()).send(sms)
    except GatewayError as exc:
        return _failed(message, str(exc), permanent=exc.permanent)
    except Exception as exc:  # a bug in a gateway must not leave the message claimed for ever
        logger.exception("SMS gateway raised unexpectedly for message %s", message.pk)
        return _failed(message, f"{type(exc).__name__}: {exc}", permanent=False)
    return _finish(message, MessageStatus.SENT, reference=reference)


def send_due(*, gateway: Gateway | None = None, limit: int = BATCH) -> dict[str, int]:
    """Send every message that is due now; returns how many ended in each status."""
    counts: dict[str, int] = {}
    chosen = gateway or configured_gateway()
    for message_id in due_message_ids(now=timezone.now(), limit=limit):
        status = send_message(message_id, gateway=chosen)
        if status is not None:
            counts[status] = counts.get(status, 0) + 1
    return counts


def _failed(message: Message, error: str, *, permanent: bool) -> MessageStatus:
    if permanent or message.attempts >= settings.NAERHED_SMS_MAX_ATTEMPTS:
        logger.warning("message %s failed for good after %s attempt(s)", message.pk, message.attempts)
        return _finish(message, MessageStatus.FAILED, error=error)
    retry_at = timezone.now() + backoff(message.attempts)
    return _finish(message, MessageStatus.QUEUED, error=error, send_after=retry_at)


def _finish(
    message: Message,
    status: MessageStatus,
    *,
    error: str = "",
    reference: str = "",
    send_after: dt.datetime | None = None,
) -> MessageStatus:
    changes: dict[str, object] = {"status": status, "claimed_until": None, "last_error": error[:1000]}
    if status == MessageStatus.SENT:
        changes |= {"sent_at": timezone.now(), "gateway_reference": reference[:100]}
    if send_after is not None:
        changes["send_after"] = send_after
    # Only the claim this sender holds (same attempt) may be finished by it.
    Message.objects.filter(pk=message.pk, status=MessageStatus.SENDING, attempts=message.attempts).update(
        **changes
    )
    return status


def cancel_message(message: Message, *, reason: str) -> bool:
    """Cancel a message that has not been sent yet; False if it is already sent, sending or done."""
    return bool(
        Message.objects.filter(pk=message.pk, status=MessageStatus.QUEUED).update(
            status=MessageStatus.CANCELLED, last_error=reason[:1000]
        )
    )
