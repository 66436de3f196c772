# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Citizens, their relatives and network, wishes about carers, and function levels."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.lib.cpr import InvalidCpr, birth_date, mask_cpr, normalise_cpr
from naerhed.organisation.models import Team
from naerhed.workforce.models import StaffMember


class GenderPreference(models.TextChoices):
    NONE = "", _("No preference")
    FEMALE = "f", _("Female carers")
    MALE = "m", _("Male carers")


def validate_cpr(value: str) -> None:
    try:
        normalise_cpr(value)
    except InvalidCpr as exc:
        raise ValidationError(_("Invalid CPR number: %(reason)s"), params={"reason": str(exc)}) from exc


class Citizen(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # Stored as ten digits; shown in full only on the record page (see cpr_masked).
    cpr = models.CharField(_("CPR number"), max_length=10, unique=True, validators=[validate_cpr])
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=4)
    city = models.CharField(_("city"), max_length=100)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="citizens", verbose_name=_("team"))
    key_person = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="key_citizens",
        verbose_name=_("key person"),
    )
    lives_alone = models.BooleanField(_("lives alone / no active relatives"), default=False)
    memory_impairment = models.BooleanField(_("memory impairment"), default=False)
    gender_preference = models.CharField(
        _("gender preference"), max_length=1, choices=GenderPreference.choices, blank=True, default=""
    )
    wishes = models.TextField(_("wishes"), blank=True)
    started_on = models.DateField(_("receives help since"))
    ended_on = models.DateField(_("help ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:  # never the CPR number
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)

    @property
    def cpr_masked(self) -> str:
        return mask_cpr(self.cpr)

    @property
    def birth_date(self) -> dt.date:
        return birth_date(self.cpr)

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"

    def age(self, on: dt.date) -> int:
        born = self.birth_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    def clean(self) -> None:
        if self.cpr:
            try:
                self.cpr = normalise_cpr(self.cpr)
            except InvalidCpr as exc:
                raise ValidationError({"cpr": str(exc)}) from exc
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end is before the start.")})
        if (
            self.key_person_id
            and self.team_id
            and self.key_person
            and self.key_person.team_id != self.team_id
        ):
            raise ValidationError({"key_person": _("The key person must belong to the citizen's team.")})


class Relative(models.Model):
    """A relative or someone in the citizen's network."""

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="relatives")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(
        _("relation"), max_length=100, help_text=_("e.g. daughter, neighbour, friend")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    consent_to_share = models.BooleanField(
        _("consent to share information"), default=False, help_text=_("The citizen's consent, as recorded.")
    )
    consent_recorded_on = models.DateField(_("consent recorded on"), null=True, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        verbose_name = _("relative")
        verbose_name_plural = _("relatives and network")
        ordering = ["-is_primary", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})"

    def clean(self) -> None:
        if self.consent_to_share and self.consent_recorded_on is None:
            raise ValidationError({"consent_recorded_on": _("Record when consent was given.")})


class CarerWishKind(models.TextChoices):
    PREFERRED = "preferred", _("Preferred")
    BLOCKED = "blocked", _("Must not visit")


class CarerWish(models.Model):
    """A preferred carer (ranked; the key person comes first) or a carer who must never visit."""

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="carer_wishes")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="citizen_wishes")
    kind = models.CharField(_("kind"), max_length=10, choices=CarerWishKind.choices)
    rank = models.PositiveSmallIntegerField(_("rank"), default=1)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("wish about a carer")
        verbose_name_plural = _("wishes about carers")
        ordering = ["kind", "rank"]
        constraints = [models.UniqueConstraint(fields=["citizen", "staff"], name="carer_wish_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.staff}"


class FunctionLevel(models.Model):
    """A Fælles Sprog III function level (0–4, or 9 not relevant) in one area, as assessed."""

    class Level(models.IntegerChoices):
        NONE = 0, _("0 – no or insignificant limitations")
        LIGHT = 1, _("1 – light limitations")
        MODERATE = 2, _("2 – moderate limitations")
        SEVERE = 3, _("3 – severe limitations")
        TOTAL = 4, _("4 – total limitations")
        NOT_RELEVANT = 9, _("9 – not relevant")

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="function_levels")
    fsiii_code = models.CharField(_("FSIII code"), max_length=36)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    assessed_on = models.DateField(_("assessed on"))
    assessor = models.ForeignKey(
        StaffMember, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("assessor")
    )
    assessor_name = models.CharField(_("assessor name"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("function level")
        verbose_name_plural = _("function levels")
        ordering = ["fsiii_code", "-assessed_on"]

    def __str__(self) -> str:
        from naerhed.citizens.fsiii import area_name

        return f"{area_name(self.fsiii_code)}: {self.level}"

    def clean(self) -> None:
        from naerhed.citizens.fsiii import is_function_area

        if not is_function_area(self.fsiii_code):
            raise ValidationError({"fsiii_code": _("Not a Fælles Sprog III function area code.")})
