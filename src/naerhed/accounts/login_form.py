# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The staff log-in form with the lock of :mod:`naerhed.accounts.throttle`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import ngettext

from naerhed.accounts import throttle


class ThrottledLoginForm(AuthenticationForm):
    """Refuses every attempt while the user name or the address is locked, and counts wrong passwords."""

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        address = self.request.META.get("REMOTE_ADDR") if self.request is not None else None
        now = timezone.now()
        minutes = throttle.locked_minutes(username, address, now=now)
        if username and minutes:
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong log-in attempts. Try again in %(minutes)d minute.",
                    "Too many wrong log-in attempts. Try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="locked",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                throttle.record_failure(username, address, now=now)
            raise
        throttle.forget(username)
        return cleaned
