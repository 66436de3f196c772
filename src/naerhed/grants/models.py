# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The service catalogue and grants: what a citizen has been granted, from when, to when, how often."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.models import Citizen
from naerhed.workforce.models import Competence, ShiftLayer


class LawParagraph(models.TextChoices):
    SEL_83_PERSONAL = "sel83-personal", _("SEL §83 personal care")
    SEL_83_PRACTICAL = "sel83-practical", _("SEL §83 practical help")
    SEL_83A = "sel83a", _("SEL §83a rehabilitation")
    SEL_94 = "sel94", _("SEL §94 appointed helper")
    SUL_138 = "sul138", _("SUL §138 home nursing (delegated)")
    SUL_140 = "sul140", _("SUL §140 rehabilitation training")
    ELDERLY_ACT = "elderly-act", _("Elderly Act care course")
    KLIPPEKORT = "klippekort", _("Klippekort")


class ServiceKind(models.TextChoices):
    PACKAGE = "package", _("Package")
    SINGLE = "single", _("Single service")
    CARE_COURSE = "course", _("Care course with a weekly frame")
    KLIPPEKORT = "klippekort", _("Klippekort")


class Priority(models.IntegerChoices):
    MUST = 1, _("Must be done")
    SHOULD = 2, _("Should be done")
    MAY_MOVE = 3, _("May move")


class Recurrence(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKDAYS = "weekdays", _("On chosen weekdays")
    EVERY_N_DAYS = "interval", _("Every N days")
    WEEKLY_FRAME = "frame", _("Weekly frame the team distributes")
    ON_DEMAND = "on-demand", _("Booked by the citizen")


WEEKDAY_MASK = re.compile(r"^[01]{7}$")


class Service(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=ServiceKind.choices)
    paragraph = models.CharField(_("law paragraph"), max_length=20, choices=LawParagraph.choices)
    required_competences = models.ManyToManyField(
        Competence, blank=True, related_name="services", verbose_name=_("required competences")
    )
    shift_layer = models.CharField(_("shift layer"), max_length=10, choices=ShiftLayer.choices)
    default_duration = models.PositiveSmallIntegerField(
        _("default duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    two_carers = models.BooleanField(_("needs two carers"), default=False)
    remote = models.BooleanField(_("screen visit"), default=False)
    default_priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MUST
    )
    weekly_price = models.DecimalField(
        _("average weekly price (DKK)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("service catalogue")
        ordering = ["paragraph", "name"]

    def __str__(self) -> str:
        return self.name


class Grant(models.Model):
    """A citizen's grant of a service from a date, optionally to an end date (time-limited)."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="grants", verbose_name=_("citizen")
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="grants", verbose_name=_("service")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (inclusive)"), null=True, blank=True)
    recurrence = models.CharField(_("recurrence"), max_length=10, choices=Recurrence.choices)
    weekdays = models.CharField(
        _("weekdays"), max_length=7, default="1111111", help_text=_("Seven 0/1 digits, Monday first.")
    )
    interval_days = models.PositiveSmallIntegerField(_("every N days"), null=True, blank=True)
    window_start = models.TimeField(_("earliest start"))
    window_end = models.TimeField(_("latest start"))
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    weekly_minutes = models.PositiveIntegerField(
        _("minutes per week"), null=True, blank=True, help_text=_("The frame of a care course or klippekort.")
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MUST
    )
    two_carers = models.BooleanField(_("needs two carers"), default=False)
    remote = models.BooleanField(_("screen visit"), default=False)
    note = models.TextField(_("note"), blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["citizen", "starts_on"]

    def __str__(self) -> str:
        return (
            f"{self.service} ({self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y})"
            if self.ends_on
            else str(self.service)
        )

    @property
    def time_limited(self) -> bool:
        return self.ends_on is not None

    def active_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = str(_("The end date is before the start date."))
        if self.window_start and self.window_end and self.window_end < self.window_start:
            errors["window_end"] = str(_("The latest start is before the earliest start."))
        if not WEEKDAY_MASK.match(self.weekdays or "") or self.weekdays == "0000000":
            errors["weekdays"] = str(_("Give seven 0/1 digits, Monday first, with at least one 1."))
        if self.recurrence == Recurrence.EVERY_N_DAYS and not self.interval_days:
            errors["interval_days"] = str(_("Give the number of days between visits."))
        if self.recurrence in (Recurrence.WEEKLY_FRAME, Recurrence.ON_DEMAND) and not self.weekly_minutes:
            errors["weekly_minutes"] = str(_("Give the minutes per week."))
        if errors:
            raise ValidationError(errors)
