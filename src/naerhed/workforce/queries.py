# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reads for the staff pages, always through the user's scope."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from naerhed.accounts.access import staff_visible_to
from naerhed.accounts.models import User
from naerhed.workforce.models import StaffCompetence, StaffMember


def staff_list(user: User, *, search: str = "", team_id: int | None = None) -> QuerySet[StaffMember]:
    """Current staff the user may see, by name and team."""
    staff = staff_visible_to(user).filter(employed_until__isnull=True)
    for word in search.split():
        staff = staff.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if team_id is not None:
        staff = staff.filter(team_id=team_id)
    return staff.order_by("team__name", "first_name", "last_name")


def staff_member_for(user: User, pk: int) -> StaffMember | None:
    return staff_visible_to(user).filter(pk=pk).first()


def competence_card(member: StaffMember) -> list[StaffCompetence]:
    return list(member.competence_cards.select_related("competence").order_by("competence__name"))
