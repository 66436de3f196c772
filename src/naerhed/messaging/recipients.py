# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Who gets messages: the citizens the rules apply to, and for each the phones to write to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from naerhed.citizens.models import Citizen, Relative
from naerhed.lib.phone import InvalidPhone, normalise_phone
from naerhed.messaging.models import (
    CitizenMessagePreference,
    MunicipalityMessageSettings,
    Participation,
    Recipients,
)


@dataclass(frozen=True)
class Recipient:
    phone: str
    greeting_name: str
    relative: Relative | None

    @property
    def key(self) -> str:
        """Part of a message key: one message per rule, visit and recipient."""
        return "c" if self.relative is None else f"r{self.relative.pk}"


def preference_of(citizen: Citizen) -> CitizenMessagePreference:
    """The citizen's stored choice, or the default (automatic, to the citizen) unsaved."""
    try:
        stored: CitizenMessagePreference = citizen.message_preference  # type: ignore[attr-defined]
    except CitizenMessagePreference.DoesNotExist:
        return CitizenMessagePreference(citizen=citizen)
    return stored


def receives_messages(citizen: Citizen) -> bool:
    """Opted in, or living alone / memory-impaired and not opted out."""
    participation = preference_of(citizen).participation
    if participation == Participation.OPT_OUT:
        return False
    return participation == Participation.OPT_IN or citizen.lives_alone or citizen.memory_impairment


def eligible_citizens(today: dt.date) -> QuerySet[Citizen]:
    """Active citizens the rules apply to, with what :func:`recipients_of` needs loaded."""
    active = Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    opted_in = Q(message_preference__participation=Participation.OPT_IN)
    opted_out = Q(message_preference__participation=Participation.OPT_OUT)
    flagged = Q(lives_alone=True) | Q(memory_impairment=True)
    return (
        Citizen.objects.filter(active)
        .filter(opted_in | (flagged & ~opted_out))
        .select_related("message_preference", "team__district")
        .prefetch_related(Prefetch("relatives", queryset=Relative.objects.filter(consent_to_share=True)))
    )


def recipients_of(citizen: Citizen) -> list[Recipient]:
    """The phones to write to, by the citizen's choice: the citizen, consenting relatives, or both.
    Anyone without a valid Danish mobile number is left out."""
    choice = preference_of(citizen).recipients
    out: list[Recipient] = []
    if choice in (Recipients.CITIZEN, Recipients.BOTH) and (phone := _phone(citizen.phone)):
        out.append(Recipient(phone, citizen.first_name, None))
    if choice in (Recipients.RELATIVES, Recipients.BOTH):
        for relative in citizen.relatives.all():
            if relative.consent_to_share and (phone := _phone(relative.phone)):
                out.append(Recipient(phone, relative.name.split()[0] if relative.name else "", relative))
    return out


def settings_for(
    municipality_id: int, cache: dict[int, MunicipalityMessageSettings]
) -> MunicipalityMessageSettings:
    """The municipality's message settings, or the defaults (unsaved) if it has none."""
    if municipality_id not in cache:
        found = MunicipalityMessageSettings.objects.filter(municipality_id=municipality_id).first()
        cache[municipality_id] = found or MunicipalityMessageSettings(municipality_id=municipality_id)
    return cache[municipality_id]


def _phone(raw: str) -> str | None:
    try:
        return normalise_phone(raw)
    except InvalidPhone:
        return None
