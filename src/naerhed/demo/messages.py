# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's messages: Aabenraa's rules switched on, relatives of memory-impaired citizens told too,
and the rules applied once, so the citizens who live alone or are memory-impaired have their reminders
on their message pages at once. Messages due now are sent by the job thread when the command's
transaction commits, later ones by the server's minute tick, to the file gateway
(``var/sms/outbox.jsonl``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from naerhed.citizens.models import Citizen
from naerhed.demo.builder import MUNICIPALITY_CODE
from naerhed.messaging.models import CitizenMessagePreference, MunicipalityMessageSettings, Recipients
from naerhed.messaging.rules import apply_rules
from naerhed.organisation.models import Municipality


def set_up_messages(*, now: dt.datetime) -> str:
    """Idempotent: a second run adds only what has fallen due since. Returns one line for the console.
    Nothing is sent from here: the outbox's background job and tick do it."""
    municipality = Municipality.objects.filter(code=MUNICIPALITY_CODE).first()
    if municipality is None:
        return "Messages: no demo municipality."
    MunicipalityMessageSettings.objects.get_or_create(municipality=municipality)
    memory_impaired_with_consent = Citizen.objects.filter(
        team__district__municipality=municipality,
        memory_impairment=True,
        relatives__consent_to_share=True,
    ).distinct()
    for citizen in memory_impaired_with_consent:
        CitizenMessagePreference.objects.get_or_create(
            citizen=citizen, defaults={"recipients": Recipients.BOTH}
        )
    created = apply_rules(now=now)
    where = settings.NAERHED_SMS_FILE if settings.NAERHED_SMS_GATEWAY == "file" else settings.NAERHED_SMS_URL
    return f"Messages: {created} queued for citizens and relatives; they go to {where}."
