# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's logins: one user per role, named after the role, password ``demo``.

They exist only in demo data; nothing else in Nærhed creates users with known passwords.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from naerhed.accounts.models import Role, User
from naerhed.organisation.models import District, Municipality, Team
from naerhed.workforce.models import Profession, StaffMember

DEMO_PASSWORD = "demo"  # noqa: S105 - the demo's published password
DEMO_USERNAMES = ("carer", "carer2", "teamleader", "planner", "visitator", "nurse", "manager", "admin")


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    scope: str


def build_users(municipality: Municipality, home: Team, other: Team) -> dict[str, User]:
    """Carer, team leader and nurse in ``home`` (linked to its staff), carer2 in ``other``,
    the planner over ``home``'s district, and visitator, manager and admin municipality-wide."""
    password = make_password(DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose
    users: dict[str, User] = {}
    for username, role, team, district, staff in _specs(home, other):
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


def _specs(home: Team, other: Team) -> list[_Spec]:
    leader = home.leader
    return [
        ("carer", Role.CARER, home, None, _pick(home, Profession.SSH, exclude=leader)),
        ("carer2", Role.CARER, other, None, _pick(other, Profession.SSH, exclude=other.leader)),
        ("teamleader", Role.TEAM_LEADER, home, None, leader),
        ("nurse", Role.NURSE, home, None, _pick(home, Profession.NURSE, exclude=leader)),
        ("planner", Role.PLANNER, None, home.district, None),
        ("visitator", Role.VISITATOR, None, None, None),
        ("manager", Role.MANAGER, None, None, None),
        ("admin", Role.ADMIN, None, None, None),
    ]


def _pick(team: Team, profession: Profession, *, exclude: StaffMember | None) -> StaffMember:
    """The team's first day worker of a profession (by employee number), other than ``exclude``."""
    candidates = StaffMember.objects.filter(team=team, profession=profession, works_day=True)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    member = candidates.order_by("employee_number").first()
    if member is None:
        raise LookupError(f"{team} has no {profession} working days")
    return member


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
