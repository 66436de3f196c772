# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Users with one role and a scope (team or district), and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.organisation.models import District, Municipality, Team
from naerhed.workforce.models import StaffMember


class Role(models.TextChoices):
    CARER = "carer", _("Carer")
    TEAM_LEADER = "teamleader", _("Team leader")
    PLANNER = "planner", _("Planner")
    VISITATOR = "visitator", _("Needs assessor (visitator)")
    NURSE = "nurse", _("Nurse")
    MANAGER = "manager", _("Manager")
    ADMIN = "admin", _("Administrator")


#: Roles whose access to citizens' records is limited to their own team.
TEAM_SCOPED_ROLES = frozenset({Role.CARER, Role.TEAM_LEADER, Role.NURSE})


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CARER)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("municipality")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("team")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("district"),
    )
    staff = models.OneToOneField(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=_("staff member"),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self) -> None:
        super().clean()
        if self.role in TEAM_SCOPED_ROLES and self.team_id is None:
            raise ValidationError(
                {"team": _("A %(role)s must belong to a team.") % {"role": self.get_role_display()}}
            )
        if self.role == Role.PLANNER and self.district_id is None:
            raise ValidationError({"district": _("A planner must belong to a district.")})


class ApiToken(models.Model):
    """A bearer token for an integration. Only a hash of the secret is stored."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=8, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    @classmethod
    def new_key(cls) -> str:
        return "nh_" + secrets.token_urlsafe(32)


class LoginFailure(models.Model):
    """A wrong staff password, kept for the log-in lock (:mod:`naerhed.accounts.throttle`)."""

    username = models.CharField(_("user name"), max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True, db_index=True)
    at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("failed log-in")
        verbose_name_plural = _("failed log-ins")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"
