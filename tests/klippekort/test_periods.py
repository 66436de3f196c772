# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reading the klippekort one period at a time: the last 8 weeks by default, newest first, paging to
older and newer weeks, and a week's credit shown on one line with the minutes the savings cap took.
A klippekort of 30 minutes a week since Monday 5 January 2026, never used; today is Friday 20 November
2026 (week 47). With the default cap of 4 weeks, every week from week 5 on is +30 and 30 lapsed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from freezegun import freeze_time

import naerhed.urls  # noqa: F401  # load every view (and OR-Tools) before freezegun freezes the clock
from naerhed.grants.models import Grant, LawParagraph, Recurrence, ServiceKind
from naerhed.klippekort.models import EntryKind, KlippekortEntry
from naerhed.klippekort.periods import ledger_period, parse_until
from naerhed.klippekort.services import record_correction, sync_ledger
from naerhed.lib.dates import aware
from naerhed.visits.models import Visit, VisitStatus
from tests import factories as f
from tests.personas import World
from tests.web.conftest import fast_password_hashing

__all__ = ["fast_password_hashing"]
pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def card(world: World) -> Grant:
    grant = f.grant(
        citizen=world.citizen_a,
        service=f.service(
            "klippekort", name="Klippekort", kind=ServiceKind.KLIPPEKORT, paragraph=LawParagraph.KLIPPEKORT
        ),
        starts_on=dt.date(2026, 1, 5),
        recurrence=Recurrence.ON_DEMAND,
        weekly_minutes=30,
        duration=30,
        window_start=dt.time(9),
        window_end=dt.time(16),
    )
    sync_ledger(citizen=world.citizen_a, today=TODAY)
    return grant


def test_the_default_period_is_the_last_8_weeks_newest_first_one_line_a_week(card: Grant) -> None:
    period = ledger_period(card.citizen, today=TODAY)

    assert (period.starts_on, period.ends_on) == (dt.date(2026, 9, 28), TODAY)
    assert [line.week for line in period.lines] == [47, 46, 45, 44, 43, 42, 41, 40]
    assert all(
        line.is_credit and (line.credited, line.lapsed, line.minutes) == (30, 30, 0) for line in period.lines
    )
    assert period.older_until == dt.date(2026, 9, 27) and period.newer_until is None and period.is_newest


def test_grouping_is_presentation_and_leaves_every_entry_in_the_ledger(card: Grant) -> None:
    before = list(KlippekortEntry.objects.values_list("pk", "kind", "minutes"))

    ledger_period(card.citizen, today=TODAY)

    assert list(KlippekortEntry.objects.values_list("pk", "kind", "minutes")) == before
    in_period = KlippekortEntry.objects.filter(effective_on__gte=dt.date(2026, 9, 28))
    assert in_period.filter(kind=EntryKind.OVER_CAP).count() == 8


def test_paging_back_reaches_the_first_week_and_forward_returns_to_today(card: Grant) -> None:
    period, seen = ledger_period(card.citizen, today=TODAY), 0
    while period.older_until is not None:
        seen += len(period.lines)
        period = ledger_period(card.citizen, today=TODAY, until=period.older_until)
    seen += len(period.lines)
    assert seen == 46  # weeks 2 to 47, one line each
    assert period.lines[-1].day == dt.date(2026, 1, 5) and period.lines[-1].lapsed == 0
    assert period.newer_until is not None and not period.is_newest
    newer = ledger_period(card.citizen, today=TODAY, until=period.newer_until)
    assert newer.starts_on == period.ends_on + dt.timedelta(days=1)


def test_a_credit_the_cap_takes_only_part_of_and_the_use_of_minutes_read_apart(
    card: Grant, world: World
) -> None:
    start = aware(dt.date(2026, 11, 10), dt.time(10))
    visit = Visit.objects.create(
        grant=card,
        citizen=card.citizen,
        service=card.service,
        date=start.date(),
        window_start=start,
        window_end=start,
        duration=30,
        status=VisitStatus.DELIVERED,
    )
    with freeze_time("2026-11-20 10:00"):
        record_correction(
            citizen=card.citizen, minutes=-20, note="Fejl", by=world.user("teamleader"), today=TODAY
        )
    sync_ledger(citizen=card.citizen, today=dt.date(2026, 11, 30))  # week 49: the cap takes 10 of 30

    lines = ledger_period(card.citizen, today=dt.date(2026, 11, 30)).lines

    assert (lines[0].week, lines[0].credited, lines[0].lapsed, lines[0].minutes) == (49, 30, 10, 20)
    kinds = [line.kind for line in lines if not line.is_credit]
    assert kinds == [EntryKind.CORRECTION, EntryKind.USED]
    used = next(line for line in lines if line.kind == EntryKind.USED)
    assert used.visit == visit and used.minutes == -30


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", TODAY), ("2026-03-01", dt.date(2026, 3, 1)), ("x", TODAY), ("2027-01-01", TODAY)],
)
def test_the_chosen_period_is_read_from_the_address_and_never_lies_ahead(raw: str, expected: dt.date) -> None:
    assert parse_until(raw, today=TODAY) == expected


@freeze_time("2026-11-20 10:00:00")
def test_the_team_page_shows_8_weeks_in_one_line_each_and_pages_to_older(card: Grant, world: World) -> None:
    c = Client()
    c.force_login(world.user("carer"))
    url = f"/klippekort/citizens/{card.citizen.pk}/"

    page = c.get(url).content.decode()

    assert page.count('data-testid="klippekort-entry"') == 8
    assert "Uge 47: +30 min, 30 min bortfaldet (loft)" in page
    assert 'href="?til=2026-09-27"' in page and 'data-testid="klippekort-newer"' not in page
    older = c.get(url, {"til": "2026-09-27"}).content.decode()
    assert "Uge 39: +30 min, 30 min bortfaldet (loft)" in older and "Uge 47:" not in older
    assert 'data-testid="klippekort-newer"' in older


@freeze_time("2026-11-20 10:00:00")
def test_the_api_gives_a_period_of_lines_and_is_scoped(card: Grant, world: World) -> None:
    url = f"/api/v1/citizens/{card.citizen.pk}/klippekort/period"
    c = Client()
    c.force_login(world.user("carer"))

    body = c.get(url, {"til": "2026-09-27"}).json()

    assert (body["starts_on"], body["ends_on"]) == ("2026-08-03", "2026-09-27")
    assert [line["lapsed"] for line in body["lines"]] == [30] * 8
    assert body["newer_until"] == "2026-11-20" and body["older_until"] == "2026-08-02"
    other = Client()
    other.force_login(world.user("carer_b"))
    assert other.get(url).status_code == 403
