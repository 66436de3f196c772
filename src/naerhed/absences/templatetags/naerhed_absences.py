# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The proposal page's lookup filter, and the link to a team's sick calls for other apps' pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils import timezone

from naerhed.accounts.models import User
from naerhed.organisation.models import Team
from naerhed.planning.queries import planning_teams

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any], key: str) -> Any:
    return mapping.get(key, ())


@register.inclusion_tag("absences/_link.html", takes_context=True)
def sick_call_link(context: dict[str, Any], team: Team) -> dict[str, Any]:
    """A link to the team's sick calls today, for those who re-plan the team (nothing for others)."""
    user = context.get("user")
    allowed = isinstance(user, User) and planning_teams(user).filter(pk=team.pk).exists()
    return {"team": team if allowed else None, "today": timezone.localdate().isoformat()}
