# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A planning run: the serialised engine input beside its result, so any run can be replayed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.organisation.models import Team


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DRAFT = "draft", _("Draft ready")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class PlanningRun(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="planning_runs", verbose_name=_("team")
    )
    week_start = models.DateField(_("first day"))
    days = models.PositiveSmallIntegerField(_("days"), default=7)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    time_limit = models.FloatField(_("time limit (seconds)"), default=30.0)
    seed = models.IntegerField(_("seed"), default=0)
    instance = models.JSONField(_("engine input"), null=True, blank=True)
    plan = models.JSONField(_("engine result"), null=True, blank=True)
    figures = models.JSONField(_("figures"), null=True, blank=True)
    progress = models.JSONField(_("progress"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("planning run")
        verbose_name_plural = _("planning runs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.team} {self.week_start} ({self.get_status_display()})"
