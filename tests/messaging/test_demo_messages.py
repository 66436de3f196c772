# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's message set-up, on the personas' municipality (code 580, as the demo's)."""

from __future__ import annotations

import datetime as dt

from freezegun import freeze_time

from naerhed.citizens.models import Relative
from naerhed.demo.messages import set_up_messages
from naerhed.messaging.models import (
    CitizenMessagePreference,
    Message,
    MunicipalityMessageSettings,
    Recipients,
)
from tests import factories as f
from tests.messaging.conftest import MONDAY, TUESDAY, Inger, at, make_visit


def test_the_demo_queues_reminders_for_citizens_living_alone_and_tells_relatives_of_the_forgetful(
    inger: Inger,
) -> None:
    poul = f.citizen(team=inger.citizen.team, first_name="Poul", memory_impairment=True, phone="30405060")
    Relative.objects.create(
        citizen=poul,
        name="Lise Holm",
        relation="datter",
        phone="40506070",
        consent_to_share=True,
        consent_recorded_on=MONDAY,
    )
    inger.visit(TUESDAY, 8)
    make_visit(poul, MONDAY - dt.timedelta(days=7), dt.time(9, 0), [inger.birthe])  # Poul knows Birthe
    make_visit(poul, TUESDAY, dt.time(9, 0), [inger.birthe])

    with freeze_time(at(MONDAY, 9, 0)):
        line = set_up_messages(now=at(MONDAY, 9, 0))
        assert set_up_messages(now=at(MONDAY, 9, 0)).startswith("Messages: 0 queued")

    assert line.startswith("Messages: 3 queued")
    assert MunicipalityMessageSettings.objects.filter(municipality__code="580").exists()
    assert CitizenMessagePreference.objects.get(citizen=poul).recipients == Recipients.BOTH
    assert sorted(Message.objects.filter(kind="reminder_24h").values_list("to", flat=True)) == [
        "+4520304050",
        "+4530405060",
        "+4540506070",
    ]
