# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The profile and function-level forms: good input is stored and logged, bad input names the field."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from naerhed.audit.models import Action, AuditEvent
from naerhed.citizens.fsiii import function_areas
from naerhed.citizens.models import FunctionLevel
from tests import factories as f
from tests.personas import World

AREA = next(iter(function_areas()))


def test_team_leader_saves_wishes_flags_and_key_person(world: World, client: Client) -> None:
    key = f.staff(team=world.team_a)
    client.force_login(world.user("teamleader"))
    data = {
        "wishes": "Vil gerne have radioen tændt",
        "lives_alone": "on",
        "gender_preference": "f",
        "key_person": key.pk,
    }

    response = client.post(f"/citizens/{world.citizen_a.pk}/profile/", data)

    assert response.status_code == 302
    world.citizen_a.refresh_from_db()
    assert (world.citizen_a.wishes, world.citizen_a.lives_alone, world.citizen_a.key_person) == (
        "Vil gerne have radioen tændt",
        True,
        key,
    )
    assert AuditEvent.objects.filter(action=Action.UPDATE, citizen_id=world.citizen_a.pk).count() == 1


def test_key_person_from_another_team_is_refused_naming_the_field(world: World, client: Client) -> None:
    stranger = f.staff(team=world.team_b)
    client.force_login(world.user("carer"))

    response = client.post(
        f"/citizens/{world.citizen_a.pk}/profile/", {"wishes": "x", "key_person": stranger.pk}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Kontaktperson" in html and "Intet er gemt" in html
    world.citizen_a.refresh_from_db()
    assert world.citizen_a.wishes == ""
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_nurse_records_a_function_level(world: World, client: Client) -> None:
    client.force_login(world.user("nurse"))
    data = {"code": AREA, "level": "3", "assessed_on": timezone.localdate().isoformat()}

    response = client.post(f"/citizens/{world.citizen_a.pk}/function-levels/new/", data)

    assert response.status_code == 302
    assert FunctionLevel.objects.get(citizen=world.citizen_a).level == 3


def test_function_level_in_the_future_is_refused_naming_the_date(world: World, client: Client) -> None:
    client.force_login(world.user("nurse"))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client.post(
        f"/citizens/{world.citizen_a.pk}/function-levels/new/",
        {"code": AREA, "level": "3", "assessed_on": tomorrow},
    )

    assert response.status_code == 400
    assert "Vurderingsdatoen ligger i fremtiden" in response.content.decode()
    assert not FunctionLevel.objects.exists()


def test_planner_may_read_but_not_post_a_profile(world: World, client: Client) -> None:
    client.force_login(world.user("planner"))

    response = client.post(f"/citizens/{world.citizen_a.pk}/profile/", {"wishes": "x"})

    assert response.status_code == 403
    world.citizen_a.refresh_from_db()
    assert world.citizen_a.wishes == ""


def test_profile_form_with_a_carer_both_preferred_and_blocked_names_the_field(
    world: World, client: Client
) -> None:
    member = f.staff(team=world.team_a)
    client.force_login(world.user("nurse"))
    data = {"preferred_carers": [member.pk], "blocked_carers": [member.pk]}

    response = client.post(f"/citizens/{world.citizen_a.pk}/profile/", data)

    assert response.status_code == 400
    assert "Må ikke komme" in response.content.decode()
    assert not world.citizen_a.carer_wishes.exists()
