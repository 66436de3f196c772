# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""One-time login codes by SMS: six digits, kept only as an HMAC, valid 10 minutes, 5 wrong tries.

:func:`request_code` answers the same whether or not the number is known (and whether or not the
rate limit was hit), so the portal never tells anyone whose number is registered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.lib.phone import normalise_phone
from naerhed.messaging.outbox import enqueue
from naerhed.portal.identity import Identity, identities_for
from naerhed.portal.models import LoginCode

CODE_MINUTES = 10
MAX_ATTEMPTS = 5
#: At most this many codes per phone number, and per IP address, in ``RATE_WINDOW``.
RATE_LIMIT = 3
IP_RATE_LIMIT = 10
RATE_WINDOW = dt.timedelta(minutes=15)


class LoginFailed(Exception):
    """The code is wrong, used, expired or tried too often; the message says which in plain words."""


def _hash(code: str, salt: str) -> str:
    key = f"naerhed.portal.login:{settings.SECRET_KEY}".encode()
    return hmac.new(key, f"{salt}:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def request_code(*, phone: str, now: dt.datetime, ip_address: str | None = None) -> str:
    """Make a code for ``phone`` and text it if the number belongs to a citizen or a consenting
    relative. Returns the normalised number. Raises ValueError for a number that is not Danish."""
    number = normalise_phone(phone)
    recent = LoginCode.objects.filter(created_at__gt=now - RATE_WINDOW)
    if recent.filter(phone=number).count() >= RATE_LIMIT:
        return number
    if ip_address and recent.filter(ip_address=ip_address).count() >= IP_RATE_LIMIT:
        return number
    # Earlier codes stop working when a new one is asked for.
    LoginCode.objects.filter(phone=number, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    salt = secrets.token_hex(16)
    found = identities_for(number)
    login = LoginCode.objects.create(
        phone=number,
        code_hash=_hash(code, salt),
        salt=salt,
        created_at=now,
        expires_at=now + dt.timedelta(minutes=CODE_MINUTES),
        sent=bool(found),
        ip_address=ip_address,
    )
    if found:
        _send(found[0], number, code, login)
    return number


def _send(identity: Identity, number: str, code: str, login: LoginCode) -> None:
    body = _(
        "Your code for the home care pages is %(code)s. It works for %(minutes)d minutes. "
        "Never give the code to anyone."
    ) % {"code": code, "minutes": CODE_MINUTES}
    enqueue(
        to=number,
        body=body,
        kind="login_code",
        key=f"login_code:{login.pk}",
        citizen=identity.citizen,
        relative=identity.relative,
        expires_at=login.expires_at,
    )
    record_event(
        user=None,
        action=Action.CREATE,
        object_type="login_code",
        object_id=login.pk,
        citizen_id=identity.citizen.pk,
        summary=f"{identity.who}: login code sent",
    )


def verify_code(*, phone: str, code: str, now: dt.datetime) -> list[Identity]:
    """The identities behind ``phone`` if ``code`` is its current code; LoginFailed otherwise. A wrong
    code counts as an attempt (kept even though the call fails)."""
    outcome = _check_code(phone, code, now)
    if isinstance(outcome, str):
        raise LoginFailed(outcome)
    return outcome


@transaction.atomic
def _check_code(phone: str, code: str, now: dt.datetime) -> list[Identity] | str:
    login = (
        LoginCode.objects.select_for_update()
        .filter(phone=phone, used_at__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )
    wrong = _("The code is not right. Check the number in the text message and try again.")
    too_many = _("The code was typed wrong too many times. Ask for a new code.")
    if login is None or not login.sent:
        return wrong
    if login.expires_at <= now:
        return _("The code is too old. Ask for a new code.")
    if login.attempts >= MAX_ATTEMPTS:
        return too_many
    if not hmac.compare_digest(login.code_hash, _hash(code.strip(), login.salt)):
        LoginCode.objects.filter(pk=login.pk).update(attempts=login.attempts + 1)
        return too_many if login.attempts + 1 >= MAX_ATTEMPTS else wrong
    found = identities_for(phone)
    if not found:
        return wrong
    LoginCode.objects.filter(pk=login.pk).update(used_at=now)
    for identity in found:
        record_event(
            user=None,
            action=Action.VIEW,
            object_type="portal_login",
            object_id=login.pk,
            citizen_id=identity.citizen.pk,
            summary=f"{identity.who}: logged in",
        )
    return found
