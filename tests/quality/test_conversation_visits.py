# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A planned start-up conversation is a visit on the key person's route: created and checked through the
planning bridge, refused (writing nothing) when it does not fit, moved, cancelled and delivered with the
conversation; grant expansion never touches it. Team A, Thursday 19 November 2026, frozen clock."""

from __future__ import annotations

import datetime as dt
import uuid
from importlib import import_module

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from naerhed.audit.models import AuditEvent
from naerhed.carer_day.queries import day_route
from naerhed.carer_day.services import check_in, check_out
from naerhed.citizens.models import Citizen
from naerhed.demo.conversation_visits import put_conversations_on_routes
from naerhed.grants.models import Recurrence
from naerhed.lib.dates import aware
from naerhed.quality.models import ConversationStatus, StartupConversation
from naerhed.quality.services import conversations as services
from naerhed.visits.models import ChangeKind, CitizenChangeEvent, Visit, VisitStatus
from naerhed.visits.services import expand_grants
from naerhed.workforce.models import RosterShift, StaffMember
from tests import factories as f
from tests.api.conftest import client_for as api_client
from tests.api.conftest import send
from tests.carer_day.conftest import make_visit
from tests.personas import World
from tests.quality.conftest import Team, client_for
from tests.quality.conftest import on_rota as rota_shift

# The URLconf imports the solver (OR-Tools); importing it under a frozen clock crashes the interpreter.
import_module(settings.ROOT_URLCONF)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
MONDAY = dt.date(2026, 11, 16)
THURSDAY = dt.date(2026, 11, 19)


@pytest.fixture
def frozen() -> object:
    with freeze_time("2026-11-17 08:00:00") as clock:
        yield clock


def on_rota(member: StaffMember, day: dt.date = THURSDAY, *, brk: bool = False) -> RosterShift:
    return rota_shift(member, day, brk=brk)


def due(world: World) -> StartupConversation:
    citizen = f.citizen(team=world.team_a, started_on=MONDAY, first_name="Ellen", last_name="Vestergaard")
    conversation = services.conversation_due_for_first_visit(citizen=citizen, first_visit_on=MONDAY, by=None)
    assert conversation is not None
    return conversation


def plan(
    world: World,
    conversation: StartupConversation,
    key_person: StaffMember,
    at: dt.datetime,
    *others: StaffMember,
    duration: int = 60,
) -> StartupConversation:
    return services.plan_conversation(
        conversation=conversation,
        by=world.user("teamleader"),
        planned_start=at,
        duration=duration,
        key_person=key_person,
        other_staff=list(others),
    )


def test_planning_puts_the_conversation_on_the_key_persons_route(world: World, team_people: Team) -> None:
    on_rota(team_people.carer)
    conversation = plan(world, due(world), team_people.carer, aware(THURSDAY, dt.time(13)))
    visit = Visit.objects.get(startup_conversation=conversation)
    assert visit.grant is None and visit.service.code == "opstartssamtale"
    assert (visit.date, visit.duration, visit.status, visit.two_carers) == (
        THURSDAY,
        60,
        VisitStatus.PLANNED,
        False,
    )
    assert (visit.window_start, visit.window_end) == (
        aware(THURSDAY, dt.time(12, 50)),
        aware(THURSDAY, dt.time(13, 10)),
    )
    assert visit.planned_start == aware(THURSDAY, dt.time(13))
    assert list(visit.carers.all()) == [team_people.carer]
    assert [v.pk for v in day_route(team_people.carer, THURSDAY)] == [visit.pk]
    assert AuditEvent.objects.filter(object_type="visit", object_id=str(visit.pk)).exists()
    assert not CitizenChangeEvent.objects.exists(), "a new visit is no change for the citizen"


def test_a_nurse_joins_as_the_second_carer(world: World, team_people: Team) -> None:
    on_rota(team_people.carer)
    on_rota(team_people.nurse)
    conversation = plan(world, due(world), team_people.carer, aware(THURSDAY, dt.time(10)), team_people.nurse)
    assert conversation.visit is not None
    visit = Visit.objects.get(pk=conversation.visit.pk)
    assert visit.two_carers
    assert set(visit.carers.all()) == {team_people.carer, team_people.nurse}


def test_an_elderly_act_citizens_conversation_is_booked_as_the_dialogue_on_the_course(
    world: World, team_people: Team
) -> None:
    on_rota(team_people.carer)
    conversation = due(world)
    conversation.elderly_act = True
    conversation.save(update_fields=["elderly_act"])
    plan(world, conversation, team_people.carer, aware(THURSDAY, dt.time(9)))
    assert conversation.visit is not None and conversation.visit.service.code == "dialog-om-forloeb"


def _nothing_written(conversation: StartupConversation) -> None:
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.DUE and conversation.planned_start is None
    assert conversation.visit_id is None
    assert not Visit.objects.filter(citizen_id=conversation.citizen_id).exists()


def test_a_key_person_without_a_shift_then_is_refused_and_nothing_is_written(
    world: World, team_people: Team
) -> None:
    on_rota(team_people.carer, THURSDAY + dt.timedelta(days=1))
    conversation = due(world)
    with pytest.raises(ValidationError) as error:
        plan(world, conversation, team_people.carer, aware(THURSDAY, dt.time(13)))
    assert list(error.value.message_dict) == ["key_person"]
    assert "Sofie Holm har ingen vagt" in error.value.message_dict["key_person"][0]
    _nothing_written(conversation)


def test_a_nurse_without_a_shift_is_named_on_the_nurse_field(world: World, team_people: Team) -> None:
    on_rota(team_people.carer)
    conversation = due(world)
    with pytest.raises(ValidationError) as error:
        plan(world, conversation, team_people.carer, aware(THURSDAY, dt.time(13)), team_people.nurse)
    assert "Lene Kjær" in error.value.message_dict["other_staff"][0]
    _nothing_written(conversation)


def test_a_time_that_overlaps_another_visit_is_refused_naming_that_visits_time(
    world: World, team_people: Team
) -> None:
    on_rota(team_people.carer)
    make_visit(world.citizen_a, THURSDAY, dt.time(12, 45), [team_people.carer], duration=30)
    conversation = due(world)
    with pytest.raises(ValidationError) as error:
        plan(world, conversation, team_people.carer, aware(THURSDAY, dt.time(13)))
    message = error.value.message_dict["planned_start"][0]
    assert "Sofie Holm er optaget 12:45–13:15" in message
    _nothing_written(conversation)


def test_a_time_too_close_to_the_next_visit_is_refused(world: World, team_people: Team) -> None:
    on_rota(team_people.carer)
    far = f.citizen(team=world.team_a, lat=55.30, lon=9.80)  # some 40 km away
    make_visit(far, THURSDAY, dt.time(14), [team_people.carer], duration=30)
    with pytest.raises(ValidationError) as error:
        plan(world, due(world), team_people.carer, aware(THURSDAY, dt.time(13)))
    assert "14:00" in error.value.message_dict["planned_start"][0]


def test_a_conversation_on_the_break_moves_the_break_within_its_window(
    world: World, team_people: Team
) -> None:
    shift = on_rota(team_people.carer, brk=True)
    shift.break_start = aware(THURSDAY, dt.time(13))
    shift.save(update_fields=["break_start"])
    plan(world, due(world), team_people.carer, aware(THURSDAY, dt.time(13, 15)), duration=45)
    shift.refresh_from_db()
    assert shift.break_start == aware(THURSDAY, dt.time(12, 30))


def test_a_past_time_or_no_key_person_is_refused_by_field(world: World, team_people: Team) -> None:
    conversation = due(world)
    with pytest.raises(ValidationError) as error:
        services.plan_conversation(
            conversation=conversation,
            by=world.user("carer"),
            planned_start=aware(MONDAY, dt.time(9)),
            duration=45,
            key_person=None,
        )
    assert set(error.value.message_dict) == {"planned_start", "key_person"}


def test_replanning_moves_the_visit_and_tells_the_citizen(world: World, team_people: Team) -> None:
    on_rota(team_people.carer)
    on_rota(team_people.ssa, THURSDAY + dt.timedelta(days=1))
    conversation = plan(world, due(world), team_people.carer, aware(THURSDAY, dt.time(13)))
    assert conversation.visit is not None
    first, version = conversation.visit.pk, Visit.objects.get(pk=conversation.visit.pk).version
    friday = THURSDAY + dt.timedelta(days=1)
    plan(world, conversation, team_people.ssa, aware(friday, dt.time(9, 30)), duration=45)
    visit = Visit.objects.get(startup_conversation=conversation)
    assert visit.pk == first and visit.version > version
    assert (visit.date, visit.planned_start, visit.duration) == (friday, aware(friday, dt.time(9, 30)), 45)
    assert list(visit.carers.all()) == [team_people.ssa]
    kinds = set(CitizenChangeEvent.objects.filter(visit=visit).values_list("kind", flat=True))
    assert kinds == {ChangeKind.CARER_CHANGED, ChangeKind.TIME_CHANGED}
    event = CitizenChangeEvent.objects.filter(visit=visit).first()
    assert event is not None and event.details["source"] == "startup-conversation"
    assert day_route(team_people.carer, THURSDAY) == []


def test_cancelling_the_conversation_cancels_its_visit(world: World, team_people: Team) -> None:
    on_rota(team_people.carer)
    conversation = plan(world, due(world), team_people.carer, aware(THURSDAY, dt.time(13)))
    services.cancel_conversation(conversation=conversation, by=world.user("carer"))
    visit = Visit.objects.get(startup_conversation=conversation)
    assert visit.status == VisitStatus.CANCELLED
    event = CitizenChangeEvent.objects.get(visit=visit)
    assert event.kind == ChangeKind.CANCELLED and event.details["source"] == "startup-conversation"
    assert day_route(team_people.carer, THURSDAY) == []


def _hold(world: World, conversation: StartupConversation) -> None:
    services.record_conversation(
        conversation=conversation,
        by=world.user("carer"),
        held_at=aware(THURSDAY, dt.time(14)),
        follow_up_on=None,
        nursing_assessment="Stabil.",
    )


def test_holding_the_conversation_marks_its_visit_delivered(
    world: World, team_people: Team, frozen: object
) -> None:
    on_rota(team_people.carer)
    conversation = plan(world, due(world), team_people.carer, aware(THURSDAY, dt.time(13)))
    with freeze_time("2026-11-19 15:00:00"):
        _hold(world, conversation)
    assert Visit.objects.get(startup_conversation=conversation).status == VisitStatus.DELIVERED


def test_a_visit_checked_out_already_is_left_as_the_carer_left_it(world: World, team_people: Team) -> None:
    on_rota(team_people.carer)
    conversation = plan(world, due(world), team_people.carer, aware(THURSDAY, dt.time(13)))
    carer = world.user("carer")
    visit = Visit.objects.get(startup_conversation=conversation)
    check_in(visit=visit, by=carer, at=aware(THURSDAY, dt.time(13)), request_id=uuid.uuid4())
    check_out(visit=visit, by=carer, at=aware(THURSDAY, dt.time(14)), request_id=uuid.uuid4())
    version = Visit.objects.get(pk=visit.pk).version
    with freeze_time("2026-11-19 15:00:00"):
        _hold(world, conversation)
    visit.refresh_from_db()
    assert (visit.status, visit.version) == (VisitStatus.DELIVERED, version)


def test_expanding_grants_never_touches_a_visit_without_a_grant(world: World, team_people: Team) -> None:
    on_rota(team_people.carer)
    conversation = plan(world, due(world), team_people.carer, aware(THURSDAY, dt.time(13)))
    citizen = Citizen.objects.get(pk=conversation.citizen_id)
    grant = f.grant(citizen=citizen, starts_on=MONDAY, recurrence=Recurrence.DAILY)
    before = Visit.objects.get(startup_conversation=conversation)
    expand_grants(team=world.team_a, start=MONDAY, days=7)
    grant.ends_on = MONDAY  # the grant ends: its later visits are removed
    grant.window_start, grant.window_end = dt.time(12), dt.time(14)
    grant.save()
    result = expand_grants(team=world.team_a, start=MONDAY, days=7)
    assert result.removed == 6
    after = Visit.objects.get(startup_conversation=conversation)
    fields = ("date", "window_start", "window_end", "duration", "planned_start", "status", "version")
    assert [getattr(after, name) for name in fields] == [getattr(before, name) for name in fields]
    assert list(after.carers.all()) == [team_people.carer]
    assert Visit.objects.filter(citizen=citizen, grant__isnull=True).count() == 1


def test_the_carers_day_shows_the_conversation_with_a_link_to_its_record(
    world: World, team_people: Team
) -> None:
    on_rota(team_people.carer)
    conversation = plan(world, due(world), team_people.carer, aware(THURSDAY, dt.time(13)))
    assert conversation.visit is not None
    with freeze_time("2026-11-19 07:00:00"):
        page = client_for(world, "carer").get(reverse("carer_day:route"))
        visit_page = client_for(world, "carer").get(reverse("carer_day:visit", args=[conversation.visit.pk]))
    link = reverse("quality:conversation", args=[conversation.pk])
    for response in (page, visit_page):
        assert response.status_code == 200
        html = response.content.decode()
        assert "Opstartssamtale" in html and f'href="{link}"' in html
    assert client_for(world, "carer").get(link).status_code == 200


def test_a_refusal_on_the_plan_page_says_why_in_danish_and_saves_nothing(
    world: World, team_people: Team
) -> None:
    conversation = due(world)
    response = client_for(world, "teamleader").post(
        reverse("quality:conversation_plan", args=[conversation.pk]),
        {"planned_start": "2026-11-19T13:00", "duration": "45", "key_person": team_people.carer.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "Sofie Holm har ingen vagt på det tidspunkt i vagtplanen." in response.content.decode()
    _nothing_written(conversation)


def test_the_api_plans_and_cancels_the_conversation_with_its_visit(world: World, team_people: Team) -> None:
    on_rota(team_people.carer)
    conversation = due(world)
    client = api_client(world.user("carer"), "token")
    url = f"/quality/startup-conversations/{conversation.pk}"
    body = {"planned_start": "2026-11-19T13:00:00+01:00", "key_person_id": team_people.carer.pk}
    response = send(client, "POST", f"{url}/plan", body)
    assert response.status_code == 200, response.content
    visit = Visit.objects.get(startup_conversation=conversation)
    assert response.json()["visit_id"] == visit.pk
    assert send(client, "POST", f"{url}/cancel").status_code == 200
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED
    other_team = api_client(world.user("carer_b"), "token")
    assert send(other_team, "POST", f"{url}/cancel").status_code == 403


def test_an_api_refusal_is_a_400_naming_the_field(world: World, team_people: Team) -> None:
    conversation = due(world)
    body = {"planned_start": "2026-11-19T13:00:00+01:00", "key_person_id": team_people.carer.pk}
    response = send(
        api_client(world.user("carer"), "token"),
        "POST",
        f"/quality/startup-conversations/{conversation.pk}/plan",
        body,
    )
    assert response.status_code == 400
    assert "key_person" in response.content.decode()
    _nothing_written(conversation)


def test_the_demo_puts_a_planned_conversation_without_a_visit_on_the_route(
    world: World, team_people: Team
) -> None:
    on_rota(team_people.carer)
    conversation = due(world)
    conversation.status, conversation.key_person = ConversationStatus.PLANNED, team_people.carer
    conversation.planned_start = aware(THURSDAY, dt.time(13))
    conversation.save()
    make_visit(world.citizen_a, THURSDAY, dt.time(13), [team_people.carer])  # the planned time is taken
    assert put_conversations_on_routes() == "Start-up conversations on the key person's route: 1."
    visit = Visit.objects.get(startup_conversation=conversation)
    assert visit.planned_start == aware(THURSDAY, dt.time(9))
    assert list(visit.carers.all()) == [team_people.carer]
    assert put_conversations_on_routes().endswith(": 0.")
