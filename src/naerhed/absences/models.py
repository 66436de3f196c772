# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Absences (sick calls) and re-planning proposals with the engine's input and output beside them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.organisation.models import Team
from naerhed.workforce.models import RosterShift, StaffMember


class AbsenceReason(models.TextChoices):
    SICK = "sick", _("Sick")
    CHILD_SICK = "child_sick", _("Child sick")
    OTHER = "other", _("Other")


class AbsenceState(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    IN_FORCE = "in_force", _("In force")
    SET_ASIDE = "set_aside", _("Re-plan rejected")


class Absence(models.Model):
    """A carer away from ``starts`` to ``ends``; ``shift`` is set when the whole rota shift is missed.

    The rota's ``RosterShift.absent`` is set only when a proposal made for the absence is accepted
    (the absence is then in force), so the rota says what is really in force.
    """

    staff = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="absences", verbose_name=_("carer")
    )
    shift = models.ForeignKey(
        RosterShift,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="absences",
        verbose_name=_("whole shift"),
    )
    starts = models.DateTimeField(_("from"))
    ends = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=12, choices=AbsenceReason.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=AbsenceState.choices, default=AbsenceState.PENDING
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["-starts", "-pk"]

    def __str__(self) -> str:
        return f"{self.staff} {self.starts:%d.%m %H:%M}"

    @property
    def whole_shift(self) -> bool:
        return self.shift_id is not None


class ProposalKind(models.TextChoices):
    SICK_CALL = "sick-call", _("Sick call")
    OPTIMISE = "optimise", _("Optimise the rest of the day")


class ProposalStatus(models.TextChoices):
    QUEUED = "queued", _("Being calculated")
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Replaced by a newer proposal")
    STALE = "stale", _("Out of date")
    FAILED = "failed", _("Failed")


class ReplanProposal(models.Model):
    """A re-planned day that takes effect only when accepted.

    ``instance`` holds the engine input (problem, the plan in force, the events, the ids behind the
    engine's names and the visit versions it was made from); ``plan`` the proposed plan (edited by
    adjustments); ``changes`` the visit-by-visit difference shown to the team leader.
    """

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="replan_proposals", verbose_name=_("team")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=ProposalKind.choices)
    absences = models.ManyToManyField(
        Absence, blank=True, related_name="proposals", verbose_name=_("absences re-planned for")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.QUEUED
    )
    planned_from = models.DateTimeField(_("re-planned from"))
    instance = models.JSONField(_("engine input"), null=True, blank=True)
    plan = models.JSONField(_("engine result"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    cancelled_visits = models.JSONField(_("visits to cancel"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("calculation started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("calculated"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("re-planning proposal")
        verbose_name_plural = _("re-planning proposals")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.team} {self.date} {self.get_kind_display()} ({self.get_status_display()})"

    @property
    def source(self) -> str:
        """The ``source`` written on the citizens' change events."""
        return str(self.kind)
