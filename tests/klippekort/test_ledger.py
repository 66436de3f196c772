# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The klippekort ledger: weekly minutes, use (double for two carers), the savings cap, expiry at year
end, immutable entries and corrections. A klippekort of 30 minutes a week from Monday 2 November 2026."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from naerhed.accounts.models import User
from naerhed.audit.models import AuditEvent
from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant, LawParagraph, Recurrence, ServiceKind
from naerhed.klippekort.models import EntryKind, KlippekortEntry, KlippekortRules, LedgerIsAppendOnly
from naerhed.klippekort.services import (
    balance,
    record_correction,
    reserve_for_visit,
    return_for_visit,
    sync_ledger,
)
from naerhed.lib.dates import aware
from naerhed.visits.models import Visit, VisitStatus
from tests import factories as f
from tests.personas import World

pytestmark = pytest.mark.django_db
START = dt.date(2026, 11, 2)


@pytest.fixture
def card(world: World) -> Grant:
    return f.grant(
        citizen=world.citizen_a,
        service=f.service(
            "klippekort", name="Klippekort", kind=ServiceKind.KLIPPEKORT, paragraph=LawParagraph.KLIPPEKORT
        ),
        starts_on=START,
        recurrence=Recurrence.ON_DEMAND,
        weekly_minutes=30,
        duration=30,
        window_start=dt.time(9),
        window_end=dt.time(16),
    )


def _visit(grant: Grant, day: dt.date, *, two_carers: bool = False, status: VisitStatus) -> Visit:
    start = aware(day, dt.time(10))
    return Visit.objects.create(
        grant=grant,
        citizen=grant.citizen,
        service=grant.service,
        date=day,
        window_start=start,
        window_end=start,
        duration=30,
        two_carers=two_carers,
        status=status,
    )


def test_minutes_are_granted_each_week_once(card: Grant) -> None:
    citizen = card.citizen
    assert sync_ledger(citizen=citizen, today=dt.date(2026, 11, 17)) == 3
    assert sync_ledger(citizen=citizen, today=dt.date(2026, 11, 17)) == 0, "idempotent"
    assert balance(citizen) == 90
    assert list(KlippekortEntry.objects.values_list("effective_on", flat=True)) == [
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 16),
    ]


def test_a_delivered_visit_with_two_carers_uses_double(card: Grant) -> None:
    _visit(card, dt.date(2026, 11, 10), status=VisitStatus.DELIVERED)
    _visit(card, dt.date(2026, 11, 11), two_carers=True, status=VisitStatus.DELIVERED)
    _visit(card, dt.date(2026, 11, 12), status=VisitStatus.PLANNED)
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 11, 13))
    used = sorted(KlippekortEntry.objects.filter(kind=EntryKind.USED).values_list("minutes", flat=True))
    assert used == [-60, -30]
    assert balance(card.citizen) == 60 - 90


def test_savings_stop_at_the_cap(card: Grant) -> None:
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 12, 14))  # seven weeks of 30 minutes
    assert balance(card.citizen) == 4 * 30
    over = KlippekortEntry.objects.filter(kind=EntryKind.OVER_CAP)
    assert list(over.values_list("minutes", flat=True)) == [-30, -30, -30]


def test_the_cap_is_the_municipalitys_setting(card: Grant) -> None:
    KlippekortRules.objects.create(municipality=card.citizen.team.district.municipality, savings_cap_weeks=2)
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 11, 30))
    assert balance(card.citizen) == 60


def test_unused_minutes_expire_at_year_end(card: Grant) -> None:
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 12, 28))
    assert balance(card.citizen) == 120
    sync_ledger(citizen=card.citizen, today=dt.date(2027, 1, 4))
    expired = KlippekortEntry.objects.get(kind=EntryKind.EXPIRED)
    assert expired.effective_on == dt.date(2026, 12, 31) and expired.minutes == -120
    assert balance(card.citizen) == 30, "the new year's first week"
    assert sync_ledger(citizen=card.citizen, today=dt.date(2027, 1, 4)) == 0


def test_a_booking_takes_minutes_and_a_cancellation_gives_them_back_once(card: Grant) -> None:
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 11, 9))
    visit = _visit(card, dt.date(2026, 11, 12), two_carers=True, status=VisitStatus.PLANNED)
    reserve_for_visit(visit=visit, today=dt.date(2026, 11, 9))
    assert balance(card.citizen) == 0
    Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.CANCELLED)
    assert return_for_visit(visit=visit, today=dt.date(2026, 11, 10)) == 1
    assert return_for_visit(visit=visit, today=dt.date(2026, 11, 10)) == 0
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 11, 10))
    assert balance(card.citizen) == 60


def test_a_visit_cancelled_by_the_team_gives_the_minutes_back_on_sync(card: Grant) -> None:
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 11, 9))
    visit = _visit(card, dt.date(2026, 11, 12), status=VisitStatus.PLANNED)
    reserve_for_visit(visit=visit, today=dt.date(2026, 11, 9))
    Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.CANCELLED)
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 11, 10))
    assert KlippekortEntry.objects.filter(kind=EntryKind.RETURNED, visit=visit).count() == 1
    assert balance(card.citizen) == 60


def test_a_booking_needs_enough_minutes(card: Grant) -> None:
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 11, 2))
    visit = _visit(card, dt.date(2026, 11, 5), two_carers=True, status=VisitStatus.PLANNED)
    with pytest.raises(ValidationError) as refused:
        reserve_for_visit(visit=visit, today=dt.date(2026, 11, 2))
    assert "grant" in refused.value.message_dict
    assert balance(card.citizen) == 30


def test_entries_cannot_be_changed_or_deleted(card: Grant) -> None:
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 11, 2))
    entry = KlippekortEntry.objects.get()
    entry.minutes = 600
    with pytest.raises(LedgerIsAppendOnly):
        entry.save()
    with pytest.raises(LedgerIsAppendOnly):
        entry.delete()


@freeze_time("2026-11-20 10:00:00")
def test_a_correction_is_a_new_audited_entry_with_a_reason(card: Grant, world: World) -> None:
    citizen: Citizen = card.citizen
    leader: User = world.user("teamleader")
    sync_ledger(citizen=citizen, today=dt.date(2026, 11, 20))
    with pytest.raises(ValidationError) as refused:
        record_correction(citizen=citizen, minutes=15, note=" ", by=leader, today=dt.date(2026, 11, 20))
    assert "note" in refused.value.message_dict
    entry = record_correction(
        citizen=citizen, minutes=15, note="Besøg aflyst af os", by=leader, today=dt.date(2026, 11, 20)
    )
    assert entry.kind == EntryKind.CORRECTION and balance(citizen) == 105
    assert AuditEvent.objects.filter(
        object_type="klippekort_entry", citizen_id=citizen.pk, user=leader
    ).exists()
