# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The administrator's audit-log page: filters by user, action, citizen and dates; never editable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from naerhed.audit.models import Action, AuditEvent, AuditLogIsAppendOnly
from naerhed.audit.services import record_event
from tests.personas import World


@pytest.fixture
def events(world: World) -> None:
    carer, nurse = world.user("carer"), world.user("nurse")
    record_event(
        user=carer, action=Action.VIEW, object_type="citizen", object_id=11, citizen_id=11, summary="s-one"
    )
    record_event(
        user=carer, action=Action.DENIED, object_type="citizen", object_id=22, citizen_id=22, summary="s-two"
    )
    record_event(
        user=nurse,
        action=Action.UPDATE,
        object_type="citizen",
        object_id=11,
        citizen_id=11,
        summary="s-three",
    )


def _summaries(client: Client, **filters: str) -> set[str]:
    response = client.get("/audit/", filters)
    assert response.status_code == 200
    return {event.summary for event in response.context["page"]}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"s-one", "s-two", "s-three"}),
        ({"user": "nurse"}, {"s-three"}),
        ({"action": "denied"}, {"s-two"}),
        ({"citizen": "11"}, {"s-one", "s-three"}),
        ({"user": "carer", "citizen": "11"}, {"s-one"}),
    ],
)
def test_audit_log_filters_by_user_action_and_citizen(
    world: World, events: None, client: Client, filters: dict[str, str], expected: set[str]
) -> None:
    client.force_login(world.user("admin"))

    assert _summaries(client, **filters) == expected


def test_audit_log_filters_by_date_range_in_copenhagen_days(
    world: World, events: None, client: Client
) -> None:
    client.force_login(world.user("admin"))
    today = timezone.localdate()

    assert len(_summaries(client, date_from=today.isoformat(), date_to=today.isoformat())) == 3
    assert _summaries(client, date_to=(today - dt.timedelta(days=1)).isoformat()) == set()


def test_audit_log_with_reversed_dates_names_the_field_and_lists_nothing(
    world: World, events: None, client: Client
) -> None:
    client.force_login(world.user("admin"))

    response = client.get("/audit/", {"date_from": "2026-11-20", "date_to": "2026-11-01"})

    assert response.context["form"].errors["date_to"]
    assert list(response.context["page"]) == []


def test_audit_log_page_cannot_change_anything(world: World, events: None, client: Client) -> None:
    client.force_login(world.user("admin"))

    assert client.post("/audit/", {"action": "view"}).status_code == 405
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.first().delete()  # type: ignore[union-attr]
