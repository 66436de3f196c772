# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""One tick: the rules create what is due, then the outbox sends what is due."""

from __future__ import annotations

from dataclasses import dataclass

from naerhed.messaging import sending


@dataclass(frozen=True)
class TickResult:
    created: int
    sent: dict[str, int]


def run_tick() -> TickResult:
    from naerhed.messaging.rules import apply_rules

    created = apply_rules()
    return TickResult(created=created, sent=sending.send_due())
