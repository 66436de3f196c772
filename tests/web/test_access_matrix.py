# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every role against every sensitive page: who is let in, who is refused, who must log in first.

Team A and team B share a district; team "far" is in another district. Staff member
``staff_a`` works in team A, ``staff_far`` in the far team.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from naerhed.audit.models import Action, AuditEvent
from tests import factories as f
from tests.personas import World

ALL = ("carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "visitator", "manager", "admin")


def _expect(allowed: set[str]) -> list[tuple[str, int]]:
    return [(role, 200 if role in allowed else 403) for role in ALL]


RECORD_READERS = {"carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "visitator"}
STAFF_READERS = {"carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "manager", "admin"}

MATRIX: dict[str, list[tuple[str, int]]] = {
    "home": _expect(set(ALL)),
    "citizen_list": _expect(RECORD_READERS),
    "record_a": _expect({"carer", "teamleader", "nurse", "planner", "visitator"}),
    "record_b": _expect({"carer_b", "planner", "visitator"}),
    "record_far": _expect({"planner_far", "visitator"}),
    "edit_a": _expect({"carer", "teamleader", "nurse"}),
    "function_level_a": _expect({"carer", "teamleader", "nurse"}),
    "staff_list": _expect(STAFF_READERS),
    "staff_a": _expect({"carer", "teamleader", "nurse", "planner", "manager", "admin"}),
    "staff_far": _expect({"planner_far", "manager", "admin"}),
    "team_list": _expect(set(ALL)),
    "team_a": _expect({"carer", "teamleader", "nurse", "planner", "visitator", "manager", "admin"}),
    "team_far": _expect({"planner_far", "visitator", "manager", "admin"}),
    "audit_log": _expect({"admin"}),
}
CASES = [(role, page, status) for page, expected in MATRIX.items() for role, status in expected]


@dataclass
class Pages:
    urls: dict[str, str]


@pytest.fixture
def pages(world: World) -> Pages:
    staff_a = f.staff(team=world.team_a)
    staff_far = f.staff(team=world.team_far)
    a, b, far = world.citizen_a.pk, world.citizen_b.pk, world.citizen_far.pk
    urls = {
        "home": "/",
        "citizen_list": "/citizens/",
        "record_a": f"/citizens/{a}/",
        "record_b": f"/citizens/{b}/",
        "record_far": f"/citizens/{far}/",
        "edit_a": f"/citizens/{a}/profile/",
        "function_level_a": f"/citizens/{a}/function-levels/new/",
        "staff_list": "/staff/",
        "staff_a": f"/staff/{staff_a.pk}/",
        "staff_far": f"/staff/{staff_far.pk}/",
        "team_list": "/teams/",
        "team_a": f"/teams/{world.team_a.pk}/",
        "team_far": f"/teams/{world.team_far.pk}/",
        "audit_log": "/audit/",
    }
    return Pages(urls)


@pytest.mark.parametrize(("role", "page", "status"), CASES, ids=[f"{r}-{p}-{s}" for r, p, s in CASES])
def test_each_role_gets_exactly_the_pages_its_scope_allows(
    world: World, pages: Pages, client: Client, role: str, page: str, status: int
) -> None:
    client.force_login(world.user(role))

    response = client.get(pages.urls[page])

    assert response.status_code == status


@pytest.mark.parametrize("page", sorted(MATRIX))
def test_anonymous_visitors_are_sent_to_the_login_page(pages: Pages, client: Client, page: str) -> None:
    response = client.get(pages.urls[page])

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize(("role", "status"), [(role, 200 if role == "admin" else 302) for role in ALL])
def test_only_the_administrator_opens_the_django_admin(
    world: World, client: Client, role: str, status: int
) -> None:
    client.force_login(world.user(role))

    assert client.get("/admin/").status_code == status


@pytest.mark.parametrize(
    ("role", "page", "status"), [c for c in CASES if c[1].startswith(("record_", "edit_", "function_level_"))]
)
def test_every_record_opening_leaves_a_view_or_denied_event(
    world: World, pages: Pages, client: Client, role: str, page: str, status: int
) -> None:
    user = world.user(role)
    client.force_login(user)

    client.get(pages.urls[page])

    event = AuditEvent.objects.get(user=user)
    assert event.action == (Action.VIEW if status == 200 else Action.DENIED)
    assert event.citizen_id == int(pages.urls[page].split("/")[2])
