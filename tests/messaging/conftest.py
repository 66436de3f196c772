# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Inger Andersen (team A) lives alone and has a mobile; Birthe came last week, Ali never has.

Monday 23 November 2026 is "today" in these tests; visits are on Tuesday the 24th.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from naerhed.citizens.models import Citizen
from naerhed.lib.dates import aware
from naerhed.messaging.gateways import GatewayError, OutgoingSms
from naerhed.messaging.models import Message
from naerhed.visits.models import Visit
from naerhed.workforce.models import StaffMember
from tests import factories as f
from tests.carer_day.conftest import make_visit
from tests.personas import World
from tests.web.conftest import fast_password_hashing

__all__ = ["Inger", "RecordingGateway", "at", "fast_password_hashing", "inger", "make_visit"]

MONDAY = dt.date(2026, 11, 23)
TUESDAY = dt.date(2026, 11, 24)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return aware(day, dt.time(hour, minute))


@dataclass
class Inger:
    citizen: Citizen
    birthe: StaffMember
    ali: StaffMember

    def visit(self, day: dt.date, hour: int, minute: int = 0, carer: StaffMember | None = None) -> Visit:
        return make_visit(self.citizen, day, dt.time(hour, minute), [carer or self.birthe])


@pytest.fixture
def inger(world: World) -> Inger:
    citizen = world.citizen_a
    citizen.lives_alone = True
    citizen.phone = "20 30 40 50"
    citizen.save(update_fields=["lives_alone", "phone"])
    team = world.team_a
    birthe = f.staff(team=team, first_name="Birthe", last_name="Holm")
    make_visit(citizen, MONDAY - dt.timedelta(days=7), dt.time(8, 0), [birthe])  # Birthe is no stranger
    return Inger(citizen, birthe, f.staff(team=team, first_name="Ali", last_name="Khan"))


class RecordingGateway:
    """Fails the first ``failures`` sends (permanently if ``permanent``), then records each SMS."""

    def __init__(self, failures: int = 0, *, permanent: bool = False) -> None:
        self.failures = failures
        self.permanent = permanent
        self.calls = 0
        self.sent: list[OutgoingSms] = []

    def send(self, sms: OutgoingSms) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise GatewayError("HTTP 500", permanent=self.permanent)
        self.sent.append(sms)
        return f"gw-{len(self.sent)}"


def bodies(**filters: object) -> list[str]:
    return list(Message.objects.filter(**filters).order_by("id").values_list("body", flat=True))
