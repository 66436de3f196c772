# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The outbox: enqueue stores once per key, checks its input and schedules a send after the commit."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from naerhed.messaging.models import Message, MessageStatus
from naerhed.messaging.outbox import SEND_MESSAGE, enqueue
from tests.personas import World


def test_enqueue_stores_a_queued_message_with_a_normalised_number(world: World) -> None:
    message = enqueue(
        to="12 34 56 78", body="Hej Inger.", kind="login_code", key="k1", citizen=world.citizen_a
    )

    stored = Message.objects.get(pk=message.pk)
    assert stored.to == "+4512345678"
    assert stored.status == MessageStatus.QUEUED
    assert stored.citizen == world.citizen_a
    assert stored.attempts == 0


def test_enqueue_twice_with_the_same_key_returns_the_stored_message(world: World) -> None:
    first = enqueue(to="+4512345678", body="Første", kind="login_code", key="same")
    second = enqueue(to="+4587654321", body="Anden", kind="login_code", key="same")

    assert second.pk == first.pk
    assert second.body == "Første"
    assert Message.objects.count() == 1


@pytest.mark.parametrize("bad", ["1234567", "123456789", "+4612345678", "abcdefgh", ""])
def test_enqueue_refuses_a_number_that_is_not_danish(world: World, bad: str) -> None:
    with pytest.raises(ValueError, match=r"^to:"):
        enqueue(to=bad, body="Hej", kind="x", key="k")
    assert not Message.objects.exists()


def test_enqueue_names_the_field_of_an_empty_body_or_naive_time(world: World) -> None:
    with pytest.raises(ValueError, match=r"^body:"):
        enqueue(to="12345678", body="  ", kind="x", key="k")
    with pytest.raises(ValueError, match=r"^send_after:"):
        enqueue(to="12345678", body="Hej", kind="x", key="k", send_after=dt.datetime(2026, 1, 1, 8, 0))


def test_a_due_message_is_handed_to_the_job_backend_after_the_commit(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    with (
        mock.patch("naerhed.messaging.outbox.enqueue_job") as job,
        django_capture_on_commit_callbacks(execute=True),  # type: ignore[operator]
    ):
        message = enqueue(to="12345678", body="Hej", kind="login_code", key="k")
        job.assert_not_called()
    job.assert_called_once_with(SEND_MESSAGE, message.pk)


def test_a_later_message_is_left_to_the_tick(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    with (
        mock.patch("naerhed.messaging.outbox.enqueue_job") as job,
        django_capture_on_commit_callbacks(execute=True),  # type: ignore[operator]
    ):
        later = timezone.now() + dt.timedelta(hours=2)
        enqueue(to="12345678", body="Hej", kind="reminder_24h", key="later", send_after=later)
    job.assert_not_called()
