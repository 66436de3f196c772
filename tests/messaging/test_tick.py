# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The tick: ``naerhed messages tick`` makes the due messages and sends them through the gateway."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.core.management import call_command
from freezegun import freeze_time

from naerhed.jobs.registry import find_job
from naerhed.messaging.models import Message, MessageStatus
from naerhed.messaging.outbox import SEND_MESSAGE, TICK
from tests.messaging.conftest import MONDAY, TUESDAY, Inger, at


def test_the_tick_command_makes_the_reminder_and_writes_it_to_the_file_gateway(
    inger: Inger, settings: Any, tmp_path: Path
) -> None:
    settings.NAERHED_SMS_GATEWAY = "file"
    settings.NAERHED_SMS_FILE = tmp_path / "sms.jsonl"
    inger.visit(TUESDAY, 8)
    out = io.StringIO()
    with freeze_time(at(MONDAY, 8, 0)):
        call_command("messages", "tick", stdout=out)

    assert out.getvalue().strip() == "1 new message(s); outbox: 1 sent"
    assert Message.objects.get().status == MessageStatus.SENT
    [line] = settings.NAERHED_SMS_FILE.read_text(encoding="utf-8").splitlines()
    written = json.loads(line)
    assert written["to"] == "+4520304050"
    assert written["body"].startswith("Hej Inger. I morgen, tirsdag den 24. november kl. 8.00")


def test_a_second_tick_sends_nothing_again(inger: Inger, settings: Any, tmp_path: Path) -> None:
    settings.NAERHED_SMS_FILE = tmp_path / "sms.jsonl"
    inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 8, 0)):
        call_command("messages", "tick", stdout=io.StringIO())
        out = io.StringIO()
        call_command("messages", "tick", stdout=out)
    assert out.getvalue().strip() == "0 new message(s); outbox: nothing due"
    assert len(settings.NAERHED_SMS_FILE.read_text(encoding="utf-8").splitlines()) == 1


def test_the_jobs_are_registered_for_both_backends() -> None:
    assert find_job(TICK).__name__ == "tick"
    assert find_job(SEND_MESSAGE).__name__ == "send_message"
