# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""What happens on a visit (check-in, check-out, not delivered), handover notes, and each citizen's
visit plan with its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.models import Citizen
from naerhed.visits.models import Visit
from naerhed.workforce.models import StaffMember

#: The text fields of a visit plan, in the order the pages show them.
PLAN_FIELDS = ("routines", "wishes", "watch_for", "triggers")


class VisitPlanText(models.Model):
    """The four texts of a visit plan, shared by the plan and each of its revisions."""

    routines = models.TextField(_("routines"), blank=True)
    wishes = models.TextField(_("wishes"), blank=True)
    watch_for = models.TextField(_("what to watch for"), blank=True)
    triggers = models.TextField(_("triggers"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in PLAN_FIELDS)


class VisitPlan(VisitPlanText):
    """A citizen's visit plan (besøgsplan), kept current by the team. ``version`` 0 means never saved."""

    citizen = models.OneToOneField(
        Citizen, on_delete=models.CASCADE, related_name="visit_plan", verbose_name=_("citizen")
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")

    def __str__(self) -> str:
        return f"{self.citizen} v{self.version}"


class VisitPlanRevision(VisitPlanText):
    """One saved version of a visit plan, kept for ever: the history is the list of revisions."""

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("saved by")
    )
    saved_by_name = models.CharField(_("saved by"), max_length=200, blank=True)
    saved_at = models.DateTimeField(_("saved"))

    class Meta:
        verbose_name = _("visit plan revision")
        verbose_name_plural = _("visit plan revisions")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["plan", "version"], name="visit_plan_revision_unique")]

    def __str__(self) -> str:
        return f"{self.plan.citizen} v{self.version}"


class HandoverNote(models.Model):
    """A handover (overlevering): what the next carer should know, optionally from a visit."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="handover_notes", verbose_name=_("citizen")
    )
    visit = models.ForeignKey(
        Visit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handover_notes",
        verbose_name=_("visit"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("author")
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("handover note")
        verbose_name_plural = _("handover notes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.citizen} {self.created_at:%d.%m %H:%M}"


class VisitExecution(models.Model):
    """One carer's actual visit: when they checked in and out, or why it could not be delivered."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="executions", verbose_name=_("visit")
    )
    staff = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="visit_executions", verbose_name=_("carer")
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    not_delivered_at = models.DateTimeField(_("marked not delivered"), null=True, blank=True)
    not_delivered_reason = models.TextField(_("why it could not be delivered"), blank=True)

    class Meta:
        verbose_name = _("visit as carried out")
        verbose_name_plural = _("visits as carried out")
        constraints = [models.UniqueConstraint(fields=["visit", "staff"], name="visit_execution_unique")]

    def __str__(self) -> str:
        return f"{self.visit} – {self.staff}"


class RequestAction(models.TextChoices):
    CHECK_IN = "check_in", _("Check in")
    CHECK_OUT = "check_out", _("Check out")
    NOT_DELIVERED = "not_delivered", _("Could not be delivered")
    HANDOVER = "handover", _("Handover note")


class ClientRequest(models.Model):
    """A submission from a phone, by the id the page gave it: a retried request finds its first result here
    and changes nothing (phones on a bad connection resend)."""

    request_id = models.UUIDField(_("request id"), unique=True)
    action = models.CharField(_("action"), max_length=20, choices=RequestAction.choices)
    execution = models.ForeignKey(VisitExecution, on_delete=models.CASCADE, null=True, blank=True)
    handover = models.ForeignKey(HandoverNote, on_delete=models.CASCADE, null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("submitted request")
        verbose_name_plural = _("submitted requests")

    def __str__(self) -> str:
        return f"{self.action} {self.request_id}"
