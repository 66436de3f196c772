# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Grant writes: validated, audit-logged, and all-or-nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from naerhed.audit.models import AuditEvent
from naerhed.grants import services
from naerhed.grants.models import Grant, Recurrence, Service
from tests import factories as f
from tests.personas import World

MONDAY = dt.date(2026, 11, 16)


def fields(service: Service, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "service_id": service.pk,
        "starts_on": MONDAY,
        "recurrence": Recurrence.DAILY,
        "window_start": dt.time(7),
        "window_end": dt.time(9),
        "duration": 25,
    }
    return base | overrides


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def service(db: None) -> Service:
    return f.service("aftenpakke")


def test_a_grant_is_not_saved_when_its_audit_event_cannot_be_written(
    world: World, service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(**_: Any) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services, "record_event", fail)
    with pytest.raises(RuntimeError):
        services.create_grant(citizen=world.citizen_a, by=world.user("visitator"), **fields(service))
    assert not Grant.objects.exists()


def test_a_change_is_rolled_back_when_its_audit_event_cannot_be_written(
    world: World, service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    grant = services.create_grant(citizen=world.citizen_a, by=world.user("visitator"), **fields(service))
    monkeypatch.setattr(services, "record_event", lambda **_: (_ for _ in ()).throw(RuntimeError("down")))
    with pytest.raises(RuntimeError):
        services.update_grant(grant=grant, by=world.user("visitator"), duration=40)
    grant.refresh_from_db()
    assert grant.duration == 25


def test_fields_a_grant_does_not_have_are_a_programming_error(world: World, service: Service) -> None:
    with pytest.raises(ValueError, match="citizen_id"):
        visitator = world.user("visitator")
        services.create_grant(
            citizen=world.citizen_a, by=visitator, citizen_id=world.citizen_b.pk, **fields(service)
        )


def test_model_errors_name_the_service_by_the_field_writers_use(world: World, service: Service) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_grant(
            citizen=world.citizen_a, by=world.user("visitator"), **fields(service, service_id=None)
        )
    assert "service_id" in caught.value.message_dict


def test_ending_a_grant_sets_its_last_day_and_logs_it(world: World, service: Service) -> None:
    visitator = world.user("visitator")
    grant = services.create_grant(citizen=world.citizen_a, by=visitator, **fields(service))
    assert services.end_grant(grant=grant, by=visitator, ends_on=dt.date(2026, 12, 31)) == ["ends_on"]
    grant.refresh_from_db()
    assert grant.ends_on == dt.date(2026, 12, 31)
    assert AuditEvent.objects.filter(citizen_id=world.citizen_a.pk).count() == 2
