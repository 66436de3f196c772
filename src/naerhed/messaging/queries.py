# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reads for the message pages and the API: a citizen's messages, choice and who would receive them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.models import Citizen, Relative
from naerhed.lib.phone import is_valid_phone
from naerhed.messaging.models import CitizenMessagePreference, Message
from naerhed.messaging.recipients import preference_of, receives_messages

#: What each kind of message is called on the page; kinds from other apps fall back to their code.
KIND_LABELS: dict[str, Promise] = {
    "reminder_24h": _("Reminder 24 hours before"),
    "reminder_30m": _("Reminder 30 minutes before"),
    "new_carer": _("New carer"),
    "delay": _("Delay"),
    "cancelled": _("Visit cancelled"),
    "new_time": _("New time"),
    "login_code": _("Login code"),
    "booking_booked": _("Booking confirmed"),
    "booking_confirmed": _("Booking confirmed"),
    "booking_moved": _("Booking moved"),
    "booking_cancelled": _("Booking cancelled"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def citizen_messages(citizen: Citizen) -> QuerySet[Message]:
    """Every message to or about the citizen, newest first."""
    return (
        Message.objects.filter(citizen=citizen)
        .select_related("relative", "visit")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class PhoneCheck:
    name: str
    phone: str
    valid: bool
    relative: Relative | None


@dataclass(frozen=True)
class MessageOverview:
    citizen: Citizen
    preference: CitizenMessagePreference
    receives: bool
    phones: list[PhoneCheck]


def message_overview(citizen: Citizen) -> MessageOverview:
    """The citizen's choice, whether the rules apply, and which numbers are usable."""
    phones = [PhoneCheck(citizen.full_name, citizen.phone, is_valid_phone(citizen.phone), None)]
    for relative in citizen.relatives.filter(consent_to_share=True):
        phones.append(PhoneCheck(relative.name, relative.phone, is_valid_phone(relative.phone), relative))
    return MessageOverview(citizen, preference_of(citizen), receives_messages(citizen), phones)
