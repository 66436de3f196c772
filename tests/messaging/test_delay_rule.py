# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Delay notices from the live route estimate (the carer's day of tests/carer_day: Sofie visits Inger
at 08:00 for 30 minutes, Ejnar at 08:40 and Grethe at 09:20). Inger lives alone and has a mobile."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from naerhed.carer_day.models import VisitExecution
from naerhed.messaging.models import Message
from naerhed.messaging.rules import apply_rules
from tests.carer_day.conftest import CarerDay, build_day
from tests.messaging.conftest import TUESDAY, at, bodies
from tests.personas import World


@pytest.fixture
def day(world: World) -> CarerDay:
    built = build_day(world, TUESDAY)
    for citizen in built.citizens:  # everyone has met Sofie (and Jonas) before: no new-carer notices
        citizen.lives_alone = citizen == world.citizen_a
        citizen.phone = "20304050"
        citizen.save(update_fields=["lives_alone", "phone"])
    for visit in built.visits:
        old = type(visit).objects.get(pk=visit.pk)
        old.pk = None
        old.date = TUESDAY - dt.timedelta(days=7)
        old.planned_start = old.planned_start - dt.timedelta(days=7) if old.planned_start else None
        old.window_start -= dt.timedelta(days=7)
        old.window_end -= dt.timedelta(days=7)
        old.save()
        old.carers.set(visit.carers.all())
    return built


def test_no_notice_while_the_delay_is_within_15_minutes(day: CarerDay) -> None:
    with freeze_time(at(TUESDAY, 8, 10)):
        apply_rules()
    assert not Message.objects.filter(kind="delay").exists()


def test_a_carer_more_than_15_minutes_late_is_announced_once(day: CarerDay) -> None:
    with freeze_time(at(TUESDAY, 8, 16)):
        apply_rules()
    with freeze_time(at(TUESDAY, 8, 17)):
        apply_rules()
    assert bodies(kind="delay") == [
        "Hej Inger. Hjemmeplejen er forsinket. Sofie kommer ca. kl. 8.20 i stedet for kl. 8.00. "
        "Undskyld ventetiden."
    ]
    assert Message.objects.get(kind="delay").expires_at == at(TUESDAY, 8, 30)


def test_a_delay_that_slips_further_gets_an_update(day: CarerDay) -> None:
    with freeze_time(at(TUESDAY, 8, 16)):
        apply_rules()
    with freeze_time(at(TUESDAY, 8, 31)):
        apply_rules()
    assert bodies(kind="delay")[1] == (
        "Hej Inger. Hjemmeplejen er mere forsinket. Sofie kommer nu ca. kl. 8.35 i stedet for kl. 8.00. "
        "Undskyld ventetiden."
    )


def test_no_delay_notice_once_the_carer_has_arrived(day: CarerDay) -> None:
    VisitExecution.objects.create(visit=day.visits[0], staff=day.staff, checked_in_at=at(TUESDAY, 8, 14))
    with freeze_time(at(TUESDAY, 8, 40)):
        apply_rules()
    assert not Message.objects.filter(kind="delay", citizen=day.citizens[0]).exists()


def test_a_late_check_out_announces_the_delay_at_the_next_citizen(day: CarerDay) -> None:
    ejnar = day.citizens[1]
    ejnar.lives_alone = True
    ejnar.save(update_fields=["lives_alone"])
    VisitExecution.objects.create(
        visit=day.visits[0], staff=day.staff, checked_in_at=at(TUESDAY, 8, 5), checked_out_at=at(TUESDAY, 9)
    )
    with freeze_time(at(TUESDAY, 9, 1)):  # Ejnar: 09:00 + 5 min travel = 09:05, 25 minutes late
        apply_rules()
    assert bodies(kind="delay", citizen=ejnar) == [
        "Hej Ejnar. Hjemmeplejen er forsinket. Jonas og Sofie kommer ca. kl. 9.05 i stedet for kl. 8.40. "
        "Undskyld ventetiden."
    ]
