# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""One period of a citizen's klippekort for reading: a few weeks of entries, newest first, with
paging to older and newer weeks.

A week's credit and the minutes that lapsed the same week because of the savings cap are shown as one
line ("Week 47: +28 min, 28 min lapsed (cap)"); otherwise a year of an unused klippekort is two lines a
week saying the same thing. This is presentation only: the ledger's entries are unchanged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from naerhed.citizens.models import Citizen
from naerhed.klippekort.models import EntryKind, KlippekortEntry
from naerhed.lib.dates import monday_of
from naerhed.visits.models import Visit

PERIOD_WEEKS = 8


@dataclass(frozen=True)
class LedgerLine:
    """One line of the ledger as read: a single entry, or a week's credit with its lapsed minutes."""

    day: dt.date
    kind: EntryKind
    minutes: int  # the net change of the line
    visit: Visit | None
    note: str
    credited: int = 0  # a credit line: the week's minutes
    lapsed: int = 0  # a credit line: the minutes the savings cap took the same week (positive)

    @property
    def week(self) -> int:
        return self.day.isocalendar().week

    @property
    def is_credit(self) -> bool:
        return self.kind == EntryKind.GRANTED


@dataclass(frozen=True)
class LedgerPeriod:
    starts_on: dt.date  # a Monday
    ends_on: dt.date
    lines: list[LedgerLine]
    older_until: dt.date | None  # the last day of the period before, if it has entries
    newer_until: dt.date | None  # the last day of the period after, if the period is not the newest
    is_newest: bool


def parse_until(raw: str | None, *, today: dt.date) -> dt.date:
    """The period's last day from a query parameter (``YYYY-MM-DD``); today when missing, bad or later."""
    try:
        chosen = dt.date.fromisoformat(raw) if raw else today
    except ValueError:
        return today
    return min(chosen, today)


def ledger_period(
    citizen: Citizen, *, today: dt.date, until: dt.date | None = None, weeks: int = PERIOD_WEEKS
) -> LedgerPeriod:
    """The entries of the ``weeks`` whole weeks ending with the week of ``until`` (default today)."""
    ends_on = min(until or today, today)
    starts_on = monday_of(ends_on) - dt.timedelta(weeks=weeks - 1)
    entries = list(
        KlippekortEntry.objects.filter(citizen=citizen, effective_on__range=(starts_on, ends_on))
        .select_related("visit", "visit__service")
        .order_by("-effective_on", "-id")
    )
    older = KlippekortEntry.objects.filter(citizen=citizen, effective_on__lt=starts_on).exists()
    newer_until = None if ends_on >= today else min(ends_on + dt.timedelta(weeks=weeks), today)
    return LedgerPeriod(
        starts_on=starts_on,
        ends_on=ends_on,
        lines=group_lines(entries),
        older_until=starts_on - dt.timedelta(days=1) if older else None,
        newer_until=newer_until,
        is_newest=ends_on >= today,
    )


def group_lines(entries: list[KlippekortEntry]) -> list[LedgerLine]:
    """Lines in the order of ``entries``; an over-cap entry joins the credit of its grant and day."""
    credits = {(e.grant_id, e.effective_on) for e in entries if e.kind == EntryKind.GRANTED}
    caps = {
        (e.grant_id, e.effective_on): e
        for e in entries
        if e.kind == EntryKind.OVER_CAP and (e.grant_id, e.effective_on) in credits
    }
    joined = {cap.pk for cap in caps.values()}
    lines: list[LedgerLine] = []
    for entry in entries:
        if entry.kind == EntryKind.GRANTED:
            cap = caps.get((entry.grant_id, entry.effective_on))
            lines.append(_credit_line(entry, -cap.minutes if cap is not None else 0))
        elif entry.pk not in joined:
            lines.append(_line(entry))
    return lines


def _credit_line(entry: KlippekortEntry, lapsed: int) -> LedgerLine:
    return LedgerLine(
        day=entry.effective_on,
        kind=EntryKind.GRANTED,
        minutes=entry.minutes - lapsed,
        visit=None,
        note="",
        credited=entry.minutes,
        lapsed=lapsed,
    )


def _line(entry: KlippekortEntry) -> LedgerLine:
    return LedgerLine(
        day=entry.effective_on,
        kind=EntryKind(entry.kind),
        minutes=entry.minutes,
        visit=entry.visit,
        note=entry.note,
    )
