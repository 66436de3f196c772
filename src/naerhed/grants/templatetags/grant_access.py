# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``{% load grant_access %}``: whether to show the grant buttons, by the rule in ``accounts.access``."""

from __future__ import annotations

from django import template

from naerhed.accounts.access import can_write_grants
from naerhed.accounts.models import User

register = template.Library()


@register.filter(name="can_write_grants")
def can_write_grants_filter(user: object) -> bool:
    return isinstance(user, User) and user.is_authenticated and can_write_grants(user)
