# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Wellbeing conversations for citizens living alone: the plan, the loneliness screening, the catalogue of
local activities and referrals. Frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from naerhed.quality import queries
from naerhed.quality.services import wellbeing as services
from tests.personas import World
from tests.quality.conftest import Team

pytestmark = pytest.mark.django_db


@freeze_time("2026-11-23 09:00:00")
def test_a_conversation_moves_the_quarterly_plan_on_and_scores_loneliness(
    world: World, team_people: Team
) -> None:
    citizen, user = world.citizen_a, world.user("carer")
    citizen.lives_alone = True
    citizen.save(update_fields=["lives_alone"])
    plan = services.plan_wellbeing(citizen=citizen, by=user, interval_months=3)
    assert plan.next_due == dt.date(2026, 11, 30)
    conversation = services.record_wellbeing_conversation(
        citizen=citizen, by=user, held_on=dt.date(2026, 11, 23), lacks_companionship=3, left_out=2, isolated=2
    )
    assert conversation.loneliness_score == 7
    plan.refresh_from_db()
    assert plan.next_due == dt.date(2027, 2, 23)
    [row] = queries.wellbeing_rows(world.team_a)
    assert row.citizen == citizen and row.lonely and not row.is_overdue(dt.date(2026, 11, 23))


@freeze_time("2026-11-23 09:00:00")
def test_a_missing_answer_is_refused_by_name(world: World, team_people: Team) -> None:
    with pytest.raises(ValidationError) as error:
        services.record_wellbeing_conversation(
            citizen=world.citizen_a,
            by=world.user("carer"),
            held_on=dt.date(2026, 11, 23),
            lacks_companionship=0,
            left_out=2,
            isolated=2,
        )
    assert "lacks_companionship" in error.value.message_dict


def test_the_team_refers_a_citizen_to_an_activity_from_the_municipalitys_catalogue(
    world: World, team_people: Team
) -> None:
    activity = services.add_local_activity(
        by=world.user("visitator"), name="Besøgsvennerne", kind="visiting-friend"
    )
    referral = services.refer_to_activity(
        citizen=world.citizen_a, activity=activity, by=world.user("nurse"), note="Ønsker besøg om tirsdagen"
    )
    assert referral.status == "suggested"
    services.set_referral_status(referral=referral, by=world.user("nurse"), status="started")
    referral.refresh_from_db()
    assert referral.status == "started"
    with pytest.raises(ValidationError):
        services.add_local_activity(by=world.user("visitator"), name="besøgsvennerne", kind="visiting-friend")


def test_a_manager_does_not_keep_the_catalogue(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.add_local_activity(by=world.user("manager"), name="Seniorklubben", kind="association")
