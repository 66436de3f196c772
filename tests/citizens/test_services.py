# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The named writes to a citizen's record: they validate, change, and log in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from naerhed.audit.models import Action, AuditEvent
from naerhed.citizens.fsiii import function_areas
from naerhed.citizens.models import CarerWish, CarerWishKind, FunctionLevel
from naerhed.citizens.services import (
    open_citizen_for_edit,
    open_citizen_record,
    record_function_level,
    update_citizen_profile,
)
from tests import factories as f
from tests.personas import World

AREA = next(iter(function_areas()))


def test_profile_update_changes_the_fields_and_logs_their_names_not_their_values(world: World) -> None:
    key = f.staff(team=world.team_a)
    citizen = world.citizen_a

    changed = update_citizen_profile(
        citizen=citizen,
        by=world.user("carer"),
        wishes="Kaffe før badet",
        memory_impairment=True,
        key_person=key,
    )

    citizen.refresh_from_db()
    assert (citizen.wishes, citizen.memory_impairment, citizen.key_person) == ("Kaffe før badet", True, key)
    event = AuditEvent.objects.get()
    assert (event.action, event.citizen_id, event.username) == (Action.UPDATE, citizen.pk, "carer")
    assert event.summary == "profile: " + ", ".join(changed)
    assert "Kaffe" not in event.summary


def test_profile_update_without_changes_writes_nothing(world: World) -> None:
    changed = update_citizen_profile(citizen=world.citizen_a, by=world.user("carer"), wishes="")

    assert changed == []
    assert not AuditEvent.objects.exists()


def test_profile_update_refuses_a_key_person_from_another_team_and_stores_nothing(world: World) -> None:
    stranger = f.staff(team=world.team_b)

    with pytest.raises(ValidationError) as error:
        update_citizen_profile(
            citizen=world.citizen_a, by=world.user("carer"), key_person=stranger, wishes="x"
        )

    assert "key_person" in error.value.message_dict
    world.citizen_a.refresh_from_db()
    assert (world.citizen_a.key_person, world.citizen_a.wishes) == (None, "")
    assert not AuditEvent.objects.exists()


def test_profile_update_refuses_fields_outside_the_profile(world: World) -> None:
    with pytest.raises(ValueError, match="cpr"):
        update_citizen_profile(citizen=world.citizen_a, by=world.user("carer"), cpr="0101401234")


def test_function_level_is_recorded_with_the_assessor_and_logged(world: World) -> None:
    nurse = world.user("nurse")
    nurse.first_name, nurse.last_name = "Nina", "Sygeplejerske"

    level = record_function_level(
        citizen=world.citizen_a, code=AREA, level=2, assessed_on=dt.date(2026, 11, 2), by=nurse
    )

    assert (level.fsiii_code, level.level, level.assessor_name) == (AREA, 2, "Nina Sygeplejerske")
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.citizen_id) == (
        Action.CREATE,
        "functionlevel",
        world.citizen_a.pk,
    )


@pytest.mark.parametrize(
    ("code", "level", "days_ahead", "field"),
    [("not-a-code", 2, 0, "code"), (AREA, 7, 0, "level"), (AREA, 2, 1, "assessed_on")],
)
def test_function_level_with_bad_input_names_the_field_and_stores_nothing(
    world: World, code: str, level: int, days_ahead: int, field: str
) -> None:
    assessed_on = timezone.localdate() + dt.timedelta(days=days_ahead)

    with pytest.raises(ValidationError) as error:
        record_function_level(
            citizen=world.citizen_a, code=code, level=level, assessed_on=assessed_on, by=world.user("nurse")
        )

    assert list(error.value.message_dict) == [field]
    assert not FunctionLevel.objects.exists()


def test_opening_for_edit_refuses_a_planner_who_may_only_read(world: World) -> None:
    with pytest.raises(PermissionDenied):
        open_citizen_for_edit(user=world.user("planner"), pk=world.citizen_a.pk, purpose="profile form")

    assert AuditEvent.objects.get().action == Action.DENIED


def test_opening_a_record_of_another_team_is_refused_and_logged(world: World) -> None:
    with pytest.raises(PermissionDenied):
        open_citizen_record(user=world.user("carer_b"), pk=world.citizen_a.pk)

    assert AuditEvent.objects.get().action == Action.DENIED


def test_preferred_and_blocked_carers_are_replaced_keeping_those_who_stay(world: World) -> None:
    stays, goes, new, blocked = (f.staff(team=world.team_a) for _ in range(4))
    citizen = world.citizen_a
    CarerWish.objects.create(citizen=citizen, staff=stays, kind=CarerWishKind.PREFERRED, reason="tryghed")
    CarerWish.objects.create(citizen=citizen, staff=goes, kind=CarerWishKind.PREFERRED, rank=2)

    changed = update_citizen_profile(
        citizen=citizen, by=world.user("teamleader"), preferred_carers=[stays, new], blocked_carers=[blocked]
    )

    assert changed == ["preferred_carers", "blocked_carers"]
    wishes = {(w.staff, w.kind): w for w in citizen.carer_wishes.all()}
    assert set(wishes) == {
        (stays, CarerWishKind.PREFERRED),
        (new, CarerWishKind.PREFERRED),
        (blocked, CarerWishKind.BLOCKED),
    }
    assert wishes[(stays, CarerWishKind.PREFERRED)].reason == "tryghed"
    assert AuditEvent.objects.get().summary == "profile: preferred_carers, blocked_carers"


def test_a_carer_cannot_be_both_preferred_and_blocked(world: World) -> None:
    member = f.staff(team=world.team_a)
    CarerWish.objects.create(citizen=world.citizen_a, staff=member, kind=CarerWishKind.BLOCKED)

    with pytest.raises(ValidationError) as error:
        update_citizen_profile(citizen=world.citizen_a, by=world.user("carer"), preferred_carers=[member])

    assert list(error.value.message_dict) == ["blocked_carers"]
    assert world.citizen_a.carer_wishes.get().kind == CarerWishKind.BLOCKED
