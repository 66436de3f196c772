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
from naerhed.klippekort.queries import ledger
from naerhed.klippekort.services import record_correction, sync_ledger

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
