# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The carer's pages: who may open them, what they show, what they log, and that a retried form
changes nothing."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from naerhed.audit.models import Action, AuditEvent
from naerhed.carer_day.models import HandoverNote, VisitExecution, VisitPlan
from naerhed.visits.models import VisitStatus
from tests import factories as f
from tests.carer_day.conftest import CarerDay, make_visit
from tests.personas import World

pytestmark = pytest.mark.django_db

ALL = ("carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "visitator", "manager", "admin")
TEAM_A = {"carer", "teamleader", "nurse"}
MATRIX: dict[str, set[str]] = {
    "route": {"carer", "carer_b"},
    "visit": {"carer"},
    "plans": TEAM_A | {"carer_b"},
    "plan": TEAM_A,
}
CASES = [(role, page, 200 if role in allowed else 403) for page, allowed in MATRIX.items() for role in ALL]


def _url(page: str, day: CarerDay) -> str:
    return {
        "route": "/day/",
        "visit": f"/day/visits/{day.visits[0].pk}/",
        "plans": "/day/plans/",
        "plan": f"/day/citizens/{day.citizens[0].pk}/plan/",
    }[page]


def _client(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


@pytest.fixture
def staffed(world: World, carer_day: CarerDay) -> CarerDay:
    """carer_b has a staff record too (an empty route), so the route page answers them."""
    other = world.user("carer_b")
    other.staff = f.staff(team=world.team_b)
    other.save(update_fields=["staff"])
    return carer_day


@pytest.mark.parametrize(("role", "page", "status"), CASES)
def test_each_role_is_let_in_or_refused_as_the_matrix_says(
    world: World, staffed: CarerDay, role: str, page: str, status: int
) -> None:
    assert _client(world, role).get(_url(page, staffed)).status_code == status


@pytest.mark.parametrize("page", sorted(MATRIX))
def test_an_anonymous_visitor_is_sent_to_log_in(staffed: CarerDay, page: str) -> None:
    response = Client().get(_url(page, staffed))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_route_shows_times_addresses_maps_links_partners_and_estimates(
    world: World, carer_day: CarerDay
) -> None:
    html = _client(world, "carer").get("/day/").content.decode()
    first = carer_day.citizens[0]
    for text in ("08:00", "08:40", "09:20", first.full_name, first.street, "Jonas Berg", "Personlig pleje"):
        assert text in html
    assert f"https://maps.google.com/?q={first.lat:.6f},{first.lon:.6f}" in html


def test_opening_the_route_logs_a_view_of_each_citizen_on_it(world: World, carer_day: CarerDay) -> None:
    _client(world, "carer").get("/day/")
    viewed = set(
        AuditEvent.objects.filter(action=Action.VIEW, username="carer").values_list("citizen_id", flat=True)
    )
    assert viewed == {citizen.pk for citizen in carer_day.citizens}


def test_the_route_page_takes_the_same_number_of_queries_for_more_visits(
    world: World, carer_day: CarerDay, django_assert_max_num_queries: Any
) -> None:
    client = _client(world, "carer")
    with django_assert_max_num_queries(40) as few:
        client.get("/day/")
    for hour in (11, 12, 13, 14):
        make_visit(
            f.citizen(team=world.team_a),
            carer_day.day,
            dt.time(hour, 0),
            [carer_day.staff, carer_day.partner],
        )
    with django_assert_max_num_queries(len(few.captured_queries) + 4):  # one audit row per extra citizen
        client.get("/day/")


def test_a_substitute_sees_the_plan_and_handovers_first_with_a_warning(
    world: World, carer_day: CarerDay
) -> None:
    citizen = carer_day.citizens[0]
    VisitPlan.objects.create(citizen=citizen, routines="Kaffe før badet.", version=1)
    HandoverNote.objects.create(citizen=citizen, author_name="Mette Kjær", text="Hoster lidt.")
    html = _client(world, "carer").get(f"/day/visits/{carer_day.visits[0].pk}/").content.decode()
    assert 'data-testid="first-visit"' in html
    assert html.index("Kaffe før badet.") < html.index("Hoster lidt.") < html.index('data-testid="actions"')


def test_a_carer_who_visited_within_eight_weeks_sees_the_actions_first(
    world: World, carer_day: CarerDay
) -> None:
    earlier = make_visit(
        carer_day.citizens[0], carer_day.day - dt.timedelta(weeks=7), dt.time(8, 0), [carer_day.staff]
    )
    earlier.status = VisitStatus.DELIVERED
    earlier.save(update_fields=["status"])
    html = _client(world, "carer").get(f"/day/visits/{carer_day.visits[0].pk}/").content.decode()
    assert 'data-testid="first-visit"' not in html
    assert html.index('data-testid="actions"') < html.index('data-testid="visit-plan"')


def test_the_visit_page_shows_only_the_latest_three_handovers(world: World, carer_day: CarerDay) -> None:
    for n in range(5):
        HandoverNote.objects.create(citizen=carer_day.citizens[0], author_name="x", text=f"Note nummer {n}")
    html = _client(world, "carer").get(f"/day/visits/{carer_day.visits[0].pk}/").content.decode()
    assert [f"Note nummer {n}" in html for n in range(5)] == [False, False, True, True, True]


def test_opening_a_visit_logs_a_view_and_a_refusal_logs_denied(world: World, carer_day: CarerDay) -> None:
    url = f"/day/visits/{carer_day.visits[0].pk}/"
    _client(world, "carer").get(url)
    _client(world, "teamleader").get(url)
    events = AuditEvent.objects.filter(citizen_id=carer_day.citizens[0].pk).order_by("id")
    assert list(events.values_list("username", "action")) == [
        ("carer", Action.VIEW),
        ("teamleader", Action.DENIED),
    ]


def test_a_resent_check_in_form_registers_once(world: World, carer_day: CarerDay) -> None:
    client, url = _client(world, "carer"), f"/day/visits/{carer_day.visits[0].pk}/check-in/"
    data = {"request_id": str(uuid.uuid4())}
    responses = [client.post(url, data) for _try in range(2)]
    assert [r.status_code for r in responses] == [302, 302]
    assert VisitExecution.objects.get().checked_in_at is not None
    assert AuditEvent.objects.filter(action=Action.UPDATE).count() == 1


def test_checking_out_before_checking_in_shows_a_clear_error(world: World, carer_day: CarerDay) -> None:
    client = _client(world, "carer")
    url = f"/day/visits/{carer_day.visits[0].pk}/check-out/"
    page = client.post(url, {"request_id": str(uuid.uuid4())}, follow=True).content.decode()
    assert "Tjek ind, før du tjekker ud." in page
    assert not VisitExecution.objects.filter(checked_out_at__isnull=False).exists()


def test_checking_in_to_another_carers_visit_is_forbidden(world: World, carer_day: CarerDay) -> None:
    carer_day.visits[0].carers.set([carer_day.partner])
    url = f"/day/visits/{carer_day.visits[0].pk}/check-in/"
    assert _client(world, "carer").post(url, {"request_id": str(uuid.uuid4())}).status_code == 403


def test_a_visit_that_could_not_be_delivered_is_registered_with_its_reason(
    world: World, carer_day: CarerDay
) -> None:
    url = f"/day/visits/{carer_day.visits[1].pk}/not-delivered/"
    _client(world, "carer").post(url, {"request_id": str(uuid.uuid4()), "reason": "Borgeren var indlagt"})
    carer_day.visits[1].refresh_from_db()
    assert carer_day.visits[1].status == VisitStatus.NOT_DELIVERED


def test_a_handover_note_from_the_visit_page_returns_to_the_visit(world: World, carer_day: CarerDay) -> None:
    visit = carer_day.visits[0]
    data = {"request_id": str(uuid.uuid4()), "visit": str(visit.pk), "text": "Husk nøgleboks."}
    response = _client(world, "carer").post(f"/day/citizens/{visit.citizen_id}/handover/", data)
    assert response["Location"] == f"/day/visits/{visit.pk}/"
    assert HandoverNote.objects.get().visit == visit


def test_another_team_cannot_write_a_handover_note(world: World, carer_day: CarerDay) -> None:
    data = {"request_id": str(uuid.uuid4()), "text": "x"}
    response = _client(world, "carer_b").post(f"/day/citizens/{carer_day.citizens[0].pk}/handover/", data)
    assert response.status_code == 403 and not HandoverNote.objects.exists()


def test_the_team_list_puts_the_key_persons_citizens_first(world: World, carer_day: CarerDay) -> None:
    last = carer_day.citizens[2]
    last.key_person = carer_day.staff
    last.save(update_fields=["key_person"])
    html = _client(world, "carer").get("/day/plans/").content.decode()
    assert html.index(last.full_name) < html.index(carer_day.citizens[0].full_name)


def test_saving_the_visit_plan_page_keeps_a_history(world: World, carer_day: CarerDay) -> None:
    client, url = _client(world, "nurse"), f"/day/citizens/{carer_day.citizens[0].pk}/plan/"
    blank = {"routines": "", "wishes": "", "watch_for": "", "triggers": ""}
    client.post(url, {**blank, "routines": "Morgenmad kl. 8", "version": "0"})
    client.post(url, {**blank, "routines": "Morgenmad kl. 9", "version": "1"})
    html = client.get(url).content.decode()
    assert "Morgenmad kl. 8" in html and "Morgenmad kl. 9" in html
    assert VisitPlan.objects.get().version == 2


def test_a_visit_plan_saved_meanwhile_by_someone_else_is_not_overwritten(
    world: World, carer_day: CarerDay
) -> None:
    url = f"/day/citizens/{carer_day.citizens[0].pk}/plan/"
    blank = {"routines": "", "wishes": "", "watch_for": "", "triggers": "", "version": "0"}
    _client(world, "nurse").post(url, {**blank, "wishes": "Radio på"})
    response = _client(world, "carer").post(url, {**blank, "wishes": "Stille"})
    assert response.status_code == 400
    assert "gemte besøgsplanen" in response.content.decode()
    assert 'name="version" value="1"' in response.content.decode()
    assert VisitPlan.objects.get().wishes == "Radio på"


def test_times_on_the_route_are_copenhagen_wall_clock(world: World, carer_day: CarerDay) -> None:
    assert timezone.get_current_timezone_name() == "Europe/Copenhagen"
    html = _client(world, "carer").get("/day/").content.decode()
    assert "08:00" in html


def test_an_empty_handover_note_from_the_visit_page_returns_to_the_visit_with_an_error(
    world: World, carer_day: CarerDay
) -> None:
    visit = carer_day.visits[0]
    data = {"request_id": str(uuid.uuid4()), "visit": str(visit.pk), "text": ""}
    response = _client(world, "carer").post(f"/day/citizens/{visit.citizen_id}/handover/", data, follow=True)
    assert response.redirect_chain[-1][0] == f"/day/visits/{visit.pk}/"
    assert "Skriv overleveringsnotatet." in response.content.decode()
    assert not HandoverNote.objects.exists()
