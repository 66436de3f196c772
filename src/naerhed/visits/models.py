# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Visits: concrete occurrences of a grant (or single ad-hoc visits) on a day."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant, Priority, Service
from naerhed.workforce.models import StaffMember


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")
    DELIVERED = "delivered", _("Delivered")
    NOT_DELIVERED = "not-delivered", _("Could not be delivered")


class Visit(models.Model):
    grant = models.ForeignKey(
        Grant, on_delete=models.PROTECT, null=True, blank=True, related_name="visits", verbose_name=_("grant")
    )
    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="visits", verbose_name=_("citizen")
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="visits", verbose_name=_("service")
    )
    date = models.DateField(_("date"), db_index=True)
    occurrence = models.PositiveSmallIntegerField(
        _("occurrence"), default=0, help_text=_("Which of the grant's visits that day (0 for the first).")
    )
    window_start = models.DateTimeField(_("earliest start"))
    window_end = models.DateTimeField(_("latest start"))
    duration = models.PositiveSmallIntegerField(_("duration (minutes)"))
    two_carers = models.BooleanField(_("needs two carers"), default=False)
    remote = models.BooleanField(_("screen visit"), default=False)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MUST
    )
    status = models.CharField(
        _("status"), max_length=15, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    changed_by_hand = models.BooleanField(
        _("changed by hand"),
        default=False,
        help_text=_("Regenerating from grants never overwrites or removes it."),
    )
    planned_start = models.DateTimeField(_("planned start"), null=True, blank=True)
    carers = models.ManyToManyField(StaffMember, blank=True, related_name="visits", verbose_name=_("carers"))
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["date", "window_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "date", "occurrence"],
                condition=models.Q(grant__isnull=False),
                name="visit_unique_grant_occurrence",
            ),
        ]
        indexes = [models.Index(fields=["citizen", "date"])]

    def __str__(self) -> str:
        return f"{self.service} {self.window_start:%d.%m %H:%M}"

    def clean(self) -> None:
        if self.window_end and self.window_start and self.window_end < self.window_start:
            raise ValidationError({"window_end": _("The latest start is before the earliest start.")})


class ChangeKind(models.TextChoices):
    CARER_CHANGED = "carer_changed", _("New carer")
    TIME_CHANGED = "time_changed", _("New time")
    CANCELLED = "cancelled", _("Visit cancelled")
    NOT_DELIVERED = "not_delivered", _("Visit not delivered")
    DELAYED = "delayed", _("Visit delayed")


class CitizenChangeEvent(models.Model):
    """A change that affects a citizen, kept so that the citizen (or relatives) can be told about it."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="change_events", verbose_name=_("citizen")
    )
    visit = models.ForeignKey(
        Visit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_events",
        verbose_name=_("visit"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ChangeKind.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("created by")
    )

    class Meta:
        verbose_name = _("change for a citizen")
        verbose_name_plural = _("changes for citizens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%d.%m %H:%M})"
