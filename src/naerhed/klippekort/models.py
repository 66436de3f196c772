# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The klippekort ledger: minutes granted each week, booked and used, saved up to a cap, expiring at
year end. Entries are never changed or deleted; a correction is a new entry, and the balance is the
sum of the entries."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant
from naerhed.organisation.models import Municipality
from naerhed.visits.models import Visit


class KlippekortRules(models.Model):
    """A municipality's klippekort rules; without a row the defaults apply (see ``rules_for``)."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="klippekort_rules",
        verbose_name=_("municipality"),
    )
    savings_cap_weeks = models.PositiveSmallIntegerField(
        _("savings cap (weeks of minutes)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("A citizen may save up to this many weeks of klippekort minutes; more is not kept."),
    )

    class Meta:
        verbose_name = _("klippekort rules")
        verbose_name_plural = _("klippekort rules")

    def __str__(self) -> str:
        return str(self.municipality)


class EntryKind(models.TextChoices):
    GRANTED = "granted", _("Minutes for the week")
    BOOKED = "booked", _("Booked visit")
    USED = "used", _("Visit used")
    RETURNED = "returned", _("Given back (visit cancelled)")
    OVER_CAP = "over-cap", _("More than may be saved")
    EXPIRED = "expired", _("Expired at year end")
    CORRECTION = "correction", _("Correction")


class LedgerIsAppendOnly(Exception):
    """Raised on any attempt to change or delete a klippekort entry."""


class KlippekortEntry(models.Model):
    """One movement of minutes; positive adds to the balance, negative takes from it."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="klippekort_entries", verbose_name=_("citizen")
    )
    grant = models.ForeignKey(
        Grant, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("grant")
    )
    # SET_NULL: a visit removed by the team keeps its entry (the minutes stay accounted for).
    visit = models.ForeignKey(
        Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("visit")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    minutes = models.IntegerField(_("minutes"))
    effective_on = models.DateField(_("date"), db_index=True)
    # Makes every automatic entry idempotent: "grant:<pk>:<monday>", "visit:<pk>", "return:<pk>", ...
    key = models.CharField(max_length=120, unique=True, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("klippekort entry")
        verbose_name_plural = _("klippekort entries")
        ordering = ["effective_on", "id"]
        indexes = [models.Index(fields=["citizen", "effective_on"])]

    def __str__(self) -> str:
        return f"{self.effective_on} {self.get_kind_display()} {self.minutes:+d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise LedgerIsAppendOnly("klippekort entries cannot be changed; record a correction")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise LedgerIsAppendOnly("klippekort entries cannot be deleted; record a correction")
