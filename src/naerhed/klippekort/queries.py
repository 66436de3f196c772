# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reading a citizen's klippekort for the portal, the team's page and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from naerhed.citizens.models import Citizen
from naerhed.klippekort.models import KlippekortEntry
from naerhed.klippekort.services import balance, cap_weeks, klippekort_grants, weekly_minutes_on


@dataclass(frozen=True)
class Ledger:
    citizen: Citizen
    balance: int
    weekly_minutes: int
    cap: int
    entries: list[KlippekortEntry]
    expires_on: dt.date
    has_entries: bool

    @property
    def has_klippekort(self) -> bool:
        return self.weekly_minutes > 0 or self.has_entries


def ledger(
    citizen: Citizen, *, today: dt.date, newest_first: bool = True, with_entries: bool = True
) -> Ledger:
    """The balance and every entry (call ``sync_ledger`` first to bring it up to date); pages that show
    one period (``periods.ledger_period``) pass ``with_entries=False`` and get no entries."""
    weekly = weekly_minutes_on(klippekort_grants(citizen), today)
    entries = KlippekortEntry.objects.filter(citizen=citizen).select_related("visit", "visit__service")
    ordered = (
        entries.order_by("-effective_on", "-id") if newest_first else entries.order_by("effective_on", "id")
    )
    listed = list(ordered) if with_entries else []
    return Ledger(
        citizen=citizen,
        balance=balance(citizen),
        weekly_minutes=weekly,
        cap=weekly * cap_weeks(citizen),
        entries=listed,
        expires_on=dt.date(today.year, 12, 31),
        has_entries=bool(listed) or (not with_entries and entries.exists()),
    )
