# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Background entry points of messaging: ids in; the work is in sending.py and tick.py."""

from __future__ import annotations

from naerhed.jobs.registry import job
from naerhed.messaging import sending
from naerhed.messaging.outbox import SEND_MESSAGE, TICK


@job(SEND_MESSAGE, quick=True)
def send_message(message_id: int) -> None:
    """Send one message; a second delivery finds it claimed or sent and does nothing."""
    sending.send_message(message_id)


@job(TICK, quick=True)
def tick() -> None:
    """Create the messages the rules call for now and send every due one."""
    from naerhed.messaging.tick import run_tick

    run_tick()
