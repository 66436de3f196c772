# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The citizens' self-service: the municipality's booking rules and one-time login codes."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.organisation.models import Municipality


class BookingRules(models.Model):
    """A municipality's rules for citizens' own bookings; without a row the defaults apply."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="booking_rules", verbose_name=_("municipality")
    )
    change_notice_hours = models.PositiveSmallIntegerField(
        _("cancel or move at least (hours before)"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("A booked visit can be cancelled or moved until this many hours before it starts."),
    )
    booking_lead_hours = models.PositiveSmallIntegerField(
        _("book at least (hours ahead)"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("The earliest time offered is this many hours from now."),
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("book up to (days ahead)"), default=28, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )

    class Meta:
        verbose_name = _("booking rules")
        verbose_name_plural = _("booking rules")

    def __str__(self) -> str:
        return str(self.municipality)


class LoginCode(models.Model):
    """A six-digit code asked for by a phone number. Only an HMAC of the code is kept. A row is written
    for unknown numbers too (its code is never sent), so that known and unknown numbers look alike and
    the rate limit counts every request."""

    phone = models.CharField(_("phone"), max_length=12, db_index=True)
    code_hash = models.CharField(max_length=64, editable=False)
    salt = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(_("created"), db_index=True)
    expires_at = models.DateTimeField(_("expires"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    sent = models.BooleanField(_("sent"), default=False)
    # Where the request came from: a second rate limit, so one machine cannot try many numbers.
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("login code")
        verbose_name_plural = _("login codes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.phone} {self.created_at:%Y-%m-%d %H:%M}"
