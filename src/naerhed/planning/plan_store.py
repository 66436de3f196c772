# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The plan that is in force, read from and written to the database as a ``planner.Plan``.

The published plan lives on the rows: each visit's carers and planned start, and each rota
shift's planned break. :func:`current_plan` turns those rows into an engine plan for a
:class:`BuiltProblem`, so that the board, sick calls and bookings can ask the engine about the
plan as it stands; :func:`apply_plan` writes an engine plan back, one visit at a time, bumping
each changed visit's version and recording the change for its citizen when the citizen had
already been given a carer or a time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F

from naerhed.planner import model as pm
from naerhed.planner.plan import BreakStop, Plan, Route, Stop, Unassigned, VisitStop
from naerhed.planning.problem_builder import BuiltProblem, from_minutes, to_minutes
from naerhed.visits.events import record_change
from naerhed.visits.models import ChangeKind, Visit
from naerhed.workforce.models import RosterShift, StaffMember

if TYPE_CHECKING:
    from naerhed.accounts.models import User

NOT_PLANNED = "not planned yet"
NO_SHIFT = "the planned carer has no shift at the planned time"


class StaleVisitError(Exception):
    """A visit changed since the caller read it; the caller must reload and try again."""

    def __init__(self, visit_pks: list[int]) -> None:
        super().__init__(f"visits changed since they were read: {', '.join(map(str, visit_pks))}")
        self.visit_pks = visit_pks


@dataclass(frozen=True)
class AppliedChange:
    """One visit whose carers or start time :func:`apply_plan` changed."""

    visit_pk: int
    old_carers: tuple[int, ...]
    new_carers: tuple[int, ...]
    old_start: dt.datetime | None
    new_start: dt.datetime | None


def current_plan(built: BuiltProblem) -> Plan:
    """The plan in force for ``built``'s visits: routes from the visits' carers and planned starts."""
    problem, staff_of = built.problem, {pk: cid for cid, pk in built.staff_ids.items()}
    carers = problem.carer_by_id
    visits = Visit.objects.filter(pk__in=built.visit_ids.values()).prefetch_related("carers")
    by_pk = {v.pk: v for v in visits}
    stops: dict[tuple[str, int], list[VisitStop]] = defaultdict(list)
    unassigned: list[Unassigned] = []
    for vid, pk in built.visit_ids.items():
        visit = by_pk[pk]
        assigned = [staff_of[m.pk] for m in visit.carers.all() if m.pk in staff_of]
        if visit.planned_start is None or not assigned:
            unassigned.append(Unassigned(vid, NOT_PLANNED))
            continue
        start = to_minutes(visit.planned_start, built.start)
        refs = [(cid, index) for cid in assigned if (index := _shift_index(carers[cid], start)) is not None]
        if len(refs) < len(assigned):
            unassigned.append(Unassigned(vid, NO_SHIFT))
            continue
        for ref in refs:
            stops[ref].append(VisitStop(vid, start))
    breaks = _planned_breaks(built)
    routes = []
    for (cid, index), visit_stops in sorted(stops.items()):
        shift = carers[cid].shifts[index]
        ordered: list[Stop] = [*sorted(visit_stops, key=lambda s: (s.start, s.visit))]
        if shift.break_ is not None:
            planned = breaks.get((cid, index))
            at = _free_break_start(problem, shift.break_, ordered) if planned is None else planned
            ordered = _with_break(ordered, BreakStop(at, shift.break_.duration))
        routes.append(Route(cid, index, tuple(ordered)))
    return Plan(instance=problem.name, routes=tuple(routes), unassigned=tuple(unassigned))


@transaction.atomic
def apply_plan(
    built: BuiltProblem,
    plan: Plan,
    *,
    by: User | None,
    source: str,
    visit_ids: Iterable[str] | None = None,
    expected_versions: Mapping[int, int] | None = None,
) -> list[AppliedChange]:
    """Write ``plan``'s carers and starts for ``visit_ids`` (default: every visit of ``built``).

    ``expected_versions`` (visit pk → version the caller saw) makes the write optimistic: if any of
    those visits has another version now, nothing is written and :class:`StaleVisitError` names them.
    Each changed visit's version goes up by one; a change to a visit that already had a carer or a
    time is recorded for its citizen (``details["source"]`` says where it came from).
    """
    scope = list(built.visit_ids if visit_ids is None else visit_ids)
    pks = [built.visit_ids[vid] for vid in scope]
    rows = {v.pk: v for v in Visit.objects.select_for_update().filter(pk__in=pks)}
    if expected_versions:
        stale = sorted(pk for pk, version in expected_versions.items() if rows[pk].version != version)
        if stale:
            raise StaleVisitError(stale)
    assigned = _assigned_carers(rows)
    starts = plan.starts()
    changes = []
    for vid in scope:
        visit = rows[built.visit_ids[vid]]
        copies = starts.get(vid, [])
        new_carers = tuple(sorted(built.staff_ids[cid] for cid, _ in copies))
        new_start = from_minutes(copies[0][1], built.start) if copies else None
        old_carers = assigned.get(visit.pk, ())
        if new_carers == old_carers and new_start == visit.planned_start:
            continue
        change = AppliedChange(visit.pk, old_carers, new_carers, visit.planned_start, new_start)
        Visit.objects.filter(pk=visit.pk).update(planned_start=new_start, version=F("version") + 1)
        visit.carers.set(new_carers)
        visit.planned_start = new_start
        _record(visit, change, by=by, source=source)
        changes.append(change)
    _write_breaks(built, plan)
    return changes


def _shift_index(carer: pm.Carer, start: int) -> int | None:
    for index, shift in enumerate(carer.shifts):
        if shift.start <= start < shift.end:
            return index
    return None


def _planned_breaks(built: BuiltProblem) -> dict[tuple[str, int], int]:
    starts = {
        s.pk: s.break_start
        for s in RosterShift.objects.filter(pk__in=built.shift_ids.values(), break_start__isnull=False)
        if s.break_start is not None
    }
    return {ref: to_minutes(starts[pk], built.start) for ref, pk in built.shift_ids.items() if pk in starts}


def _free_break_start(problem: pm.Problem, brk: pm.Break, stops: list[Stop]) -> int:
    """The earliest start in the break's window that overlaps no visit (for plans published
    before breaks were stored); the break's earliest start if there is none."""
    visits = problem.visit_by_id
    busy = [(s.start, s.start + visits[s.visit].duration) for s in stops if isinstance(s, VisitStop)]
    candidates = [brk.earliest] + [end for _, end in busy if brk.earliest <= end <= brk.latest]
    for start in sorted(candidates):
        if all(start + brk.duration <= b or start >= e for b, e in busy):
            return start
    return brk.earliest


def _with_break(stops: list[Stop], brk: BreakStop) -> list[Stop]:
    before = [s for s in stops if s.start < brk.start]
    return [*before, brk, *stops[len(before) :]]


def _assigned_carers(rows: Mapping[int, Visit]) -> dict[int, tuple[int, ...]]:
    through = Visit.carers.through.objects.filter(visit_id__in=rows.keys()).values_list(
        "visit_id", "staffmember_id"
    )
    out: dict[int, list[int]] = defaultdict(list)
    for visit_pk, staff_pk in through:
        out[visit_pk].append(staff_pk)
    return {pk: tuple(sorted(ids)) for pk, ids in out.items()}


def _record(visit: Visit, change: AppliedChange, *, by: User | None, source: str) -> None:
    names = {
        m.pk: m.full_name for m in StaffMember.objects.filter(pk__in={*change.old_carers, *change.new_carers})
    }
    details: dict[str, object] = {
        "source": source,
        "old_carers": [names[pk] for pk in change.old_carers],
        "new_carers": [names[pk] for pk in change.new_carers],
        "old_start": change.old_start.isoformat() if change.old_start else None,
        "new_start": change.new_start.isoformat() if change.new_start else None,
    }
    if change.old_carers and set(change.new_carers) - set(change.old_carers):
        record_change(visit=visit, kind=ChangeKind.CARER_CHANGED, details=details, by=by)
    if change.old_start is not None and change.new_start is not None and change.new_start != change.old_start:
        record_change(visit=visit, kind=ChangeKind.TIME_CHANGED, details=details, by=by)


def _write_breaks(built: BuiltProblem, plan: Plan) -> None:
    for route in plan.routes:
        pk = built.shift_ids.get((route.carer, route.shift))
        if pk is None:
            continue
        start = next((s.start for s in route.stops if isinstance(s, BreakStop)), None)
        RosterShift.objects.filter(pk=pk).update(
            break_start=None if start is None else from_minutes(start, built.start)
        )
