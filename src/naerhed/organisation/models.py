# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Municipality → districts → teams."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from naerhed.workforce.models import StaffMember


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(
        _("municipality code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", _("A municipality code is three digits."))],
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="districts", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="district_unique_name")]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A small, self-steering, interdisciplinary team serving one geographic area."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="teams", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=100)
    leader: models.ForeignKey[StaffMember | None, StaffMember | None] = models.ForeignKey(
        "workforce.StaffMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="teams_led",
        verbose_name=_("team leader"),
    )
    office_address = models.CharField(_("office address"), max_length=200, blank=True)
    office_lat = models.FloatField(_("office latitude"), null=True, blank=True)
    office_lon = models.FloatField(_("office longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["district__name", "name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name
