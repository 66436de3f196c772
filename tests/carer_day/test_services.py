# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The writes of the carer's day: check-in and check-out, not delivered, handovers and visit plans."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from naerhed.audit.models import Action, AuditEvent
from naerhed.carer_day import services
from naerhed.carer_day.models import ClientRequest, HandoverNote, VisitExecution, VisitPlanRevision
from naerhed.lib.dates import aware
from naerhed.visits.events import record_change
from naerhed.visits.models import ChangeKind, CitizenChangeEvent, VisitStatus
from tests import factories as f
from tests.carer_day.conftest import CarerDay
from tests.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The refusals are matched by their English text."""
    with translation.override("en"):
        yield


def _at(day: CarerDay, hour: int, minute: int) -> dt.datetime:
    return aware(day.day, dt.time(hour, minute))


def _audit(user_name: str) -> list[tuple[str, str, int | None, str]]:
    events = AuditEvent.objects.filter(username=user_name).order_by("id")
    return list(events.values_list("action", "object_type", "citizen_id", "summary"))


def test_checking_in_records_the_time_and_writes_the_audit_log(carer_day: CarerDay) -> None:
    visit = carer_day.visits[0]
    execution = services.check_in(
        visit=visit, by=carer_day.user, at=_at(carer_day, 8, 2), request_id=uuid.uuid4()
    )
    assert (execution.staff, execution.checked_in_at) == (carer_day.staff, _at(carer_day, 8, 2))
    assert _audit("carer") == [(Action.UPDATE, "visit", visit.citizen_id, "checked in")]


def test_a_retried_check_in_returns_the_first_result_and_creates_nothing_new(carer_day: CarerDay) -> None:
    visit, request_id = carer_day.visits[0], uuid.uuid4()
    first = services.check_in(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 2), request_id=request_id)
    again = services.check_in(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 4), request_id=request_id)
    assert again.pk == first.pk and again.checked_in_at == _at(carer_day, 8, 2)
    assert (VisitExecution.objects.count(), ClientRequest.objects.count(), len(_audit("carer"))) == (1, 1, 1)


def test_a_second_check_in_from_a_new_page_is_refused(carer_day: CarerDay) -> None:
    visit = carer_day.visits[0]
    services.check_in(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 2), request_id=uuid.uuid4())
    with pytest.raises(ValidationError, match="08:02"):
        services.check_in(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 9), request_id=uuid.uuid4())


def test_checking_out_before_checking_in_is_refused_and_leaves_no_trace(carer_day: CarerDay) -> None:
    with pytest.raises(ValidationError, match="Check in before you check out"):
        services.check_out(
            visit=carer_day.visits[0], by=carer_day.user, at=_at(carer_day, 8, 30), request_id=uuid.uuid4()
        )
    assert (ClientRequest.objects.count(), AuditEvent.objects.count()) == (0, 0)


def test_checking_out_before_the_check_in_time_is_refused(carer_day: CarerDay) -> None:
    visit = carer_day.visits[0]
    services.check_in(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 10), request_id=uuid.uuid4())
    with pytest.raises(ValidationError, match="before the check-in"):
        services.check_out(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 5), request_id=uuid.uuid4())


def test_checking_out_delivers_the_visit(carer_day: CarerDay) -> None:
    visit = carer_day.visits[0]
    services.check_in(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 0), request_id=uuid.uuid4())
    services.check_out(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 31), request_id=uuid.uuid4())
    visit.refresh_from_db()
    assert (visit.status, visit.version) == (VisitStatus.DELIVERED, 2)
    assert [summary for *_rest, summary in _audit("carer")] == ["checked in", "checked out"]


def test_checking_in_to_a_visit_on_someone_elses_route_is_refused(carer_day: CarerDay, world: World) -> None:
    other = f.staff(team=world.team_a)
    carer_day.visits[0].carers.set([other])
    with pytest.raises(PermissionDenied):
        services.check_in(
            visit=carer_day.visits[0], by=carer_day.user, at=_at(carer_day, 8, 0), request_id=uuid.uuid4()
        )
    assert VisitExecution.objects.count() == 0


def test_a_user_who_is_not_staff_cannot_check_in(carer_day: CarerDay, world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.check_in(
            visit=carer_day.visits[0],
            by=world.user("planner"),
            at=_at(carer_day, 8, 0),
            request_id=uuid.uuid4(),
        )


def test_a_request_id_used_for_another_action_is_refused(carer_day: CarerDay) -> None:
    visit, request_id = carer_day.visits[0], uuid.uuid4()
    services.check_in(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 0), request_id=request_id)
    with pytest.raises(ValidationError, match="already used"):
        services.check_out(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 30), request_id=request_id)


def test_a_visit_not_delivered_records_the_reason_and_a_change_event_once(carer_day: CarerDay) -> None:
    visit, request_id = carer_day.visits[1], uuid.uuid4()
    for _try in range(2):
        execution = services.mark_not_delivered(
            visit=visit, by=carer_day.user, reason=" Ikke hjemme ", request_id=request_id
        )
    visit.refresh_from_db()
    assert (visit.status, execution.not_delivered_reason) == (VisitStatus.NOT_DELIVERED, "Ikke hjemme")
    events = list(
        CitizenChangeEvent.objects.values_list("citizen_id", "visit_id", "kind", "details", "created_by")
    )
    details = {"reason": "Ikke hjemme", "staff_id": carer_day.staff.pk}
    assert events == [(visit.citizen_id, visit.pk, ChangeKind.NOT_DELIVERED, details, carer_day.user.pk)]
    assert _audit("carer") == [(Action.UPDATE, "visit", visit.citizen_id, "not delivered")]


def test_a_visit_not_delivered_needs_a_reason(carer_day: CarerDay) -> None:
    with pytest.raises(ValidationError):
        services.mark_not_delivered(
            visit=carer_day.visits[0], by=carer_day.user, reason="  ", request_id=uuid.uuid4()
        )
    assert CitizenChangeEvent.objects.count() == 0


def test_a_delivered_visit_cannot_be_marked_as_not_delivered(carer_day: CarerDay) -> None:
    visit = carer_day.visits[0]
    services.check_in(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 0), request_id=uuid.uuid4())
    services.check_out(visit=visit, by=carer_day.user, at=_at(carer_day, 8, 30), request_id=uuid.uuid4())
    with pytest.raises(ValidationError, match="08:30"):
        services.mark_not_delivered(
            visit=visit, by=carer_day.user, reason="Ikke hjemme", request_id=uuid.uuid4()
        )


def test_a_change_event_can_be_recorded_for_any_kind_of_change(carer_day: CarerDay) -> None:
    event = record_change(
        visit=carer_day.visits[2], kind=ChangeKind.DELAYED, details={"minutes": 25}, by=None
    )
    assert (event.citizen_id, event.kind, event.details) == (
        carer_day.citizens[2].pk,
        "delayed",
        {"minutes": 25},
    )


def test_a_retried_handover_note_is_saved_once(carer_day: CarerDay) -> None:
    citizen, request_id = carer_day.citizens[0], uuid.uuid4()
    for _try in range(2):
        note = services.write_handover(
            citizen=citizen,
            visit=carer_day.visits[0],
            by=carer_day.user,
            text="Sov dårligt.",
            request_id=request_id,
        )
    assert (HandoverNote.objects.count(), note.author_name, note.text) == (1, "Sofie Holm", "Sov dårligt.")
    assert _audit("carer") == [(Action.CREATE, "handovernote", citizen.pk, "handover note")]


def test_only_the_citizens_team_writes_handover_notes(carer_day: CarerDay, world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.write_handover(
            citizen=carer_day.citizens[0],
            visit=None,
            by=world.user("carer_b"),
            text="x",
            request_id=uuid.uuid4(),
        )


def test_a_handover_note_from_another_citizens_visit_is_refused(carer_day: CarerDay) -> None:
    with pytest.raises(ValidationError):
        services.write_handover(
            citizen=carer_day.citizens[0],
            visit=carer_day.visits[1],
            by=carer_day.user,
            text="x",
            request_id=uuid.uuid4(),
        )


def test_each_save_of_a_visit_plan_is_a_new_version_and_keeps_the_previous_text(
    carer_day: CarerDay, world: World
) -> None:
    citizen, leader = carer_day.citizens[0], world.user("teamleader")
    services.update_visit_plan(
        citizen=citizen, by=carer_day.user, expected_version=0, routines="Kaffe først."
    )
    plan = services.update_visit_plan(
        citizen=citizen, by=leader, expected_version=1, routines="Bad om tirsdagen."
    )
    assert (plan.version, plan.routines, plan.updated_by) == (2, "Bad om tirsdagen.", leader)
    history = list(
        VisitPlanRevision.objects.order_by("version").values_list("version", "routines", "saved_by_name")
    )
    assert history == [(1, "Kaffe først.", "Sofie Holm"), (2, "Bad om tirsdagen.", "teamleader")]
    assert _audit("carer") == [(Action.CREATE, "visitplan", citizen.pk, "visit plan: routines")]
    assert _audit("teamleader") == [(Action.UPDATE, "visitplan", citizen.pk, "visit plan: routines")]


def test_saving_a_visit_plan_someone_else_saved_meanwhile_is_refused_naming_them(
    carer_day: CarerDay, world: World
) -> None:
    citizen = carer_day.citizens[0]
    services.update_visit_plan(citizen=citizen, by=carer_day.user, expected_version=0, wishes="Radio på P4.")
    with pytest.raises(services.StaleVisitPlan, match="Sofie Holm saved the visit plan"):
        services.update_visit_plan(
            citizen=citizen, by=world.user("nurse"), expected_version=0, wishes="Stille."
        )
    assert list(VisitPlanRevision.objects.values_list("wishes", flat=True)) == ["Radio på P4."]


def test_saving_an_unchanged_visit_plan_makes_no_new_version(carer_day: CarerDay) -> None:
    citizen = carer_day.citizens[0]
    services.update_visit_plan(citizen=citizen, by=carer_day.user, expected_version=0, triggers="Høje lyde.")
    plan = services.update_visit_plan(
        citizen=citizen, by=carer_day.user, expected_version=1, triggers="Høje lyde."
    )
    assert (plan.version, VisitPlanRevision.objects.count(), AuditEvent.objects.count()) == (1, 1, 1)


def test_a_visit_plan_is_kept_only_by_the_citizens_team(carer_day: CarerDay, world: World) -> None:
    for outsider in ("carer_b", "planner", "visitator"):
        with pytest.raises(PermissionDenied):
            services.update_visit_plan(
                citizen=carer_day.citizens[0], by=world.user(outsider), expected_version=0, routines="x"
            )


def test_a_visit_plan_has_only_its_four_texts(carer_day: CarerDay) -> None:
    with pytest.raises(ValueError, match="cpr"):
        services.update_visit_plan(
            citizen=carer_day.citizens[0], by=carer_day.user, expected_version=0, cpr="x"
        )
