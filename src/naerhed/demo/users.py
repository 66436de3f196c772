# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's logins: one user per role, named after the role, password ``demo``.

They exist only in demo data; nothing else in Nærhed creates users with known passwords.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from naerhed.accounts.models import Role, User
from naerhed.organisation.models import District, Municipality, Team
from naerhed.workforce.models import Profession, ShiftLayer, StaffMember
from naerhed.workforce.rota import default_layer_on, weekend_turns

DEMO_PASSWORD = "demo"  # noqa: S105 - the demo's published password
DEMO_USERNAMES = ("carer", "carer2", "teamleader", "planner", "visitator", "nurse", "manager", "admin")


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    scope: str


def build_users(municipality: Municipality, home: Team, other: Team, today: dt.date) -> dict[str, User]:
    """Carer, team leader and nurse in ``home`` (linked to its staff), carer2 in ``other``,
    the planner over ``home``'s district, and visitator, manager and admin municipality-wide.
    The carers and the nurse work a day shift ``today`` where the team's default rota allows, so
    that "My day" shows a route as soon as the demo is built."""
    password = make_password(DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose
    users: dict[str, User] = {}
    for username, role, team, district, staff in _specs(home, other, today):
        user = User(
            username=username,
            password=password,
            role=role,
            municipality=municipality,
            team=team,
            district=district,
            staff=staff,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        if staff is not None:
            user.first_name, user.last_name, user.email = staff.first_name, staff.last_name, staff.email
        user.full_clean(exclude=["password"])
        user.save()
        users[username] = user
    return users


_Spec = tuple[str, Role, Team | None, District | None, StaffMember | None]


def _specs(home: Team, other: Team, today: dt.date) -> list[_Spec]:
    leader = home.leader
    return [
        ("carer", Role.CARER, home, None, _pick(home, Profession.SSH, exclude=leader, today=today)),
        ("carer2", Role.CARER, other, None, _pick(other, Profession.SSH, exclude=other.leader, today=today)),
        ("teamleader", Role.TEAM_LEADER, home, None, leader),
        ("nurse", Role.NURSE, home, None, _pick(home, Profession.NURSE, exclude=leader, today=today)),
        ("planner", Role.PLANNER, None, home.district, None),
        ("visitator", Role.VISITATOR, None, None, None),
        ("manager", Role.MANAGER, None, None, None),
        ("admin", Role.ADMIN, None, None, None),
    ]


def _pick(team: Team, profession: Profession, *, exclude: StaffMember | None, today: dt.date) -> StaffMember:
    """The team's first day worker of a profession (by employee number), other than ``exclude``,
    preferring one whom the default rota gives a day shift ``today``."""
    candidates = StaffMember.objects.filter(team=team, profession=profession, works_day=True)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    ordered = list(candidates.order_by("employee_number"))
    if not ordered:
        raise LookupError(f"{team} has no {profession} working days")
    on_day = _on_day_shift(team, today)
    return next((m for m in ordered if m.pk in on_day), ordered[0])


def _on_day_shift(team: Team, today: dt.date) -> set[int]:
    """The team's staff whom the default rota (what planning creates) puts on a day shift ``today``."""
    week_start = today - dt.timedelta(days=today.weekday())
    members = [
        m
        for m in StaffMember.objects.filter(team=team, employed_since__lte=week_start).order_by("pk")
        if m.employed_until is None or m.employed_until >= week_start
    ]
    turns = weekend_turns(members, week_start)
    return {m.pk for m in members if default_layer_on(m, today, weekend_on=turns[m.pk]) == ShiftLayer.DAY}


def demo_logins() -> list[DemoLogin]:
    """The demo users that exist, with what they can see, for the command's closing table."""
    out: list[DemoLogin] = []
    users = User.objects.filter(username__in=DEMO_USERNAMES).select_related("team", "district", "staff")
    for user in sorted(users, key=lambda u: DEMO_USERNAMES.index(u.username)):
        scope = user.team.name if user.team else user.district.name if user.district else "the municipality"
        if user.staff:
            scope += f" (as {user.staff.full_name})"
        out.append(DemoLogin(user.username, user.get_role_display(), scope))
    return out
