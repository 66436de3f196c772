# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The outbox under gateway failures: retries with back-off, a limit, never a second send."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any
from unittest import mock

import pytest
from django.db import connections
from freezegun import freeze_time

from naerhed.messaging import sending
from naerhed.messaging.gateways import OutgoingSms
from naerhed.messaging.models import Message, MessageStatus
from naerhed.messaging.outbox import enqueue
from tests.messaging.conftest import MONDAY, RecordingGateway, at

START = at(MONDAY, 10, 0)


def _message(key: str = "k", **kw: Any) -> Message:
    return enqueue(to="20304050", body="Hej Inger.", kind="test", key=key, **kw)


def test_a_due_message_is_sent_once_and_marked_sent(db: None) -> None:
    gateway = RecordingGateway()
    with freeze_time(START):
        message = _message()
        assert sending.send_message(message.pk, gateway=gateway) == MessageStatus.SENT
        assert sending.send_message(message.pk, gateway=gateway) is None

    message.refresh_from_db()
    assert (message.status, message.attempts, message.gateway_reference) == (MessageStatus.SENT, 1, "gw-1")
    assert message.sent_at == START
    assert gateway.sent == [OutgoingSms(to="+4520304050", body="Hej Inger.", reference="k")]


def test_a_failed_send_is_retried_with_growing_pauses_until_it_goes(db: None) -> None:
    gateway = RecordingGateway(failures=3)
    with freeze_time(START) as clock:
        message = _message()
        waits: list[dt.timedelta] = []
        for _ in range(3):
            sending.send_due(gateway=gateway)
            message.refresh_from_db()
            assert message.status == MessageStatus.QUEUED
            assert message.last_error == "HTTP 500"
            waits.append(message.send_after - START - sum(waits, dt.timedelta()))
            assert sending.send_due(gateway=gateway) == {}  # not due yet
            clock.move_to(message.send_after)
        sending.send_due(gateway=gateway)

    message.refresh_from_db()
    assert waits == [dt.timedelta(minutes=1), dt.timedelta(minutes=2), dt.timedelta(minutes=4)]
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.SENT, 4, "")
    assert len(gateway.sent) == 1


def test_a_message_is_marked_failed_after_the_last_attempt(db: None, settings: Any) -> None:
    settings.NAERHED_SMS_MAX_ATTEMPTS = 3
    gateway = RecordingGateway(failures=99)
    with freeze_time(START) as clock:
        message = _message()
        for _ in range(5):
            sending.send_due(gateway=gateway)
            clock.tick(dt.timedelta(hours=2))
    message.refresh_from_db()
    assert (message.status, message.attempts, gateway.calls) == (MessageStatus.FAILED, 3, 3)


def test_a_permanent_refusal_is_not_retried(db: None) -> None:
    gateway = RecordingGateway(failures=1, permanent=True)
    with freeze_time(START):
        message = _message()
        assert sending.send_message(message.pk, gateway=gateway) == MessageStatus.FAILED
        assert sending.send_due(gateway=gateway) == {}
    assert gateway.calls == 1


def test_a_message_held_back_is_not_sent_before_its_time(db: None) -> None:
    gateway = RecordingGateway()
    with freeze_time(START) as clock:
        _message(send_after=START + dt.timedelta(hours=1))
        assert sending.send_due(gateway=gateway) == {}
        clock.move_to(START + dt.timedelta(hours=1))
        assert sending.send_due(gateway=gateway) == {MessageStatus.SENT: 1}


def test_a_reminder_past_its_visit_is_cancelled_instead_of_sent(db: None) -> None:
    gateway = RecordingGateway()
    with freeze_time(START) as clock:
        message = _message(expires_at=START + dt.timedelta(minutes=5))
        clock.tick(dt.timedelta(minutes=5))
        assert sending.send_message(message.pk, gateway=gateway) == MessageStatus.CANCELLED
    assert gateway.sent == []


def test_a_message_whose_sender_died_is_taken_again_after_the_claim_lapses(db: None, settings: Any) -> None:
    gateway = RecordingGateway()
    with freeze_time(START) as clock:
        message = _message()
        assert sending.claim(message.pk, now=START) is not None  # a sender claimed it, then vanished
        assert sending.send_due(gateway=gateway) == {}
        clock.tick(dt.timedelta(seconds=sending.CLAIM_SECONDS + settings.NAERHED_SMS_TIMEOUT + 1))
        assert sending.send_due(gateway=gateway) == {MessageStatus.SENT: 1}
    message.refresh_from_db()
    assert message.attempts == 2


def test_a_message_is_claimed_by_one_sender_only(db: None) -> None:
    with freeze_time(START):
        message = _message()
        assert sending.claim(message.pk, now=START) is not None
        assert sending.claim(message.pk, now=START) is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_senders_send_every_message_exactly_once() -> None:
    with mock.patch("naerhed.messaging.outbox.enqueue_job"):  # only the four senders below send
        for n in range(30):
            _message(key=f"m{n}")
    gateway = RecordingGateway()
    lock = threading.Lock()

    class Counting:
        def send(self, sms: OutgoingSms) -> str:
            with lock:
                return gateway.send(sms)

    def sender() -> None:
        try:
            sending.send_due(gateway=Counting())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(sms.reference for sms in gateway.sent) == sorted(f"m{n}" for n in range(30))
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
