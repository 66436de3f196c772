# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The main navigation, by role: each role sees links to the pages it may open."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from naerhed.accounts.access import (
    can_read_audit_log,
    can_read_records,
    can_see_figures,
    can_see_staff,
    can_view_board,
    can_write_grants,
)
from naerhed.accounts.models import TEAM_SCOPED_ROLES, User
from naerhed.management.navigation import NAV_LABEL as FIGURES_LABEL
from naerhed.planning.queries import can_plan


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool


def nav_items(user: User, path: str) -> list[NavItem]:
    links: list[tuple[str | Promise, str]] = [(_("Home"), reverse("home"))]
    if user.team_id is not None:
        links.append((_("My team"), reverse("organisation:team_detail", args=[user.team_id])))
    else:
        links.append((_("Teams"), reverse("organisation:team_list")))
    # "My day" is a staff member's route: a user not linked to one would only be refused.
    if user.role in TEAM_SCOPED_ROLES and user.team_id is not None and user.staff_id is not None:
        links.append((_("My day"), reverse("carer_day:route")))
    if can_view_board(user):
        links.append((_("Board"), reverse("board:index")))
    if can_plan(user):
        links.append((_("Planning"), reverse("planning:list")))
        links.append((_("Sick calls"), reverse("absences:index")))
    if can_read_records(user):
        links.append((_("Citizens"), reverse("citizens:list")))
        links.append((_("Care quality"), reverse("quality:index")))
    if can_write_grants(user):
        links.append((_("Grants"), reverse("grants:overview")))
    if can_see_staff(user):
        links.append((_("Staff"), reverse("workforce:list")))
    if can_see_figures(user):
        links.append((FIGURES_LABEL, reverse("management:dashboard")))
    if can_read_audit_log(user):
        links.append((_("Audit log"), reverse("audit:log")))
    if user.is_staff:
        links.append((_("Administration"), reverse("admin:index")))
    return [NavItem(label, url, _is_active(url, path)) for label, url in links]


def scope_label(user: User) -> str:
    """The team, district or municipality the user works in, for the page header."""
    for place in (user.team, user.district, user.municipality):
        if place is not None:
            return str(place)
    return ""


def _is_active(url: str, path: str) -> bool:
    return path == url if url == "/" else path.startswith(url)
