# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``naerhed messages tick``: create the messages the rules call for now and send every due one."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from naerhed.messaging.tick import run_tick


class Command(BaseCommand):
    help = "Messages to citizens. 'tick' applies the rules and sends due messages (run it every minute)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["tick"], help="what to do")

    def handle(self, *args: Any, **options: Any) -> None:
        result = run_tick()
        sent = (
            ", ".join(f"{count} {status}" for status, count in sorted(result.sent.items())) or "nothing due"
        )
        self.stdout.write(f"{result.created} new message(s); outbox: {sent}")
