# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The outbox of messages, the municipality's message rules and each citizen's choices."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.models import Citizen, Relative
from naerhed.organisation.models import Municipality
from naerhed.visits.models import Visit


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")
    CANCELLED = "cancelled", _("Not sent (no longer relevant)")


class Message(models.Model):
    """One SMS, stored before it is sent; ``key`` makes creating it idempotent."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    to = models.CharField(_("to"), max_length=12)
    body = models.TextField(_("text"))
    citizen = models.ForeignKey(
        Citizen,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("citizen"),
    )
    relative = models.ForeignKey(
        Relative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("relative"),
    )
    visit = models.ForeignKey(
        Visit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("visit"),
    )
    # The visit's version the text was written for: a newer version makes a waiting message stale.
    visit_version = models.PositiveIntegerField(_("visit version"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    send_after = models.DateTimeField(_("send after"))
    # A reminder is worthless once its visit has begun: past this moment it is cancelled, not sent.
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # While SENDING: when the sender's claim lapses (a sender that died leaves the message to another).
    claimed_until = models.DateTimeField(null=True, blank=True)
    gateway_reference = models.CharField(_("gateway reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "send_after"]),
            models.Index(fields=["citizen", "-created_at"]),
        ]

    def __str__(self) -> str:  # no phone number, no text: they may reach a log
        return f"{self.kind} #{self.pk} ({self.status})"


class MunicipalityMessageSettings(models.Model):
    """Which message rules a municipality uses, and when not to send."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="message_settings",
        verbose_name=_("municipality"),
    )
    enabled = models.BooleanField(_("send messages to citizens"), default=True)
    reminder_24h = models.BooleanField(_("reminder 24 hours before a visit"), default=True)
    reminder_30m = models.BooleanField(_("reminder 30 minutes before a visit"), default=True)
    new_carer = models.BooleanField(_("notice of a carer the citizen has not met"), default=True)
    delay = models.BooleanField(_("notice of a delay"), default=True)
    changes = models.BooleanField(_("notice of a cancelled or moved visit"), default=True)
    quiet_from = models.TimeField(_("quiet hours from"), default=dt.time(21, 0))
    quiet_until = models.TimeField(_("quiet hours until"), default=dt.time(7, 0))
    delay_threshold_minutes = models.PositiveSmallIntegerField(
        _("delay notice after (minutes)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    delay_update_minutes = models.PositiveSmallIntegerField(
        _("new delay notice when it slips a further (minutes)"),
        default=15,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    new_carer_weeks = models.PositiveSmallIntegerField(
        _("a carer is new if not met for (weeks)"), default=4, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("message settings")
        verbose_name_plural = _("message settings")

    def __str__(self) -> str:
        return f"{self.municipality}"

    def clean(self) -> None:
        if self.quiet_from == self.quiet_until:
            raise ValidationError({"quiet_until": _("Quiet hours must end at another time than they start.")})


class Participation(models.TextChoices):
    AUTOMATIC = "auto", _("Automatic (if living alone or memory-impaired)")
    OPT_IN = "in", _("Yes, send messages")
    OPT_OUT = "out", _("No messages")


class Recipients(models.TextChoices):
    CITIZEN = "citizen", _("The citizen")
    RELATIVES = "relatives", _("Relatives with consent")
    BOTH = "both", _("The citizen and relatives with consent")


class CitizenMessagePreference(models.Model):
    """The citizen's choice: messages or not, and to whom."""

    citizen = models.OneToOneField(
        Citizen, on_delete=models.CASCADE, related_name="message_preference", verbose_name=_("citizen")
    )
    participation = models.CharField(
        _("messages"), max_length=4, choices=Participation.choices, default=Participation.AUTOMATIC
    )
    recipients = models.CharField(
        _("send to"), max_length=10, choices=Recipients.choices, default=Recipients.CITIZEN
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("changed by")
    )

    class Meta:
        verbose_name = _("message preference")
        verbose_name_plural = _("message preferences")

    def __str__(self) -> str:
        return f"{self.citizen}: {self.participation}/{self.recipients}"
