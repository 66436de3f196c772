# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A citizen's klippekort for the team: the balance and every entry, and corrections.

Reads need the right to read the record (audit-logged); corrections are made by the citizen's own
team or a needs assessor (see ``klippekort.access``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut, FieldErrorsOut
from naerhed.citizens.services import open_citizen_record
from naerhed.klippekort.access import can_correct
from naerhed.klippekort.models import EntryKind, KlippekortEntry
from naerhed.klippekort.periods import ledger_period, parse_until
from naerhed.klippekort.queries import ledger
from naerhed.klippekort.services import balance, record_correction, sync_ledger

router = Router(tags=["klippekort"])


class EntryOut(Schema):
    id: int
    kind: EntryKind
    minutes: int
    effective_on: dt.date
    visit_id: int | None
    grant_id: int | None
    note: str


class LedgerOut(Schema):
    citizen_id: int
    balance: int = Field(description="Minutes left now.")
    weekly_minutes: int = Field(description="Minutes granted each week.")
    cap: int = Field(description="The most minutes that may be saved.")
    expires_on: dt.date = Field(description="Unused minutes expire at the end of this day.")
    entries: list[EntryOut] = Field(description="Newest first.")


class LineOut(Schema):
    day: dt.date
    kind: EntryKind
    minutes: int = Field(description="The net change of the line.")
    visit_id: int | None
    note: str
    credited: int = Field(description="A week's credit: the minutes of the week (0 on other lines).")
    lapsed: int = Field(description="A week's credit: minutes the savings cap took the same week.")


class PeriodOut(Schema):
    citizen_id: int
    balance: int = Field(description="Minutes left now.")
    starts_on: dt.date
    ends_on: dt.date
    lines: list[LineOut] = Field(description="Newest first; a credit and its lapsed minutes are one line.")
    older_until: dt.date | None = Field(description="Pass as `til` for the weeks before, if any.")
    newer_until: dt.date | None = Field(description="Pass as `til` for the weeks after, if any.")


class CorrectionIn(Schema):
    minutes: int = Field(description="Positive adds minutes, negative takes them away.")
    note: str = Field(min_length=1, max_length=200, description="Why the correction is made.")


def _ledger_out(citizen_id: int, request: HttpRequest) -> LedgerOut:
    citizen = open_citizen_record(user=api_user(request), pk=citizen_id, purpose="api: klippekort")
    today = timezone.localdate()
    sync_ledger(citizen=citizen, today=today)
    book = ledger(citizen, today=today)
    return LedgerOut(
        citizen_id=citizen.pk,
        balance=book.balance,
        weekly_minutes=book.weekly_minutes,
        cap=book.cap,
        expires_on=book.expires_on,
        entries=[EntryOut.from_orm(e) for e in book.entries],
    )


@router.get(
    "/citizens/{citizen_id}/klippekort",
    response={200: LedgerOut, 403: ErrorOut},
    summary="A citizen's klippekort balance and entries",
)
def get_klippekort(request: HttpRequest, citizen_id: int) -> LedgerOut:
    return _ledger_out(citizen_id, request)


@router.get(
    "/citizens/{citizen_id}/klippekort/period",
    response={200: PeriodOut, 403: ErrorOut},
    summary="A citizen's klippekort, 8 weeks at a time, newest first",
)
def get_klippekort_period(request: HttpRequest, citizen_id: int, til: str = "") -> PeriodOut:
    """The 8 weeks ending with the week of ``til`` (YYYY-MM-DD; default and at most today)."""
    citizen = open_citizen_record(user=api_user(request), pk=citizen_id, purpose="api: klippekort")
    today = timezone.localdate()
    sync_ledger(citizen=citizen, today=today)
    period = ledger_period(citizen, today=today, until=parse_until(til, today=today))
    lines = [
        LineOut(
            day=line.day,
            kind=line.kind,
            minutes=line.minutes,
            visit_id=line.visit.pk if line.visit else None,
            note=line.note,
            credited=line.credited,
            lapsed=line.lapsed,
        )
        for line in period.lines
    ]
    return PeriodOut(
        citizen_id=citizen.pk,
        balance=balance(citizen),
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        lines=lines,
        older_until=period.older_until,
        newer_until=period.newer_until,
    )


@router.post(
    "/citizens/{citizen_id}/klippekort/corrections",
    response={201: EntryOut, 400: FieldErrorsOut, 403: ErrorOut},
    summary="Correct a citizen's klippekort with a new entry",
)
def post_correction(request: HttpRequest, citizen_id: int, payload: CorrectionIn) -> Status[KlippekortEntry]:
    user = api_user(request)
    citizen = open_citizen_record(user=user, pk=citizen_id, purpose="api: klippekort correction")
    if not can_correct(user, citizen):
        raise PermissionDenied("only the citizen's team or a needs assessor corrects the klippekort")
    entry = record_correction(
        citizen=citizen, minutes=payload.minutes, note=payload.note, by=user, today=timezone.localdate()
    )
    return Status(201, entry)
