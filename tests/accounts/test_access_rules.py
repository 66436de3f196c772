# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The access rules the pages rely on, asked directly."""

from __future__ import annotations

import pytest

from naerhed.accounts.access import can_edit_profile, can_read_audit_log, can_see_staff, citizens_visible_to
from tests.personas import World


@pytest.mark.parametrize(
    ("name", "visible"),
    [
        ("carer", {"a"}),
        ("carer_b", {"b"}),
        ("teamleader", {"a"}),
        ("nurse", {"a"}),
        ("planner", {"a", "b"}),
        ("planner_far", {"far"}),
        ("visitator", {"a", "b", "far"}),
        ("manager", set()),
        ("admin", set()),
    ],
)
def test_each_role_sees_the_citizens_of_its_scope(world: World, name: str, visible: set[str]) -> None:
    by_name = {"a": world.citizen_a, "b": world.citizen_b, "far": world.citizen_far}

    assert set(citizens_visible_to(world.user(name))) == {by_name[key] for key in visible}


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("carer", True),
        ("teamleader", True),
        ("nurse", True),
        ("carer_b", False),
        ("planner", False),
        ("visitator", False),
        ("manager", False),
        ("admin", False),
    ],
)
def test_only_the_citizens_own_team_edits_the_profile(world: World, name: str, allowed: bool) -> None:
    assert can_edit_profile(world.user(name), world.citizen_a) is allowed


def test_only_the_administrator_reads_the_audit_log_and_the_visitator_sees_no_staff(world: World) -> None:
    assert [can_read_audit_log(world.user(n)) for n in ("admin", "manager", "teamleader")] == [
        True,
        False,
        False,
    ]
    assert not can_see_staff(world.user("visitator"))
