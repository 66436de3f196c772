# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""What the management figures need beyond the care records: each municipality's hourly prices,
budget and CO2 factors per year, and the HR figures imported from the payroll system."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.organisation.models import Municipality, Team

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: Defaults for the CO2 factors; see docs/management.md for where they come from.
DEFAULT_CO2_PETROL_G_PER_KM = Decimal("150.0")
DEFAULT_CO2_ELECTRIC_G_PER_KM = Decimal("20.0")


def _price(label: StrOrPromise) -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(
        label, max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )


class PriceModel(models.Model):
    """A municipality's hourly prices (timepriser) and home-care budget for one year.

    Delivered hours are costed at these prices; the annual budget is spread evenly over the
    year's days. The CO2 factors turn travel km into emissions (see docs/management.md)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="price_models", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    day_weekday = _price(_("personal care, day, weekdays (DKK/hour)"))
    day_weekend = _price(_("personal care, day, weekends (DKK/hour)"))
    evening = _price(_("personal care, evening (DKK/hour)"))
    night = _price(_("personal care, night (DKK/hour)"))
    practical_help = _price(_("practical help, day, weekdays (DKK/hour)"))
    annual_budget = models.DecimalField(
        _("annual budget for delivered help (DKK)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    co2_petrol_g_per_km = models.DecimalField(
        _("CO2 of a petrol car (g/km)"), max_digits=6, decimal_places=1, default=DEFAULT_CO2_PETROL_G_PER_KM
    )
    co2_electric_g_per_km = models.DecimalField(
        _("CO2 of an electric car (g/km)"),
        max_digits=6,
        decimal_places=1,
        default=DEFAULT_CO2_ELECTRIC_G_PER_KM,
        help_text=_("From the electricity grid's mix; 0 counts tailpipe emissions only."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Where the figures come from."))

    class Meta:
        verbose_name = _("price model")
        verbose_name_plural = _("price models")
        ordering = ["municipality__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="price_model_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"


class HrRecord(models.Model):
    """One employee's month from the HR (payroll) system: contract hours, sick hours, and leaving."""

    employee_number = models.CharField(_("employee number"), max_length=30)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="hr_records", verbose_name=_("team")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    employed_since = models.DateField(_("employed since"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    contract_hours = models.DecimalField(
        _("contract hours in the month"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    sick_hours = models.DecimalField(
        _("sick hours in the month"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("HR record")
        verbose_name_plural = _("HR records")
        ordering = ["-month", "employee_number"]
        constraints = [
            models.UniqueConstraint(fields=["employee_number", "month"], name="hr_record_unique_month"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_number} {self.month:%Y-%m}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.month and self.month.day != 1:
            errors["month"] = str(_("Give the first day of the month."))
        if self.left_on and self.employed_since and self.left_on < self.employed_since:
            errors["left_on"] = str(_("The leaving date is before the start of employment."))
        if (
            self.sick_hours is not None
            and self.contract_hours is not None
            and self.sick_hours > self.contract_hours
        ):
            errors["sick_hours"] = str(_("There are more sick hours than contract hours."))
        if errors:
            raise ValidationError(errors)
