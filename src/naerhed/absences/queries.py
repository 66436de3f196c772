# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reads for the sick-call pages: who may re-plan which team, the day's shifts, and a proposal as rows
(old carer → new carer, old time → new time, why a visit is not covered, carers new to the citizen)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from naerhed.absences.adjust import CANCELLED_REASON
from naerhed.absences.models import Absence, ProposalStatus, ReplanProposal
from naerhed.absences.replanning import DUE_BEFORE_CALL
from naerhed.accounts.models import User
from naerhed.organisation.models import Team
from naerhed.planner import io as plan_io
from naerhed.planner.replan import NO_ROOM
from naerhed.planner.rest_of_day import LEFT_UNPLANNED
from naerhed.planner.summary import UNTIMEABLE
from naerhed.planning.plan_store import NO_SHIFT, NOT_PLANNED
from naerhed.planning.problem_builder import from_minutes
from naerhed.planning.queries import planning_teams
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import RosterShift, StaffMember

#: How far back a carer counts as known to the citizen.
KNOWN_WEEKS = 4
REASONS: dict[str, Promise] = {
    NO_ROOM: _("No carer on duty has room for the visit within its time window."),
    UNTIMEABLE: _("The visit could not be fitted into any route."),
    NOT_PLANNED: _("The visit had not been planned."),
    NO_SHIFT: _("The planned carer has no shift at that time."),
    LEFT_UNPLANNED: _("Left unplanned by hand."),
    CANCELLED_REASON: _("Will be cancelled; the citizen is told."),
    DUE_BEFORE_CALL: _("It was due before the absence was registered and has not been started."),
}


def reason_text(reason: str) -> str | Promise:
    return REASONS.get(reason, reason)


def proposals_visible_to(user: User) -> QuerySet[ReplanProposal]:
    return ReplanProposal.objects.filter(team__in=planning_teams(user)).select_related("team", "created_by")


def get_proposal_for(user: User, pk: int) -> ReplanProposal:
    """The proposal, if its team is one the user plans; PermissionDenied otherwise (also for unknown ids)."""
    proposal = proposals_visible_to(user).filter(pk=pk).first()
    if proposal is None:
        raise PermissionDenied("proposal outside your scope")
    return proposal


def get_team_to_replan(user: User, pk: int) -> Team:
    team = planning_teams(user).filter(pk=pk).first()
    if team is None:
        raise PermissionDenied("only the team's leader and its district's planners re-plan its day")
    return team


def day_shifts(team: Team, day: dt.date) -> list[RosterShift]:
    """The team's rota shifts that start on ``day``, absent ones included, by start and name."""
    return list(
        RosterShift.objects.filter(staff__team=team, date=day)
        .select_related("staff")
        .order_by("starts_at", "staff__first_name", "staff__last_name")
    )


def day_absences(team: Team, day: dt.date) -> list[Absence]:
    """Absences of the team's staff that touch ``day``."""
    return list(
        Absence.objects.filter(staff__team=team, starts__lt=_end_of(day), ends__gt=_start_of(day))
        .select_related("staff", "registered_by")
        .order_by("starts", "pk")
    )


def _start_of(day: dt.date) -> dt.datetime:
    return from_minutes(0, day)


def _end_of(day: dt.date) -> dt.datetime:
    return from_minutes(1440, day)


def day_visits(team: Team, day: dt.date) -> list[Visit]:
    """The team's visits on ``day`` (not cancelled), with their carers, in order of time."""
    return list(
        Visit.objects.filter(citizen__team=team, date=day)
        .exclude(status=VisitStatus.CANCELLED)
        .select_related("citizen", "service")
        .prefetch_related("carers")
        .order_by("planned_start", "window_start", "pk")
    )


def day_proposals(team: Team, day: dt.date) -> QuerySet[ReplanProposal]:
    return ReplanProposal.objects.filter(team=team, date=day).select_related("created_by", "decided_by")


@dataclass
class ChangeRow:
    visit: Visit
    kind: str
    old_carers: list[str]
    new_carers: list[str]
    old_start: dt.datetime | None
    new_start: dt.datetime | None
    reason: str | Promise
    engine_id: str
    new_to_citizen: list[str] = field(default_factory=list)
    cancelled: bool = False
    old_carer_ids: list[int] = field(default_factory=list)
    new_carer_ids: list[int] = field(default_factory=list)

    @property
    def uncovered(self) -> bool:
        return not self.new_carers


@dataclass
class ProposalView:
    changes: list[ChangeRow]
    still_unplanned: list[ChangeRow]

    @property
    def moved(self) -> list[ChangeRow]:
        return [r for r in self.changes if not r.uncovered]

    @property
    def uncovered(self) -> list[ChangeRow]:
        return [r for r in self.changes if r.uncovered]

    @property
    def new_to_citizen(self) -> list[ChangeRow]:
        return [r for r in self.changes if r.new_to_citizen]


def proposal_view(proposal: ReplanProposal) -> ProposalView:
    """The proposal's changes with names and times, and the visits it leaves unplanned as before."""
    if proposal.plan is None or proposal.instance is None:
        return ProposalView([], [])
    plan = plan_io.load_plan(proposal.plan)
    changed = {c["visit"] for c in proposal.changes}
    still = [u for u in plan.unassigned if u.visit not in changed]
    pks = {_pk(c["visit"]) for c in proposal.changes} | {_pk(u.visit) for u in still}
    visits = Visit.objects.filter(pk__in=pks).select_related("citizen", "service").in_bulk()
    names = _staff_names(proposal)
    known = _known_carers(proposal.date, {v.citizen_id for v in visits.values()}, set(visits))
    cancelled = set(proposal.cancelled_visits)
    rows = []
    for c in proposal.changes:
        visit = visits[_pk(c["visit"])]
        old = {int(cid.removeprefix("s-")) for cid in c["old_carers"]}
        new = [int(cid.removeprefix("s-")) for cid in c["new_carers"]]
        seen = known.get(visit.citizen_id, set()) | old
        unknown = [names[pk] for pk in new if pk not in seen]
        rows.append(_row(proposal, c, visit, names, unknown, c["visit"] in cancelled))
    rest = [
        ChangeRow(visits[_pk(u.visit)], "unassigned", [], [], None, None, reason_text(u.reason), u.visit)
        for u in still
    ]
    rows.sort(key=lambda r: (r.visit.window_start, r.visit.pk))
    rest.sort(key=lambda r: (r.visit.window_start, r.visit.pk))
    return ProposalView(rows, rest)


def _row(
    proposal: ReplanProposal,
    c: dict[str, object],
    visit: Visit,
    names: dict[int, str],
    unknown: list[str],
    cancelled: bool,
) -> ChangeRow:
    def when(minute: object) -> dt.datetime | None:
        return None if minute is None else from_minutes(int(str(minute)), proposal.date)

    def ids(carers: object) -> list[int]:
        assert isinstance(carers, list)
        return [int(str(cid).removeprefix("s-")) for cid in carers]

    reason = str(c.get("reason") or "")
    return ChangeRow(
        visit=visit,
        kind=str(c["kind"]),
        old_carers=[names[pk] for pk in ids(c["old_carers"])],
        new_carers=[names[pk] for pk in ids(c["new_carers"])],
        old_start=when(c["old_start"]),
        new_start=when(c["new_start"]),
        reason=reason_text(reason) if reason else "",
        engine_id=str(c["visit"]),
        new_to_citizen=unknown,
        cancelled=cancelled,
        old_carer_ids=ids(c["old_carers"]),
        new_carer_ids=ids(c["new_carers"]),
    )


def _pk(engine_id: str) -> int:
    return int(engine_id.removeprefix("v-"))


def _staff_names(proposal: ReplanProposal) -> dict[int, str]:
    carers = (proposal.instance or {}).get("problem", {}).get("carers", [])
    pks = [int(str(c["id"]).removeprefix("s-")) for c in carers]
    return {m.pk: m.full_name for m in StaffMember.objects.filter(pk__in=pks)}


def _known_carers(day: dt.date, citizen_ids: set[int], exclude: set[int]) -> dict[int, set[int]]:
    """For each citizen, the carers on their visits of the last four weeks: delivered ones, and planned
    ones before ``day`` (the visits the proposal changes are left out, and so are planned visits later
    on the day itself, which have not happened yet)."""
    since = day - dt.timedelta(weeks=KNOWN_WEEKS)
    rows = (
        Visit.carers.through.objects.filter(
            visit__citizen_id__in=citizen_ids, visit__date__gte=since, visit__date__lte=day
        )
        .filter(
            Q(visit__status=VisitStatus.DELIVERED) | Q(visit__status=VisitStatus.PLANNED, visit__date__lt=day)
        )
        .exclude(visit_id__in=exclude)
        .values_list("visit__citizen_id", "staffmember_id")
    )
    out: dict[int, set[int]] = defaultdict(set)
    for citizen_id, staff_id in rows:
        out[citizen_id].add(staff_id)
    return out


def is_open(proposal: ReplanProposal) -> bool:
    return proposal.status in (ProposalStatus.QUEUED, ProposalStatus.PROPOSED)
