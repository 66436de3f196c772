# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The sick-call pages and API for every role: team A's leader and its district's planner, no one else."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from naerhed.absences import services
from naerhed.absences.models import AbsenceReason, ProposalStatus, ReplanProposal
from naerhed.audit.models import AuditEvent
from naerhed.lib.dates import aware
from naerhed.visits.models import Visit
from naerhed.workforce.models import RosterShift, ShiftLayer
from tests.absences.conftest import EARLY, MONDAY, Day
from tests.personas import World

pytestmark = pytest.mark.django_db

ALL = ("carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "visitator", "manager", "admin")
IN_SCOPE = {"teamleader", "planner"}


def _client(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def _proposal(day: Day) -> ReplanProposal:
    proposal = services.report_absence(
        staff=day.mette, reason=AbsenceReason.SICK, by=None, shift=day.shifts["Mette"]
    )
    return services.compute_proposal(proposal_id=proposal.pk)


@freeze_time(EARLY)
@pytest.mark.parametrize("name", ALL)
def test_the_day_page_opens_only_to_the_team_leader_and_the_districts_planner(
    day: Day, world: World, name: str
) -> None:
    response = _client(world, name).get(reverse("absences:day", args=[day.team.pk, MONDAY.isoformat()]))
    assert response.status_code == (200 if name in IN_SCOPE else 403)
    if name in IN_SCOPE:
        assert "Mette Kjær (07:00–15:00)" in response.content.decode()


@freeze_time(EARLY)
@pytest.mark.parametrize("name", ALL)
def test_the_proposal_page_and_its_decisions_open_only_in_scope(day: Day, world: World, name: str) -> None:
    proposal = _proposal(day)
    client = _client(world, name)

    page = client.get(reverse("absences:proposal", args=[proposal.pk]))
    reject = client.post(reverse("absences:reject", args=[proposal.pk]))

    assert page.status_code == (200 if name in IN_SCOPE else 403)
    assert reject.status_code == (302 if name in IN_SCOPE else 403)
    proposal.refresh_from_db()
    assert (proposal.status == ProposalStatus.REJECTED) == (name in IN_SCOPE)


@freeze_time(EARLY)
@pytest.mark.parametrize("name", ALL)
def test_optimise_the_day_is_post_only_and_in_scope(day: Day, world: World, name: str) -> None:
    url = reverse("absences:optimise_day", args=[day.team.pk, MONDAY.isoformat()])
    client = _client(world, name)

    assert client.get(url).status_code == 405
    response = client.post(url)

    assert response.status_code == (302 if name in IN_SCOPE else 403)
    assert ReplanProposal.objects.filter(kind="optimise").exists() == (name in IN_SCOPE)


@freeze_time(EARLY)
def test_registering_from_the_page_makes_a_proposal_and_shows_it(day: Day, world: World) -> None:
    client = _client(world, "teamleader")
    url = reverse("absences:register", args=[day.team.pk, MONDAY.isoformat()])

    response = client.post(url, {"shift": day.shifts["Mette"].pk, "from_time": "", "reason": "sick"})

    proposal = ReplanProposal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/absences/proposals/{proposal.pk}/"
    services.compute_proposal(proposal_id=proposal.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="change-row"' in page and "Poul Nielsen" in page and "Anders Holm" in page
    assert AuditEvent.objects.filter(object_type="replan-proposal", action="view").exists()


@freeze_time(EARLY)
def test_a_time_outside_the_shift_is_refused_on_the_form(day: Day, world: World) -> None:
    url = reverse("absences:register", args=[day.team.pk, MONDAY.isoformat()])
    response = _client(world, "teamleader").post(
        url, {"shift": day.shifts["Mette"].pk, "from_time": "16:30", "reason": "sick"}
    )
    assert response.status_code == 400
    assert not ReplanProposal.objects.exists()


@freeze_time(EARLY)
def test_an_illegal_adjustment_shows_the_reason_and_a_stale_accept_offers_a_new_proposal(
    day: Day, world: World
) -> None:
    proposal = _proposal(day)
    client = _client(world, "teamleader")
    poul = f"v-{day.visit(day.poul).pk}"

    client.post(
        reverse("absences:adjust", args=[proposal.pk]), {"visit": poul, "target": f"s-{day.sofie.pk}:0"}
    )
    page = client.get(reverse("absences:proposal", args=[proposal.pk])).content.decode()
    assert "Sofie Lund" in page and "insulin" in page

    Visit.objects.filter(pk=day.visit(day.poul).pk).update(version=5)  # someone moved it on the board
    client.post(reverse("absences:accept", args=[proposal.pk]))
    page = client.get(reverse("absences:proposal", args=[proposal.pk])).content.decode()
    assert 'data-testid="stale"' in page
    again = client.post(reverse("absences:again", args=[proposal.pk]))
    assert again.status_code == 302 and ReplanProposal.objects.count() == 2


API = "/api/v1"


@freeze_time(EARLY)
@pytest.mark.parametrize("name", ALL)
def test_the_api_registers_reads_and_accepts_only_in_scope(day: Day, world: World, name: str) -> None:
    client = _client(world, name)
    body = {"staff_id": day.mette.pk, "shift_id": day.shifts["Mette"].pk, "reason": "sick"}

    created = client.post(
        f"{API}/teams/{day.team.pk}/absences", json.dumps(body), content_type="application/json"
    )

    assert created.status_code == (201 if name in IN_SCOPE else 403)
    if name not in IN_SCOPE:
        return
    pk = created.json()["id"]
    services.compute_proposal(proposal_id=pk)
    got = client.get(f"{API}/proposals/{pk}").json()
    assert got["status"] == "proposed"
    assert {c["visit_id"] for c in got["changes"]} == {day.visit(day.inger).pk, day.visit(day.poul).pk}
    accepted = client.post(f"{API}/proposals/{pk}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert day.visit(day.poul).carers.get() == day.anders


@freeze_time(EARLY)
def test_the_api_refuses_a_proposal_of_another_district_and_says_409_when_stale(
    day: Day, world: World
) -> None:
    proposal = _proposal(day)
    far = _client(world, "planner_far")
    assert far.get(f"{API}/proposals/{proposal.pk}").status_code == 403
    Visit.objects.filter(pk=day.visit(day.inger).pk).update(version=9)
    response = _client(world, "planner").post(f"{API}/proposals/{proposal.pk}/accept")
    assert response.status_code == 409


@freeze_time(EARLY)
def test_the_api_names_the_field_of_a_bad_absence(day: Day, world: World) -> None:
    body = {
        "staff_id": day.mette.pk,
        "starts": dt.datetime(2026, 11, 16, 22, 0).isoformat() + "+01:00",
        "reason": "sick",
    }
    response = _client(world, "teamleader").post(
        f"{API}/teams/{day.team.pk}/absences", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400 and "starts" in response.json()["errors"]


@pytest.mark.parametrize("name", ["teamleader", "planner", "carer", "nurse"])
def test_the_team_page_links_to_sick_calls_for_those_who_re_plan_the_team(world: World, name: str) -> None:
    page = _client(world, name).get(reverse("organisation:team_detail", args=[world.team_a.pk]))
    assert page.status_code == 200
    assert ('data-testid="sick-call-link"' in page.content.decode()) == (name in IN_SCOPE)


@freeze_time("2026-11-16 15:30:00+00:00")  # 16:30 in Copenhagen: the day shifts (07–15) have ended
def test_the_form_offers_only_shifts_that_have_not_ended_and_refuses_an_ended_one(
    day: Day, world: World
) -> None:
    evening = RosterShift.objects.create(
        staff=day.anders,
        date=MONDAY,
        layer=ShiftLayer.EVENING,
        starts_at=aware(MONDAY, dt.time(15, 0)),
        ends_at=aware(MONDAY, dt.time(23, 0)),
    )
    client = _client(world, "teamleader")
    url = reverse("absences:register", args=[day.team.pk, MONDAY.isoformat()])

    page = client.get(reverse("absences:day", args=[day.team.pk, MONDAY.isoformat()]))

    offered = {value for value, _label in page.context["form"].fields["shift"].choices if value}
    assert offered == {evening.pk}
    assert f'<option value="{day.shifts["Mette"].pk}"' not in page.content.decode()
    refused = client.post(url, {"shift": day.shifts["Mette"].pk, "from_time": "", "reason": "sick"})
    assert refused.status_code == 400 and not ReplanProposal.objects.exists()
    accepted = client.post(url, {"shift": evening.pk, "from_time": "", "reason": "sick"})
    assert accepted.status_code == 302 and ReplanProposal.objects.count() == 1
