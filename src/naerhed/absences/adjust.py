# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Adjusting a proposal before accepting it: a listed visit to another carer's shift, left unplanned,
or cancelled. Every adjustment is checked against every hard rule; an illegal one is refused with
the reason in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from naerhed.absences.models import ProposalStatus, ReplanProposal
from naerhed.absences.replanning import built_from_json, changes_json
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.planner import io as plan_io
from naerhed.planner.check import Rule, Violation, check
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.events import Absence
from naerhed.planner.model import Problem
from naerhed.planner.plan import Plan
from naerhed.planner.rest_of_day import LEFT_UNPLANNED, barred_shifts, place_visit
from naerhed.planning.problem_builder import from_minutes
from naerhed.workforce.models import StaffMember

if TYPE_CHECKING:
    from naerhed.accounts.models import User

UNPLANNED = "unplanned"
CANCEL = "cancel"
CANCELLED_REASON = "to be cancelled"


@dataclass(frozen=True)
class ShiftChoice:
    """An option for a visit: ``value`` is ``"<carer id>:<shift index>"``."""

    value: str
    label: str


def shift_choices(proposal: ReplanProposal, visit_ids: list[str]) -> dict[str, list[ShiftChoice]]:
    """For each visit, the carer shifts that could take it on their own (absent carers' shifts left out)."""
    data = proposal.instance or {}
    built = built_from_json(data)
    problem = built.problem
    barred = _barred(problem, data)
    names = _names(problem)
    eligibility = Eligibility(problem)
    out: dict[str, list[ShiftChoice]] = {}
    for vid in visit_ids:
        choices = []
        for ref in eligibility.for_visit(problem.visit_by_id[vid]):
            if ref in barred:
                continue
            carer = problem.carers[ref.carer]
            shift = carer.shifts[ref.shift]
            start, end = from_minutes(shift.start, built.start), from_minutes(shift.end, built.start)
            choices.append(
                ShiftChoice(f"{carer.id}:{ref.shift}", f"{names[carer.id]} ({start:%H:%M}–{end:%H:%M})")
            )
        out[vid] = sorted(choices, key=lambda c: c.label)
    return out


def _barred(problem: Problem, data: dict[str, object]) -> set[ShiftRef]:
    events = data.get("events", [])
    assert isinstance(events, list)
    return barred_shifts(problem, [Absence(e["carer"], e["from"], e["to"]) for e in events])


def _names(problem: Problem) -> dict[str, str]:
    pks = [int(c.id.removeprefix("s-")) for c in problem.carers]
    return {f"s-{m.pk}": m.full_name for m in StaffMember.objects.filter(pk__in=pks)}


@transaction.atomic
def adjust_proposal(*, proposal: ReplanProposal, visit_id: str, target: str, by: User | None) -> None:
    """Put ``visit_id`` on ``target`` (``"<carer id>:<shift>"``, ``"unplanned"`` or ``"cancel"``).

    Raises ValidationError naming the field, in plain words, when the change breaks a rule.
    """
    locked = ReplanProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.PROPOSED or locked.plan is None or locked.instance is None:
        raise ValidationError({"visit": _("Only a proposal waiting for a decision can be adjusted.")})
    data = locked.instance
    problem = built_from_json(data).problem
    plan = plan_io.load_plan(locked.plan)
    listed = {c["visit"] for c in locked.changes} | {u.visit for u in plan.unassigned}
    if visit_id not in listed or visit_id not in problem.visit_by_id:
        raise ValidationError({"visit": _("Only a visit listed in the proposal can be adjusted.")})
    if visit_id in data.get("started", []):
        raise ValidationError({"visit": _("The visit has started; it cannot be moved.")})
    names = _names(problem)
    new_plan = _placed(problem, plan, data, visit_id, target, names)
    violations = check(problem, new_plan)
    if violations:
        raise ValidationError({"target": plain_reason(violations[0], names)})
    cancelled = [v for v in locked.cancelled_visits if v != visit_id] + (
        [visit_id] if target == CANCEL else []
    )
    locked.plan = plan_io.dump_plan(new_plan)
    locked.changes = changes_json(plan_io.load_plan(data["plan"]), new_plan)
    locked.cancelled_visits = cancelled
    locked.save(update_fields=["plan", "changes", "cancelled_visits"])
    record_event(
        user=by,
        action=Action.UPDATE,
        object_type="replan-proposal",
        object_id=locked.pk,
        summary=f"adjusted: {visit_id} → {target}",
    )
    proposal.refresh_from_db()


def _placed(
    problem: Problem,
    plan: Plan,
    data: dict[str, object],
    vid: str,
    target: str,
    names: dict[str, str],
) -> Plan:
    now = data.get("now", 0)
    assert isinstance(now, int)
    if target in (UNPLANNED, CANCEL):
        reason = CANCELLED_REASON if target == CANCEL else LEFT_UNPLANNED
        placed = place_visit(problem, plan, vid, None, reason=reason)
        assert placed is not None  # leaving a visit out always gives a plan
        return placed
    carer, _sep, index = target.partition(":")
    if (
        carer not in problem.carer_by_id
        or not index.isdigit()
        or int(index) >= len(problem.carer_by_id[carer].shifts)
    ):
        raise ValidationError({"target": _("Choose one of the carers offered.")})
    name = names.get(carer, carer)
    visit = problem.visit_by_id[vid]
    if ShiftRef(problem.carers.index(problem.carer_by_id[carer]), int(index)) in _barred(problem, data):
        raise ValidationError({"target": _("%(name)s is absent then.") % {"name": name}})
    if visit.carers > 1:
        raise ValidationError(
            {"target": _("A visit for two carers can only be left unplanned or cancelled here.")}
        )
    if not problem.can_serve(problem.carer_by_id[carer], visit):
        raise ValidationError({"target": _competence_reason(problem, carer, vid, name)})
    placed = place_visit(problem, plan, vid, (carer, int(index)), now=now)
    if placed is None:
        message = _(
            "The visit does not fit into %(name)s's shift: travel, the break or the other visits "
            "leave no room within the visit's time window."
        )
        raise ValidationError({"target": message % {"name": name}})
    return placed


def _competence_reason(problem: Problem, carer_id: str, vid: str, name: str) -> str:
    visit = problem.visit_by_id[vid]
    if carer_id in problem.citizen_by_id[visit.citizen].blocked_carers:
        return _("The citizen has asked not to have %(name)s.") % {"name": name}
    missing = ", ".join(sorted(visit.competences - problem.carer_by_id[carer_id].competences))
    return _("%(name)s does not have the competence %(competence)s.") % {"name": name, "competence": missing}


def plain_reason(violation: Violation, names: dict[str, str]) -> str:
    """A broken rule in plain words for the team leader."""
    name = names.get(violation.carer or "", violation.carer or "")
    messages = {
        Rule.COMPETENCE: _("%(name)s does not have the competence the visit needs."),
        Rule.BLOCKED_CARER: _("The citizen has asked not to have %(name)s."),
        Rule.WINDOW: _("The visit cannot start within its time window."),
        Rule.TRAVEL_TIME: _("%(name)s cannot get there in time."),
        Rule.OVERLAP: _("The visit overlaps another of %(name)s's visits."),
        Rule.SHIFT_END: _("%(name)s would not be back before the shift ends."),
        Rule.AFTER_PARTIAL: _("The visit is linked to another visit that must be planned with it."),
        Rule.AFTER_GAP: _("The time between the visit and the visit it follows would be wrong."),
    }
    template = messages.get(violation.rule, _("The change breaks a planning rule: %(rule)s."))
    return template % {"name": name, "rule": violation.message}
