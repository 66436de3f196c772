# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Triage colours with history, and the board meeting's agenda: yellow and red citizens, new and discharged
citizens, changed function levels, adverse events and observations; actions and their follow-up; the rehab
board. Frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from naerhed.citizens.fsiii import function_areas
from naerhed.citizens.models import FunctionLevel
from naerhed.lib.dates import aware
from naerhed.quality import queries
from naerhed.quality.models import TriageAssessment
from naerhed.quality.services import board as services
from naerhed.quality.services.observations import record_observations
from tests import factories as f
from tests.personas import World
from tests.quality.conftest import Team

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 11, 23)


@freeze_time("2026-11-23 09:00:00")
def test_every_colour_setting_is_kept_and_the_latest_is_the_current_colour(
    world: World, team_people: Team
) -> None:
    citizen, user = world.citizen_a, world.user("carer")
    services.set_triage_colour(
        citizen=citizen, colour="yellow", reason="Drikker for lidt", by=user, at=aware(MONDAY, dt.time(8))
    )
    services.set_triage_colour(citizen=citizen, colour="green", by=user, at=aware(MONDAY, dt.time(9)))
    history = list(TriageAssessment.objects.filter(citizen=citizen).values_list("colour", flat=True))
    assert history == ["green", "yellow"]
    current = queries.with_current_colour(type(citizen).objects.filter(pk=citizen.pk)).get()
    assert current.colour == "green"  # type: ignore[attr-defined]


def test_yellow_or_red_needs_a_reason_and_another_team_cannot_set_it(world: World, team_people: Team) -> None:
    with pytest.raises(ValidationError) as error:
        services.set_triage_colour(citizen=world.citizen_a, colour="red", by=world.user("carer"))
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.set_triage_colour(citizen=world.citizen_a, colour="green", by=world.user("carer_b"))
    with pytest.raises(PermissionDenied):
        services.set_triage_colour(citizen=world.citizen_a, colour="green", by=world.user("planner"))


@freeze_time("2026-11-23 09:00:00")
def test_the_agenda_collects_each_kind_of_citizen_once_red_first(world: World, team_people: Team) -> None:
    team, user = world.team_a, world.user("nurse")
    quiet = f.citizen(team=team, first_name="Stille", last_name="Andersen")
    yellow = f.citizen(team=team, first_name="Gul", last_name="Olsen")
    red = f.citizen(team=team, first_name="Rød", last_name="Åberg")
    f.citizen(team=team, first_name="Ny", last_name="Berg", started_on=MONDAY - dt.timedelta(days=2))
    discharged = f.citizen(team=team, first_name="Hjem", last_name="Dahl")
    changed = f.citizen(team=team, first_name="Ændret", last_name="Falk")
    event = f.citizen(team=team, first_name="Fald", last_name="Gram")
    observed = f.citizen(team=team, first_name="Set", last_name="Holt")
    services.set_triage_colour(citizen=yellow, colour="yellow", reason="Vægttab", by=user)
    services.set_triage_colour(citizen=red, colour="red", reason="Feber", by=user)
    services.set_triage_colour(citizen=quiet, colour="green", by=user)
    stay = services.record_admission(citizen=discharged, by=user, admitted_on=MONDAY - dt.timedelta(days=6))
    services.record_discharge(
        stay=stay, by=user, discharged_on=MONDAY - dt.timedelta(days=1), loss_of_function=True
    )
    code = next(iter(function_areas()))
    for level, on in ((1, dt.date(2026, 9, 1)), (3, MONDAY - dt.timedelta(days=3))):
        FunctionLevel.objects.create(citizen=changed, fsiii_code=code, level=level, assessed_on=on)
    services.report_adverse_event(
        citizen=event, by=user, occurred_on=MONDAY - dt.timedelta(days=1), description="Faldt i badet."
    )
    record_observations(citizen=observed, by=user, texts={"eating": "Spiser mindre."})

    agenda = queries.board_agenda(team, MONDAY)
    names = [item.citizen.first_name for item in agenda.items]
    assert names[:2] == ["Rød", "Gul"]
    assert set(names) == {"Rød", "Gul", "Ny", "Hjem", "Ændret", "Fald", "Set"}
    reasons = {item.citizen.first_name: item.reasons for item in agenda.items}
    assert (
        reasons["Ny"] == ["new"]
        and reasons["Hjem"] == ["discharged"]
        and reasons["Ændret"] == ["function-level"]
    )
    assert reasons["Fald"] == ["adverse-event"] and reasons["Set"] == ["observation"]
    yellow_item = next(item for item in agenda.items if item.citizen.pk == yellow.pk)
    assert yellow_item.follow_up is not None and yellow_item.follow_up.act_by == aware(
        dt.date(2026, 11, 25), dt.time(10)
    )
    assert [s.citizen_id for s in agenda.rehab_board] == [discharged.pk]


@freeze_time("2026-11-23 09:00:00")
def test_actions_have_an_owner_from_the_team_and_overdue_ones_are_followed_up(
    world: World, team_people: Team
) -> None:
    team, user = world.team_a, world.user("teamleader")
    earlier = services.open_board_meeting(team=team, date=MONDAY - dt.timedelta(days=7), by=user)
    late = services.add_board_action(
        meeting=earlier,
        by=user,
        text="Ring til egen læge",
        owner=team_people.nurse,
        due_date=MONDAY - dt.timedelta(days=5),
    )
    done = services.add_board_action(
        meeting=earlier,
        by=user,
        text="Bestil rollator",
        owner=team_people.carer,
        due_date=MONDAY - dt.timedelta(days=5),
    )
    services.complete_board_action(action=done, by=user)
    ahead = services.add_board_action(
        meeting=earlier,
        by=user,
        text="Opfølgning",
        owner=team_people.carer,
        due_date=MONDAY + dt.timedelta(days=2),
    )
    agenda = queries.board_agenda(team, MONDAY)
    assert agenda.overdue_actions == [late] and agenda.open_actions == [ahead]
    outsider = f.staff(team=world.team_b)
    with pytest.raises(ValidationError) as error:
        services.add_board_action(
            meeting=earlier, by=user, text="x", owner=outsider, due_date=MONDAY - dt.timedelta(days=8)
        )
    assert {"owner", "due_date"} <= set(error.value.message_dict)


@freeze_time("2026-11-23 09:00:00")
def test_the_meeting_has_a_captain_and_a_note_taker_from_the_team(world: World, team_people: Team) -> None:
    user = world.user("teamleader")
    meeting = services.open_board_meeting(team=world.team_a, date=MONDAY, by=user)
    assert services.open_board_meeting(team=world.team_a, date=MONDAY, by=user) == meeting
    services.set_meeting_roles(
        meeting=meeting, by=user, captain=team_people.ssa, note_taker=team_people.carer, notes="Kort møde"
    )
    meeting.refresh_from_db()
    assert (meeting.captain, meeting.note_taker) == (team_people.ssa, team_people.carer)
    with pytest.raises(ValidationError):
        services.set_meeting_roles(
            meeting=meeting, by=user, captain=f.staff(team=world.team_b), note_taker=None, notes=""
        )


@freeze_time("2026-11-23 09:00:00")
def test_a_second_admission_before_discharge_is_refused(world: World, team_people: Team) -> None:
    user = world.user("nurse")
    services.record_admission(citizen=world.citizen_a, by=user, admitted_on=MONDAY)
    with pytest.raises(ValidationError):
        services.record_admission(citizen=world.citizen_a, by=user, admitted_on=MONDAY)
