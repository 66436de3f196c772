# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Who is using the portal: a citizen, or a relative with the citizen's consent, found by phone number.

The portal session lives in the Django session under its own keys and never sets a staff login;
staff users are refused by the portal, and portal visitors have no staff user (see ``views``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen, Relative
from naerhed.lib.phone import InvalidPhone, normalise_phone

SESSION_CITIZEN = "portal.citizen"
SESSION_RELATIVE = "portal.relative"
SESSION_CHOICES = "portal.choices"
SESSION_PENDING_PHONE = "portal.pending_phone"
SESSION_SECONDS = 30 * 60


@dataclass(frozen=True)
class Identity:
    """The citizen whose help is shown, and the relative acting for them (None: the citizen)."""

    citizen: Citizen
    relative: Relative | None = None

    @property
    def who(self) -> str:
        """For the audit log: never a CPR number, never a phone number."""
        return f"portal: relative {self.relative.pk}" if self.relative else "portal: citizen"


def _same_phone(raw: str, phone: str) -> bool:
    try:
        return normalise_phone(raw) == phone
    except InvalidPhone:
        return False


def identities_for(phone: str) -> list[Identity]:
    """Every citizen receiving help whose own number is ``phone`` (normalised, +45…), and every
    citizen with a relative on that number who has consented to share information."""
    tail = phone[-2:]
    today = timezone.localdate()
    citizens = [
        Identity(c)
        for c in Citizen.objects.filter(phone__endswith=tail).exclude(ended_on__lt=today).order_by("pk")
        if _same_phone(c.phone, phone)
    ]
    relatives = [
        Identity(r.citizen, r)
        for r in Relative.objects.filter(phone__endswith=tail, consent_to_share=True)
        .exclude(citizen__ended_on__lt=today)
        .select_related("citizen")
        .order_by("pk")
        if _same_phone(r.phone, phone)
    ]
    return citizens + relatives


def start_session(session: SessionBase, identities: list[Identity]) -> None:
    """A fresh session (a new key, nothing kept from before) for the identities behind a code."""
    session.flush()
    session.set_expiry(SESSION_SECONDS)
    session[SESSION_CHOICES] = [[i.citizen.pk, i.relative.pk if i.relative else None] for i in identities]
    if len(identities) == 1:
        choose(session, 0)


def choices(session: SessionBase) -> list[tuple[int, Identity]]:
    """The identities the session may choose between, with their index for :func:`choose`."""
    out = []
    for index, (citizen_pk, relative_pk) in enumerate(session.get(SESSION_CHOICES, [])):
        citizen = Citizen.objects.select_related("team").filter(pk=citizen_pk).first()
        relative = (
            Relative.objects.filter(pk=relative_pk, consent_to_share=True).first() if relative_pk else None
        )
        if citizen is not None and (relative_pk is None or relative is not None):
            out.append((index, Identity(citizen, relative)))
    return out


def choose(session: SessionBase, index: int) -> None:
    citizen_pk, relative_pk = session[SESSION_CHOICES][index]
    session[SESSION_CITIZEN], session[SESSION_RELATIVE] = citizen_pk, relative_pk


def current(session: SessionBase) -> Identity | None:
    """The identity of a logged-in portal session, or None. Consent withdrawn ends a relative's access."""
    citizen_pk = session.get(SESSION_CITIZEN)
    if citizen_pk is None:
        return None
    citizen = (
        Citizen.objects.select_related("team", "team__district", "key_person").filter(pk=citizen_pk).first()
    )
    relative_pk = session.get(SESSION_RELATIVE)
    relative = (
        Relative.objects.filter(pk=relative_pk, citizen_id=citizen_pk, consent_to_share=True).first()
        if relative_pk
        else None
    )
    if citizen is None or (relative_pk and relative is None):
        return None
    return Identity(citizen, relative)


def log(identity: Identity, action: Action, object_type: str, object_id: object = "", what: str = "") -> None:
    """Write one audit event for something the portal showed or changed."""
    record_event(
        user=None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        citizen_id=identity.citizen.pk,
        summary=f"{identity.who}: {what}" if what else identity.who,
    )
