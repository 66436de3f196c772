# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every write of sick calls and re-planning: register an absence, request, compute, adjust, accept or
reject a proposal. Each is one transaction and audit-logged; nothing takes effect until accepted."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from naerhed.absences.models import (
    Absence,
    AbsenceReason,
    AbsenceState,
    ProposalKind,
    ProposalStatus,
    ReplanProposal,
)
from naerhed.absences.replanning import built_from_json, day_input, propose, versions_from_json
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.jobs import enqueue
from naerhed.lib.dates import COPENHAGEN, aware
from naerhed.organisation.models import Team
from naerhed.planner import io as plan_io
from naerhed.planner.plan import Plan
from naerhed.planning.plan_store import AppliedChange, StaleVisitError, apply_plan, current_plan
from naerhed.planning.problem_builder import build_problem
from naerhed.planning.services import json_safe
from naerhed.visits.events import record_change
from naerhed.visits.models import ChangeKind, Visit, VisitStatus
from naerhed.workforce.models import RosterShift, StaffMember

if TYPE_CHECKING:
    from naerhed.accounts.models import User

COMPUTE_PROPOSAL = "absences.compute_proposal"
OPEN = (ProposalStatus.QUEUED, ProposalStatus.PROPOSED)


class StaleProposal(Exception):
    """The day changed after the proposal was made; it was marked stale and must be made again."""


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return aware(day, dt.time(0)), aware(day + dt.timedelta(days=1), dt.time(0))


@transaction.atomic
def register_absence(
    *,
    staff: StaffMember,
    reason: str,
    by: User | None,
    shift: RosterShift | None = None,
    starts: dt.datetime | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> Absence:
    """Record that ``staff`` is away for the whole ``shift``, or from ``starts`` to the end of the shift
    they are on then. The rota is not touched until a proposal for the absence is accepted."""
    now = now or timezone.now()
    if reason not in AbsenceReason.values:
        raise ValidationError({"reason": _("Choose a reason for the absence.")})
    if shift is not None:
        if shift.staff_id != staff.pk:
            raise ValidationError({"shift": _("The shift is not %(name)s's.") % {"name": staff.full_name}})
        starts, ends = shift.starts_at, shift.ends_at
    elif starts is not None:
        if timezone.is_naive(starts):
            raise ValidationError({"starts": _("Give the time with its time zone.")})
        current = _shift_at(staff, starts)
        if current is None:
            message = _("%(name)s has no shift at %(time)s.")
            raise ValidationError({"starts": message % {"name": staff.full_name, "time": _clock(starts)}})
        ends = current.ends_at
    else:
        raise ValidationError({"starts": _("Give the shift or the time the absence starts from.")})
    if ends <= now:
        raise ValidationError({"starts": _("That shift is already over; there is nothing left to re-plan.")})
    if Absence.objects.filter(
        staff=staff, starts__lt=ends, ends__gt=starts, state__in=(AbsenceState.PENDING, AbsenceState.IN_FORCE)
    ).exists():
        raise ValidationError(
            {"starts": _("%(name)s is already registered absent then.") % {"name": staff.full_name}}
        )
    absence = Absence.objects.create(
        staff=staff, shift=shift, starts=starts, ends=ends, reason=reason, note=note.strip(), registered_by=by
    )
    record_event(
        user=by,
        action=Action.CREATE,
        object_type="absence",
        object_id=absence.pk,
        summary=f"{staff.full_name} {reason} {starts.astimezone(COPENHAGEN):%Y-%m-%d} "
        f"{_clock(starts)}–{_clock(ends)}",
    )
    return absence


def _shift_at(staff: StaffMember, at: dt.datetime) -> RosterShift | None:
    return (
        RosterShift.objects.filter(staff=staff, starts_at__lte=at, ends_at__gt=at, absent=False)
        .order_by("starts_at")
        .first()
    )


def _clock(moment: dt.datetime) -> str:
    return moment.astimezone(COPENHAGEN).strftime("%H:%M")


@transaction.atomic
def report_absence(
    *,
    staff: StaffMember,
    reason: str,
    by: User | None,
    shift: RosterShift | None = None,
    starts: dt.datetime | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> ReplanProposal:
    """Register the absence and ask the engine for a proposal for the day it falls on."""
    now = now or timezone.now()
    absence = register_absence(
        staff=staff, reason=reason, by=by, shift=shift, starts=starts, note=note, now=now
    )
    day = shift.date if shift is not None else max(absence.starts, now).astimezone(COPENHAGEN).date()
    return request_proposal(team=staff.team, day=day, kind=ProposalKind.SICK_CALL, by=by, now=now)


@transaction.atomic
def request_proposal(
    *, team: Team, day: dt.date, kind: str, by: User | None, now: dt.datetime | None = None
) -> ReplanProposal:
    """A new proposal for the team's day from ``now`` on, computed in the background.

    It covers every absence of the day still waiting for a decision and keeps carers whose
    absences are in force free; older open proposals for the day are superseded by it.
    """
    now = now or timezone.now()
    if day < now.astimezone(COPENHAGEN).date():
        raise ValidationError({"date": _("A day that is over cannot be re-planned.")})
    begin, end = _day_bounds(day)
    ReplanProposal.objects.filter(team=team, date=day, status__in=OPEN).update(
        status=ProposalStatus.SUPERSEDED
    )
    day_absences = Absence.objects.filter(staff__team=team, starts__lt=end, ends__gt=begin)
    pending = list(day_absences.filter(state=AbsenceState.PENDING).order_by("starts", "pk"))
    in_force = day_absences.filter(state=AbsenceState.IN_FORCE, shift__isnull=True)
    proposal = ReplanProposal(team=team, date=day, kind=kind, planned_from=now, created_by=by)
    try:
        proposal.instance = day_input(team=team, day=day, now=now, new=pending, in_force=in_force).to_json()
    except ValueError as exc:
        proposal.status, proposal.error, proposal.finished_at = ProposalStatus.FAILED, str(exc), now
    proposal.save()
    proposal.absences.set(pending)
    record_event(
        user=by,
        action=Action.CREATE,
        object_type="replan-proposal",
        object_id=proposal.pk,
        summary=f"{kind} {team.name} {day.isoformat()}",
    )
    if proposal.status == ProposalStatus.QUEUED:
        transaction.on_commit(lambda: enqueue(COMPUTE_PROPOSAL, proposal.pk))
    return proposal


def compute_proposal(*, proposal_id: int) -> ReplanProposal:
    """Run the engine for a queued proposal (claimed atomically, so a second delivery does nothing)."""
    claimed = ReplanProposal.objects.filter(
        pk=proposal_id, status=ProposalStatus.QUEUED, started_at__isnull=True
    ).update(started_at=timezone.now())
    if claimed:
        proposal = ReplanProposal.objects.get(pk=proposal_id)
        fields: dict[str, Any]
        try:
            result = propose(proposal.instance or {}, optimise=proposal.kind == ProposalKind.OPTIMISE)
            plan = json_safe(plan_io.dump_plan(result.plan))
            fields = {"status": ProposalStatus.PROPOSED, "plan": plan, "changes": result.changes}
        except Exception as exc:  # any failure is shown on the proposal, never lost
            fields = {"status": ProposalStatus.FAILED, "error": f"{type(exc).__name__}: {exc}"}
        # Only a proposal still queued takes the result: a superseded one stays superseded.
        ReplanProposal.objects.filter(pk=proposal_id, status=ProposalStatus.QUEUED).update(
            finished_at=timezone.now(), **fields
        )
    return ReplanProposal.objects.get(pk=proposal_id)


def accept_proposal(*, proposal: ReplanProposal, by: User | None) -> list[AppliedChange]:
    """Write the proposal's carers and times in one transaction (apply_plan with the versions the
    proposal was made from), cancel the visits chosen for cancelling, and put its absences in force.

    If the day changed meanwhile nothing is written: the proposal is marked stale and
    :class:`StaleProposal` raised.
    """
    try:
        return _accept(proposal, by)
    except StaleProposal:
        with transaction.atomic():
            ReplanProposal.objects.filter(pk=proposal.pk, status=ProposalStatus.PROPOSED).update(
                status=ProposalStatus.STALE
            )
            _audit(by, proposal, "stale: the day changed after the proposal was made")
        proposal.refresh_from_db()
        raise


@transaction.atomic
def _accept(proposal: ReplanProposal, by: User | None) -> list[AppliedChange]:
    locked = ReplanProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.PROPOSED or locked.plan is None or locked.instance is None:
        raise ValidationError({"status": _("Only a proposal waiting for a decision can be accepted.")})
    built = built_from_json(locked.instance)
    _check_still_current(locked, built.problem, plan_io.load_plan(locked.instance["plan"]))
    plan = plan_io.load_plan(locked.plan)
    scope = sorted({c["visit"] for c in locked.changes} | set(locked.cancelled_visits))
    versions = versions_from_json(locked.instance)
    try:
        changes = apply_plan(
            built,
            plan,
            by=by,
            source=locked.source,
            visit_ids=scope,
            expected_versions={built.visit_ids[vid]: versions[built.visit_ids[vid]] for vid in scope},
        )
    except StaleVisitError as exc:
        raise StaleProposal(str(exc)) from exc
    cancelled = _cancel_visits(locked, built.visit_ids, by)
    absences = list(locked.absences.all())
    Absence.objects.filter(pk__in=[a.pk for a in absences]).update(state=AbsenceState.IN_FORCE)
    RosterShift.objects.filter(pk__in=[a.shift_id for a in absences if a.shift_id]).update(absent=True)
    locked.status, locked.decided_by, locked.decided_at = ProposalStatus.ACCEPTED, by, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    ReplanProposal.objects.filter(team=locked.team, date=locked.date, status__in=OPEN).exclude(
        pk=locked.pk
    ).update(status=ProposalStatus.SUPERSEDED)
    _audit_citizens(by, locked, {c.visit_pk for c in changes} | cancelled)
    _audit(by, locked, f"accepted: {len(changes)} visits changed, {len(cancelled)} cancelled")
    proposal.refresh_from_db()
    return changes


def _check_still_current(proposal: ReplanProposal, problem: Any, base: Plan) -> None:
    """Nothing the proposal builds on may have changed: no visit added to the day, none of its
    visits given another carer or time, the rota the same. (The visits the proposal changes are
    checked by version in ``apply_plan``; a visit merely checked out since is no reason to refuse.)"""
    fresh = build_problem(team=proposal.team, start=proposal.date, days=1)
    if set(fresh.visit_ids) - {v.id for v in problem.visits}:
        raise StaleProposal("a visit was added to the day")
    if {c.id: c.shifts for c in fresh.problem.carers} != {c.id: c.shifts for c in problem.carers}:
        raise StaleProposal("the rota changed")
    now, then = current_plan(fresh).starts(), base.starts()
    if any(sorted(now.get(vid, [])) != sorted(then.get(vid, [])) for vid in fresh.visit_ids):
        raise StaleProposal("a visit got another carer or time")


def _cancel_visits(proposal: ReplanProposal, visit_ids: dict[str, int], by: User | None) -> set[int]:
    pks = {visit_ids[vid] for vid in proposal.cancelled_visits if vid in visit_ids}
    for visit in Visit.objects.filter(pk__in=pks, status=VisitStatus.PLANNED).select_related("service"):
        details = {
            "source": proposal.source,
            "old_start": visit.window_start.isoformat(),
            "service": visit.service.name,
        }
        Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.CANCELLED, planned_start=None)
        visit.carers.clear()
        record_change(visit=visit, kind=ChangeKind.CANCELLED, details=details, by=by)
    return pks


@transaction.atomic
def reject_proposal(*, proposal: ReplanProposal, by: User | None) -> None:
    """Nothing changes; the proposal's absences stay registered but are not put in force."""
    locked = ReplanProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status not in OPEN:
        raise ValidationError({"status": _("Only a proposal waiting for a decision can be rejected.")})
    locked.status, locked.decided_by, locked.decided_at = ProposalStatus.REJECTED, by, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    locked.absences.filter(state=AbsenceState.PENDING).update(state=AbsenceState.SET_ASIDE)
    _audit(by, locked, "rejected")
    proposal.refresh_from_db()


def _audit(by: User | None, proposal: ReplanProposal, summary: str) -> None:
    record_event(
        user=by, action=Action.UPDATE, object_type="replan-proposal", object_id=proposal.pk, summary=summary
    )


def _audit_citizens(by: User | None, proposal: ReplanProposal, visit_pks: set[int]) -> None:
    """One audit line per citizen whose visits the accepted proposal changed."""
    rows = Visit.objects.filter(pk__in=visit_pks).values_list("citizen_id", "pk").order_by("citizen_id", "pk")
    by_citizen: dict[int, list[int]] = {}
    for citizen_id, pk in rows:
        by_citizen.setdefault(citizen_id, []).append(pk)
    for citizen_id, pks in by_citizen.items():
        record_event(
            user=by,
            action=Action.UPDATE,
            object_type="visit",
            object_id=",".join(map(str, pks)),
            citizen_id=citizen_id,
            summary=f"{proposal.kind} proposal {proposal.pk} accepted",
        )
