# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Start-up conversations: when they fall due (a new citizen's first planned visit, a changed function
level), planning, the record, the four scores and the change per team, overdue ones. Frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from naerhed.audit.models import AuditEvent
from naerhed.citizens.fsiii import function_areas
from naerhed.citizens.models import Relative
from naerhed.citizens.services import record_function_level
from naerhed.grants.models import LawParagraph, ServiceKind
from naerhed.lib.dates import aware
from naerhed.quality import queries
from naerhed.quality.models import ConversationReason, ConversationStatus, ScorePhase, StartupConversation
from naerhed.quality.services import conversations as services
from tests import factories as f
from tests.carer_day.conftest import make_visit
from tests.personas import World
from tests.quality.conftest import Team, on_rota

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 11, 16)


@pytest.fixture
def area() -> str:
    return next(iter(function_areas()))


@freeze_time("2026-11-16 12:00:00")
def test_a_changed_function_level_makes_a_conversation_due_within_one_to_seven_days(
    world: World, team_people: Team, area: str
) -> None:
    nurse, citizen = world.user("nurse"), world.citizen_a
    record_function_level(citizen=citizen, code=area, level=1, assessed_on=dt.date(2026, 10, 1), by=nurse)
    assert not StartupConversation.objects.exists(), "a first assessment is no change"
    record_function_level(citizen=citizen, code=area, level=3, assessed_on=MONDAY, by=nurse)
    conversation = StartupConversation.objects.get()
    assert conversation.reason == ConversationReason.FUNCTION_LEVEL
    assert (conversation.earliest_date, conversation.due_date) == (
        dt.date(2026, 11, 17),
        dt.date(2026, 11, 23),
    )
    assert conversation.team_id == world.team_a.pk and conversation.status == ConversationStatus.DUE
    assert AuditEvent.objects.filter(object_type="startup-conversation", citizen_id=citizen.pk).exists()


@freeze_time("2026-11-16 12:00:00")
def test_the_same_level_again_or_a_second_change_while_one_is_open_makes_no_new_conversation(
    world: World, team_people: Team, area: str
) -> None:
    nurse, citizen = world.user("nurse"), world.citizen_a
    record_function_level(citizen=citizen, code=area, level=1, assessed_on=dt.date(2026, 10, 1), by=nurse)
    record_function_level(citizen=citizen, code=area, level=1, assessed_on=dt.date(2026, 11, 1), by=nurse)
    assert not StartupConversation.objects.exists()
    record_function_level(citizen=citizen, code=area, level=2, assessed_on=dt.date(2026, 11, 10), by=nurse)
    record_function_level(citizen=citizen, code=area, level=3, assessed_on=MONDAY, by=nurse)
    assert StartupConversation.objects.count() == 1


def test_a_new_citizens_first_planned_visit_makes_a_conversation_due(world: World, team_people: Team) -> None:
    new = f.citizen(team=world.team_a, started_on=MONDAY - dt.timedelta(days=3), key_person=team_people.carer)
    old = world.citizen_a  # receives help since 2025
    visits = [
        make_visit(new, MONDAY + dt.timedelta(days=1), dt.time(9), [team_people.carer]),
        make_visit(new, MONDAY + dt.timedelta(days=2), dt.time(9), [team_people.carer]),
        make_visit(old, MONDAY, dt.time(10), [team_people.carer]),
    ]
    made = services.conversations_due_after_planning(visit_ids=[v.pk for v in visits], by=None)
    assert [c.citizen_id for c in made] == [new.pk]
    conversation = made[0]
    assert conversation.triggered_on == MONDAY + dt.timedelta(days=1)
    assert conversation.due_date == MONDAY + dt.timedelta(days=8)
    assert conversation.key_person_id == team_people.carer.pk
    again = services.conversations_due_after_planning(visit_ids=[v.pk for v in visits], by=None)
    assert again == [] and StartupConversation.objects.count() == 1


def test_an_elderly_act_citizens_conversation_is_the_dialogue_on_arranging_the_course(world: World) -> None:
    new = f.citizen(team=world.team_a, started_on=MONDAY)
    course = f.service("helhedspleje", kind=ServiceKind.CARE_COURSE, paragraph=LawParagraph.ELDERLY_ACT)
    f.grant(citizen=new, service=course, starts_on=MONDAY, recurrence="frame", weekly_minutes=300)
    conversation = services.conversation_due_for_first_visit(citizen=new, first_visit_on=MONDAY, by=None)
    assert conversation is not None and conversation.elderly_act


def _due(world: World, triggered_on: dt.date = MONDAY) -> StartupConversation:
    citizen = f.citizen(team=world.team_a, started_on=triggered_on)
    conversation = services.conversation_due_for_first_visit(
        citizen=citizen, first_visit_on=triggered_on, by=None
    )
    assert conversation is not None
    return conversation


@freeze_time("2026-11-17 08:00:00")
def test_the_team_plans_the_conversation_with_key_person_nurse_and_relatives(
    world: World, team_people: Team
) -> None:
    conversation = _due(world)
    on_rota(team_people.carer, dt.date(2026, 11, 19))
    on_rota(team_people.nurse, dt.date(2026, 11, 19))
    daughter = Relative.objects.create(citizen=conversation.citizen, name="Hanne", relation="datter")
    services.plan_conversation(
        conversation=conversation,
        by=world.user("carer"),
        planned_start=aware(dt.date(2026, 11, 19), dt.time(13)),
        duration=60,
        key_person=team_people.carer,
        other_staff=[team_people.nurse],
        relatives=[daughter],
    )
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.PLANNED
    assert list(conversation.other_staff.all()) == [team_people.nurse]
    assert list(conversation.relatives_invited.all()) == [daughter]


def test_another_teams_carer_cannot_plan_it(world: World, team_people: Team) -> None:
    with pytest.raises(PermissionDenied):
        services.plan_conversation(
            conversation=_due(world),
            by=world.user("carer_b"),
            planned_start=aware(MONDAY, dt.time(9)),
            duration=45,
            key_person=None,
        )


def test_another_citizens_relative_cannot_be_invited(world: World, team_people: Team) -> None:
    stranger = Relative.objects.create(citizen=world.citizen_b, name="Ole", relation="søn")
    with pytest.raises(ValidationError) as error:
        services.plan_conversation(
            conversation=_due(world),
            by=world.user("carer"),
            planned_start=aware(MONDAY, dt.time(9)),
            duration=45,
            key_person=None,
            relatives=[stranger],
        )
    assert "relatives" in error.value.message_dict


@freeze_time("2026-11-20 15:00:00")
def test_recording_the_conversation_marks_it_held_on_time(world: World, team_people: Team) -> None:
    conversation = _due(world)
    services.record_conversation(
        conversation=conversation,
        by=world.user("nurse"),
        held_at=aware(dt.date(2026, 11, 20), dt.time(14)),
        follow_up_on=dt.date(2027, 1, 15),
        nursing_assessment="Stabil.",
        manages_alone="Klarer selv morgenmaden.",
    )
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.HELD and conversation.held_on_time is True


@freeze_time("2026-11-20 15:00:00")
def test_an_empty_record_is_refused_and_nothing_is_saved(world: World, team_people: Team) -> None:
    conversation = _due(world)
    with pytest.raises(ValidationError) as error:
        services.record_conversation(
            conversation=conversation,
            by=world.user("nurse"),
            held_at=aware(dt.date(2026, 11, 20), dt.time(14)),
            follow_up_on=None,
            nursing_assessment=" ",
        )
    assert "nursing_assessment" in error.value.message_dict
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.DUE


@freeze_time("2026-11-24 09:00:00")
def test_an_open_conversation_after_its_due_date_is_overdue(world: World, team_people: Team) -> None:
    late, in_time = _due(world, MONDAY), _due(world, dt.date(2026, 11, 20))
    overdue = list(queries.overdue_conversations(world.team_a, dt.date(2026, 11, 24)))
    assert overdue == [late] and in_time not in overdue


def _held_with_scores(
    world: World, held: dt.date, start: tuple[int, ...], follow_up: tuple[int, ...]
) -> None:
    conversation = _due(world, held - dt.timedelta(days=2))
    user = world.user("carer")
    with freeze_time(f"{held.isoformat()} 16:00:00"):
        services.record_conversation(
            conversation=conversation,
            by=user,
            held_at=aware(held, dt.time(10)),
            follow_up_on=None,
            goals="Gå til købmanden.",
        )
        for phase, values in ((ScorePhase.START, start), (ScorePhase.FOLLOW_UP, follow_up)):
            scores = dict(zip(("seen_heard", "coherent", "own_abilities", "overall"), values, strict=True))
            services.record_scores(
                conversation=conversation, phase=phase, by=user, answered_on=held, scores=scores
            )


def test_score_changes_per_team_and_month_are_the_averages_of_both_phases(
    world: World, team_people: Team
) -> None:
    """Two conversations in November: start (5,6,5,6) and (7,6,6,7); follow-up (7,8,8,8) and (8,8,9,9)."""
    _held_with_scores(world, dt.date(2026, 11, 10), (5, 6, 5, 6), (7, 8, 8, 8))
    _held_with_scores(world, dt.date(2026, 11, 12), (7, 6, 6, 7), (8, 8, 9, 9))
    [row] = queries.score_changes([world.team_a])
    assert (row.month, row.conversations) == (dt.date(2026, 11, 1), 2)
    assert row.start == {"seen_heard": 6.0, "coherent": 6.0, "own_abilities": 5.5, "overall": 6.5}
    assert row.follow_up == {"seen_heard": 7.5, "coherent": 8.0, "own_abilities": 8.5, "overall": 8.5}
    assert row.change == {"seen_heard": 1.5, "coherent": 2.0, "own_abilities": 3.0, "overall": 2.0}


@freeze_time("2026-11-20 15:00:00")
def test_a_follow_up_score_needs_the_start_score_first(world: World, team_people: Team) -> None:
    conversation = _due(world)
    user = world.user("carer")
    services.record_conversation(
        conversation=conversation, by=user, held_at=aware(MONDAY, dt.time(14)), follow_up_on=None, goals="x"
    )
    with pytest.raises(ValidationError) as error:
        services.record_scores(
            conversation=conversation,
            phase=ScorePhase.FOLLOW_UP,
            by=user,
            answered_on=MONDAY,
            scores={"seen_heard": 8, "coherent": 8, "own_abilities": 8, "overall": 11},
        )
    assert {"phase", "overall"} <= set(error.value.message_dict)
