# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Named personas for app tests: two teams in one district, a third team in another district,
a citizen in each, and one user per role. Loaded as a pytest plugin from tests/conftest.py."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from naerhed.accounts.models import Role, User
from naerhed.citizens.models import Citizen
from naerhed.organisation.models import Team
from tests import factories as f


@dataclass
class World:
    team_a: Team
    team_b: Team
    team_far: Team
    citizen_a: Citizen
    citizen_b: Citizen
    citizen_far: Citizen
    users: dict[str, User]

    def user(self, name: str) -> User:
        return self.users[name]


@pytest.fixture
def world(db: None) -> World:
    """Team A and team B share a district; team 'far' is in another district of the same municipality.
    Users: carer (team A), carer_b (team B), teamleader (A), nurse (A), planner (A's district),
    planner_far (the other district), visitator, manager, admin."""
    near = f.district(name="Aabenraa Syd")
    far = f.district(name="Aabenraa Nord")
    team_a, team_b, team_far = (
        f.team(district=near, name="Team Hjordkær"),
        f.team(district=near, name="Team Rødekro"),
        f.team(district=far, name="Team Bov"),
    )
    users = {
        "carer": f.user(Role.CARER, team=team_a, username="carer"),
        "carer_b": f.user(Role.CARER, team=team_b, username="carer_b"),
        "teamleader": f.user(Role.TEAM_LEADER, team=team_a, username="teamleader"),
        "nurse": f.user(Role.NURSE, team=team_a, username="nurse"),
        "planner": f.user(Role.PLANNER, district=near, username="planner"),
        "planner_far": f.user(Role.PLANNER, district=far, username="planner_far"),
        "visitator": f.user(Role.VISITATOR, username="visitator"),
        "manager": f.user(Role.MANAGER, username="manager"),
        "admin": f.user(Role.ADMIN, username="admin"),
    }
    return World(
        team_a=team_a,
        team_b=team_b,
        team_far=team_far,
        citizen_a=f.citizen(team=team_a, first_name="Inger", last_name="Andersen"),
        citizen_b=f.citizen(team=team_b, first_name="Poul", last_name="Bertelsen"),
        citizen_far=f.citizen(team=team_far, first_name="Karen", last_name="Frandsen"),
        users=users,
    )
