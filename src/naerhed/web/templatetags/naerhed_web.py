# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Template tags for the layout: the role's navigation and the user's scope."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

from naerhed.accounts.models import Role, User
from naerhed.web.navigation import NavItem, nav_items, scope_label

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context: dict[str, Any]) -> list[NavItem]:
    request: HttpRequest = context["request"]
    user = request.user
    return nav_items(user, request.path) if isinstance(user, User) else []


@register.filter
def scope_of(user: Any) -> str:
    return scope_label(user) if isinstance(user, User) else ""


@register.filter
def role_label(value: str) -> str:
    """The translated name of a role stored as its code (as in the audit log)."""
    return str(Role(value).label) if value in Role.values else value
