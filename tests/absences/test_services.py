# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Sick calls and optimising the rest of a day: proposals, adjusting, accepting, staleness."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from freezegun import freeze_time

from naerhed.absences import services
from naerhed.absences.adjust import CANCEL, UNPLANNED, adjust_proposal, shift_choices
from naerhed.absences.models import AbsenceReason, AbsenceState, ProposalKind, ProposalStatus, ReplanProposal
from naerhed.absences.queries import proposal_view
from naerhed.audit.models import AuditEvent
from naerhed.carer_day.models import VisitExecution
from naerhed.lib.dates import aware
from naerhed.visits.models import ChangeKind, CitizenChangeEvent, Visit, VisitStatus
from naerhed.workforce.models import RosterShift
from tests.absences.conftest import EARLY, MONDAY, Day
from tests.personas import World

pytestmark = pytest.mark.django_db


def _sick_call(
    day: Day, world: World, *, shift: RosterShift | None = None, starts: dt.datetime | None = None
) -> ReplanProposal:
    proposal = services.report_absence(
        staff=day.mette, reason=AbsenceReason.SICK, by=world.user("teamleader"), shift=shift, starts=starts
    )
    return services.compute_proposal(proposal_id=proposal.pk)


def _carers(visit: Visit) -> set[str]:
    return {m.first_name for m in visit.carers.all()}


@freeze_time(EARLY)
def test_whole_shift_sick_call_proposes_exact_moves_and_changes_nothing_yet(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])

    assert proposal.status == ProposalStatus.PROPOSED, proposal.error
    rows = {row.visit.citizen.first_name: row for row in proposal_view(proposal).changes}
    assert set(rows) == {"Inger", "Poul"}
    assert rows["Inger"].old_carers == ["Mette Kjær"] and rows["Poul"].old_carers == ["Mette Kjær"]
    assert rows["Inger"].old_start == aware(MONDAY, dt.time(7, 30))
    assert rows["Poul"].new_carers == ["Anders Holm"]  # the only other carer with insulin
    assert all(row.new_carers and row.new_start is not None for row in rows.values())
    assert _carers(day.visit(day.inger)) == {"Mette"}
    assert not RosterShift.objects.get(pk=day.shifts["Mette"].pk).absent
    assert AuditEvent.objects.filter(object_type="absence").count() == 1


@freeze_time(EARLY)
def test_carers_new_to_the_citizen_are_flagged_and_known_ones_are_not(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])

    rows = {row.visit.citizen.first_name: row for row in proposal_view(proposal).changes}
    assert rows["Poul"].new_to_citizen == ["Anders Holm"]
    inger = rows["Inger"]
    assert inger.new_to_citizen == ([] if inger.new_carers == ["Anders Holm"] else inger.new_carers)
    assert all(not row.new_to_citizen for row in rows.values() if row.new_carers == row.old_carers)


@freeze_time(EARLY)
def test_accepting_writes_the_moves_events_rota_and_absence(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])
    leader = world.user("teamleader")

    changes = services.accept_proposal(proposal=proposal, by=leader)

    assert len(changes) == 2
    assert _carers(day.visit(day.poul)) == {"Anders"}
    assert "Mette" not in _carers(day.visit(day.inger))
    events = CitizenChangeEvent.objects.filter(kind=ChangeKind.CARER_CHANGED)
    assert {e.citizen_id for e in events} == {day.inger.pk, day.poul.pk}
    assert all(e.details["source"] == "sick-call" and e.created_by == leader for e in events)
    assert RosterShift.objects.get(pk=day.shifts["Mette"].pk).absent
    assert proposal.absences.get().state == AbsenceState.IN_FORCE
    assert proposal.status == ProposalStatus.ACCEPTED
    assert AuditEvent.objects.filter(object_type="visit", citizen_id=day.poul.pk).exists()


@freeze_time("2026-11-16 07:00:00+00:00")  # 08:00 in Copenhagen
def test_going_home_at_a_time_keeps_a_started_visit_and_moves_the_rest(day: Day, world: World) -> None:
    inger_visit = day.visit(day.inger)
    VisitExecution.objects.create(
        visit=inger_visit, staff=day.mette, checked_in_at=aware(MONDAY, dt.time(7, 31))
    )

    proposal = _sick_call(day, world, starts=aware(MONDAY, dt.time(8, 0)))
    services.accept_proposal(proposal=proposal, by=world.user("teamleader"))

    assert [row.visit.citizen.first_name for row in proposal_view(proposal).changes] == ["Poul"]
    assert _carers(day.visit(day.inger)) == {"Mette"}
    assert _carers(day.visit(day.poul)) == {"Anders"}
    absence = proposal.absences.get()
    assert absence.ends == day.shifts["Mette"].ends_at and not absence.whole_shift
    assert not RosterShift.objects.get(pk=day.shifts["Mette"].pk).absent


@freeze_time(EARLY)
def test_a_time_outside_every_shift_is_refused_naming_the_field(day: Day, world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.report_absence(
            staff=day.mette, reason=AbsenceReason.SICK, by=None, starts=aware(MONDAY, dt.time(16, 0))
        )
    assert "starts" in error.value.message_dict
    assert not ReplanProposal.objects.exists()


@freeze_time(EARLY)
def test_a_stale_proposal_is_refused_and_nothing_is_written(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])
    # Someone moves Karen's visit on the board meanwhile.
    Visit.objects.filter(pk=day.visit(day.karen).pk).update(
        planned_start=aware(MONDAY, dt.time(8, 0)), version=F("version") + 1
    )

    with pytest.raises(services.StaleProposal):
        services.accept_proposal(proposal=proposal, by=world.user("teamleader"))

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.STALE
    assert _carers(day.visit(day.poul)) == {"Mette"}
    assert not CitizenChangeEvent.objects.exists()
    assert not RosterShift.objects.get(pk=day.shifts["Mette"].pk).absent
    assert proposal.absences.get().state == AbsenceState.PENDING


@freeze_time(EARLY)
def test_a_changed_version_of_a_visit_the_proposal_moves_makes_it_stale(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])
    Visit.objects.filter(pk=day.visit(day.poul).pk).update(version=F("version") + 1)

    with pytest.raises(services.StaleProposal):
        services.accept_proposal(proposal=proposal, by=None)
    assert _carers(day.visit(day.poul)) == {"Mette"}


@freeze_time(EARLY)
def test_a_visit_checked_out_meanwhile_does_not_make_the_proposal_stale(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])
    Visit.objects.filter(pk=day.visit(day.karen).pk).update(
        status=VisitStatus.DELIVERED, version=F("version") + 1
    )

    services.accept_proposal(proposal=proposal, by=None)

    assert proposal.status == ProposalStatus.ACCEPTED
    assert _carers(day.visit(day.poul)) == {"Anders"}


@freeze_time(EARLY)
def test_a_new_visit_on_the_day_makes_the_proposal_stale(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])
    old = day.visit(day.else_)
    old.pk = None
    old.grant = None
    old.save()

    with pytest.raises(services.StaleProposal):
        services.accept_proposal(proposal=proposal, by=None)


@freeze_time(EARLY)
def test_adjusting_to_another_eligible_carer_is_checked_and_kept(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])
    vid = f"v-{day.visit(day.inger).pk}"
    row = next(r for r in proposal_view(proposal).changes if r.engine_id == vid)
    other = next(c for c in shift_choices(proposal, [vid])[vid] if not c.label.startswith(row.new_carers[0]))
    assert not any(c.label.startswith("Mette") for c in shift_choices(proposal, [vid])[vid])

    adjust_proposal(proposal=proposal, visit_id=vid, target=other.value, by=None)

    row = next(r for r in proposal_view(proposal).changes if r.engine_id == vid)
    assert other.label.startswith(row.new_carers[0])
    services.accept_proposal(proposal=proposal, by=None)
    assert other.label.startswith(next(iter(_carers(day.visit(day.inger)))))


@freeze_time(EARLY)
def test_adjusting_to_a_carer_without_the_competence_is_refused_in_plain_words(
    day: Day, world: World
) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])
    sofie = f"s-{day.sofie.pk}:0"
    before = proposal.plan

    with pytest.raises(ValidationError) as error:
        adjust_proposal(proposal=proposal, visit_id=f"v-{day.visit(day.poul).pk}", target=sofie, by=None)

    assert error.value.message_dict["target"] == ["Sofie Lund har ikke kompetencen insulin."]
    proposal.refresh_from_db()
    assert proposal.plan == before


@freeze_time(EARLY)
def test_adjusting_to_the_absent_carer_or_an_unlisted_visit_is_refused(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])
    with pytest.raises(ValidationError, match="Mette Kjær er fraværende"):
        adjust_proposal(
            proposal=proposal, visit_id=f"v-{day.visit(day.poul).pk}", target=f"s-{day.mette.pk}:0", by=None
        )
    with pytest.raises(ValidationError) as error:
        adjust_proposal(proposal=proposal, visit_id=f"v-{day.visit(day.karen).pk}", target=UNPLANNED, by=None)
    assert "visit" in error.value.message_dict


@freeze_time(EARLY)
def test_a_visit_cancelled_in_the_proposal_is_cancelled_and_the_citizen_told(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])
    visit = day.visit(day.poul)

    adjust_proposal(proposal=proposal, visit_id=f"v-{visit.pk}", target=CANCEL, by=None)
    row = next(r for r in proposal_view(proposal).changes if r.visit.pk == visit.pk)
    assert row.uncovered and row.cancelled
    services.accept_proposal(proposal=proposal, by=world.user("teamleader"))

    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED and not visit.carers.exists()
    event = CitizenChangeEvent.objects.get(citizen=day.poul)
    assert event.kind == ChangeKind.CANCELLED and event.details["source"] == "sick-call"


@freeze_time(EARLY)
def test_rejecting_changes_nothing_and_sets_the_absence_aside(day: Day, world: World) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])

    services.reject_proposal(proposal=proposal, by=None)

    assert proposal.status == ProposalStatus.REJECTED
    assert proposal.absences.get().state == AbsenceState.SET_ASIDE
    assert _carers(day.visit(day.poul)) == {"Mette"}
    with pytest.raises(ValidationError):
        services.accept_proposal(proposal=proposal, by=None)


@freeze_time(EARLY)
def test_a_second_sick_call_supersedes_the_open_proposal_and_covers_both(day: Day, world: World) -> None:
    first = _sick_call(day, world, shift=day.shifts["Mette"])
    second = services.report_absence(
        staff=day.sofie, reason=AbsenceReason.CHILD_SICK, by=None, shift=day.shifts["Sofie"]
    )
    second = services.compute_proposal(proposal_id=second.pk)

    first.refresh_from_db()
    assert first.status == ProposalStatus.SUPERSEDED
    assert second.absences.count() == 2
    moved = {row.visit.citizen.first_name: row for row in proposal_view(second).changes}
    assert set(moved) == {"Inger", "Poul", "Else"}
    assert all(row.new_carers in ([], ["Anders Holm"]) for row in moved.values())


@freeze_time(EARLY)
def test_optimising_the_rest_of_the_day_plans_an_unplanned_visit(day: Day, world: World) -> None:
    visit = day.visit(day.else_)
    visit.carers.clear()
    Visit.objects.filter(pk=visit.pk).update(planned_start=None)

    proposal = services.request_proposal(team=day.team, day=MONDAY, kind=ProposalKind.OPTIMISE, by=None)
    proposal = services.compute_proposal(proposal_id=proposal.pk)

    assert proposal.status == ProposalStatus.PROPOSED, proposal.error
    row = next(r for r in proposal_view(proposal).changes if r.visit.pk == visit.pk)
    assert row.kind == "added" and row.new_carers and row.old_carers == []
    services.accept_proposal(proposal=proposal, by=None)
    visit.refresh_from_db()
    assert visit.planned_start is not None and visit.carers.count() == 1


@freeze_time("2026-11-16 09:00:00+00:00")  # 10:00: every morning visit is past
def test_optimising_never_moves_visits_before_now(day: Day, world: World) -> None:
    proposal = services.request_proposal(team=day.team, day=MONDAY, kind=ProposalKind.OPTIMISE, by=None)
    proposal = services.compute_proposal(proposal_id=proposal.pk)

    assert proposal.status == ProposalStatus.PROPOSED, proposal.error
    assert proposal.changes == []


def test_a_past_day_cannot_be_re_planned(day: Day) -> None:
    with freeze_time("2026-11-17 10:00:00+00:00"), pytest.raises(ValidationError) as error:
        services.request_proposal(team=day.team, day=MONDAY, kind=ProposalKind.OPTIMISE, by=None)
    assert "date" in error.value.message_dict


@freeze_time("2026-11-16 07:00:00+00:00")  # 08:00 in Copenhagen
def test_a_whole_shift_called_in_late_leaves_the_missed_visit_uncovered_with_the_reason(
    day: Day, world: World
) -> None:
    proposal = _sick_call(day, world, shift=day.shifts["Mette"])

    rows = {row.visit.citizen.first_name: row for row in proposal_view(proposal).changes}
    assert rows["Inger"].uncovered
    assert (
        rows["Inger"].reason
        == "Det skulle have været udført, før fraværet blev registreret, og er ikke påbegyndt."
    )
    assert rows["Poul"].new_carers == ["Anders Holm"]
    services.accept_proposal(proposal=proposal, by=None)
    assert not day.visit(day.inger).carers.exists()


def test_the_service_still_refuses_a_shift_that_has_ended(day: Day) -> None:
    after = aware(MONDAY, dt.time(15, 30))
    with pytest.raises(ValidationError) as refused:
        services.report_absence(
            staff=day.mette, reason=AbsenceReason.SICK, by=None, shift=day.shifts["Mette"], now=after
        )
    assert "starts" in refused.value.message_dict
    assert not ReplanProposal.objects.exists()
