# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Staff: profession, competence card, contract, shift layers, transport, seniority."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.organisation.models import Team


class Profession(models.TextChoices):
    SSH = "ssh", _("Social and health care helper (SSH)")
    SSA = "ssa", _("Social and health care assistant (SSA)")
    NURSE = "nurse", _("Nurse")
    OCCUPATIONAL_THERAPIST = "ot", _("Occupational therapist")
    PHYSIOTHERAPIST = "pt", _("Physiotherapist")
    PEDAGOGUE = "pedagogue", _("Pedagogue")
    UNSKILLED = "unskilled", _("Unskilled")
    CLEANING_ASSISTANT = "cleaning", _("Cleaning assistant")


class ShiftLayer(models.TextChoices):
    DAY = "day", _("Day")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")


class Transport(models.TextChoices):
    CAR = "car", _("Car")
    ELECTRIC_CAR = "electric_car", _("Electric car")
    BIKE = "bike", _("Bike")
    WALKING = "walking", _("Walking")


class Gender(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")
    OTHER = "x", _("Other")


class Competence(models.Model):
    """One entry of the competence catalogue (a line on the competence card)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    delegated_nursing = models.BooleanField(
        _("delegated nursing task"), default=False, help_text=_("A task delegated from nurses (SUL §138).")
    )

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StaffMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="staff", verbose_name=_("team"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    employee_number = models.CharField(_("employee number"), max_length=30, unique=True)
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    weekly_hours = models.DecimalField(
        _("weekly contract hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("48"))],
    )
    works_day = models.BooleanField(_("works day shifts"), default=True)
    works_evening = models.BooleanField(_("works evening shifts"), default=False)
    works_night = models.BooleanField(_("works night shifts"), default=False)
    transport = models.CharField(
        _("transport"), max_length=20, choices=Transport.choices, default=Transport.CAR
    )
    starts_from_home = models.BooleanField(
        _("starts from home"), default=False, help_text=_("If not, shifts start and end at the team office.")
    )
    home_address = models.CharField(_("home address"), max_length=200, blank=True)
    home_lat = models.FloatField(_("home latitude"), null=True, blank=True)
    home_lon = models.FloatField(_("home longitude"), null=True, blank=True)
    employed_since = models.DateField(_("employed since"))
    employed_until = models.DateField(_("employed until"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    competences: models.ManyToManyField[Competence, StaffCompetence] = models.ManyToManyField(
        Competence, through="StaffCompetence", related_name="holders", verbose_name=_("competences")
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def shift_layers(self) -> list[ShiftLayer]:
        layers = [(self.works_day, ShiftLayer.DAY), (self.works_evening, ShiftLayer.EVENING)]
        layers.append((self.works_night, ShiftLayer.NIGHT))
        return [layer for works, layer in layers if works]

    def seniority_years(self, on: dt.date) -> float:
        return max(0.0, (on - self.employed_since).days / 365.25)

    def clean(self) -> None:
        if not (self.works_day or self.works_evening or self.works_night):
            raise ValidationError(_("A staff member works at least one shift layer."))
        if self.starts_from_home and (self.home_lat is None or self.home_lon is None):
            raise ValidationError({"home_lat": _("Coordinates of the home are needed to start from home.")})
        if self.employed_until and self.employed_until < self.employed_since:
            raise ValidationError({"employed_until": _("The end of employment is before its start.")})


class StaffCompetence(models.Model):
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="competence_cards")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="cards")
    gained_on = models.DateField(_("gained on"))

    class Meta:
        verbose_name = _("competence held")
        verbose_name_plural = _("competences held")
        constraints = [
            models.UniqueConstraint(fields=["staff", "competence"], name="staff_competence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.staff}: {self.competence}"


class RosterShift(models.Model):
    """One worked shift on the rota: paid time from ``starts_at`` to ``ends_at``, with an optional break."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="roster_shifts")
    date = models.DateField(_("date"), db_index=True)
    layer = models.CharField(_("shift layer"), max_length=10, choices=ShiftLayer.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    break_earliest = models.DateTimeField(_("break from"), null=True, blank=True)
    break_latest = models.DateTimeField(_("break starts at the latest"), null=True, blank=True)
    break_minutes = models.PositiveSmallIntegerField(_("break (minutes)"), default=0)
    break_start = models.DateTimeField(
        _("planned break"), null=True, blank=True, help_text=_("When the published plan puts the break.")
    )
    absent = models.BooleanField(_("absent"), default=False, help_text=_("Sick or otherwise away."))

    class Meta:
        verbose_name = _("rota shift")
        verbose_name_plural = _("rota")
        ordering = ["date", "starts_at"]
        constraints = [models.UniqueConstraint(fields=["staff", "date", "layer"], name="roster_shift_unique")]

    def __str__(self) -> str:
        return f"{self.staff} {self.date} {self.get_layer_display()}"

    def clean(self) -> None:
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The shift ends before it starts.")})
        if self.break_minutes and not (self.break_earliest and self.break_latest):
            raise ValidationError({"break_earliest": _("Give the window of the break.")})
