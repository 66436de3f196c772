# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Staff log-in throttling: too many wrong passwords lock a user name, or an address, for a while.

Failures are rows in the database (:class:`LoginFailure`), so every web process and worker sees
the same count. A user name is locked after ``NAERHED_LOGIN_MAX_FAILURES`` wrong attempts within
``NAERHED_LOGIN_LOCK_MINUTES``; an address after five times as many, whatever names it tried. A
correct password ends a user name's count, but is refused while the lock lasts, so guessing on
cannot find out whether a guess was right. Rows older than a day are removed by the daily
housekeeping job (:mod:`naerhed.accounts.housekeeping`).
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db.models import QuerySet

from naerhed.accounts.models import LoginFailure

ADDRESS_FACTOR = 5


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.NAERHED_LOGIN_LOCK_MINUTES)


def normalise(username: str) -> str:
    return username.strip().casefold()[:150]


def locked_minutes(username: str, ip_address: str | None, *, now: dt.datetime) -> int:
    """Whole minutes until ``username`` (or ``ip_address``) may try again; 0 when it may now."""
    limit = settings.NAERHED_LOGIN_MAX_FAILURES
    recent = LoginFailure.objects.filter(at__gt=now - _window())
    waits = [_wait(recent.filter(username=normalise(username)), limit, now)]
    if ip_address:
        waits.append(_wait(recent.filter(ip_address=ip_address), limit * ADDRESS_FACTOR, now))
    return max(waits)


def _wait(failures: QuerySet[LoginFailure], limit: int, now: dt.datetime) -> int:
    """Minutes until fewer than ``limit`` of ``failures`` fall within the window."""
    times = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
    if len(times) < limit:
        return 0
    free_at = times[-1] + _window()
    return max(1, math.ceil((free_at - now).total_seconds() / 60))


def record_failure(username: str, ip_address: str | None, *, now: dt.datetime) -> None:
    LoginFailure.objects.create(username=normalise(username), ip_address=ip_address or None, at=now)


def forget(username: str) -> None:
    """A correct password: the user name's count starts again (the address's count stays)."""
    LoginFailure.objects.filter(username=normalise(username)).delete()
