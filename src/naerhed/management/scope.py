# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Whose figures a dashboard shows: the municipality, one district or one team, within what the user
may see (managers their municipality, planners their district, team leaders their team)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from naerhed.accounts.access import can_see_figures, teams_visible_to
from naerhed.accounts.models import Role, User
from naerhed.organisation.models import Municipality, Team


class ScopeLevel(StrEnum):
    MUNICIPALITY = "municipality"
    DISTRICT = "district"
    TEAM = "team"


@dataclass(frozen=True)
class Scope:
    level: ScopeLevel
    pk: int
    name: str
    municipality: Municipality
    teams: tuple[Team, ...]

    @property
    def token(self) -> str:
        return f"{self.level}-{self.pk}"

    @property
    def team_ids(self) -> tuple[int, ...]:
        return tuple(t.pk for t in self.teams)

    @property
    def label(self) -> str:
        return f"{self.name}"


def scopes_for(user: User) -> list[Scope]:
    """Every scope the user may choose, widest first; PermissionDenied for roles without figures."""
    if not can_see_figures(user):
        raise PermissionDenied("only managers, planners and team leaders see the management figures")
    teams = list(
        teams_visible_to(user).select_related("district__municipality").order_by("district__name", "name")
    )
    if not teams:
        return []
    out: list[Scope] = []
    municipality = teams[0].district.municipality
    if user.role == Role.MANAGER:
        out.append(
            Scope(ScopeLevel.MUNICIPALITY, municipality.pk, municipality.name, municipality, tuple(teams))
        )
    if user.role in (Role.MANAGER, Role.PLANNER):
        districts = {t.district_id: t.district for t in teams}
        for pk, district in districts.items():
            members = tuple(t for t in teams if t.district_id == pk)
            out.append(Scope(ScopeLevel.DISTRICT, pk, district.name, municipality, members))
    out.extend(Scope(ScopeLevel.TEAM, t.pk, t.name, municipality, (t,)) for t in teams)
    return out


def scope_for(user: User, token: str | None) -> Scope:
    """The scope named by ``token`` (e.g. ``district-3``), or the user's widest; PermissionDenied
    for a scope outside the user's (also for unknown ones, so that ids cannot be probed)."""
    scopes = scopes_for(user)
    if not scopes:
        raise PermissionDenied(_("You have no teams to show figures for."))
    if not token:
        return scopes[0]
    for scope in scopes:
        if scope.token == token:
            return scope
    raise PermissionDenied("scope outside your own")
