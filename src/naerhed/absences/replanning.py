# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A team's day for the engine, and the engine's proposal for it.

:func:`day_input` reads the day through the one bridge (``build_problem(days=1)`` and
``current_plan``) and adds what a re-plan needs: the moment to re-plan from, the absences as
engine events, the visits already started (never moved) and the version of every visit, so that
accepting can refuse a proposal the day has outrun. :func:`propose` runs the engine on that input.
Both are pure of writes; :mod:`naerhed.absences.services` stores and applies the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from naerhed.absences.models import Absence
from naerhed.carer_day.models import VisitExecution
from naerhed.organisation.models import Team
from naerhed.planner import events as pe
from naerhed.planner import io as plan_io
from naerhed.planner.check import check
from naerhed.planner.model import Problem
from naerhed.planner.plan import Plan
from naerhed.planner.replan import replan
from naerhed.planner.rest_of_day import optimise_rest, place_visit, plan_changes
from naerhed.planning.plan_store import current_plan
from naerhed.planning.problem_builder import BuiltProblem, build_problem, to_minutes
from naerhed.visits.models import Visit

#: The reason given for a visit of the absent carer that was due before the sick call came in.
DUE_BEFORE_CALL = "due before the absence was registered"
MINUTES_PER_DAY = 1440


@dataclass(frozen=True)
class DayInput:
    built: BuiltProblem
    plan: Plan
    now: int
    events: list[pe.Absence]
    new_absences: list[pe.Absence]
    started: frozenset[str]
    versions: dict[int, int]
    #: For each newly absent carer, when the absence really began (the events start no earlier than now).
    missed_from: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "problem": plan_io.dump_problem(self.built.problem),
            "plan": plan_io.dump_plan(self.plan),
            "start": self.built.start.isoformat(),
            "now": self.now,
            "events": [_dump_absence(a) for a in self.events],
            "new_absences": [_dump_absence(a) for a in self.new_absences],
            "started": sorted(self.started),
            "shift_ids": [[cid, index, pk] for (cid, index), pk in sorted(self.built.shift_ids.items())],
            "versions": {str(pk): v for pk, v in sorted(self.versions.items())},
            "missed_from": dict(sorted(self.missed_from.items())),
        }


def _dump_absence(a: pe.Absence) -> dict[str, Any]:
    return {"type": "absence", "carer": a.carer, "from": a.start, "to": a.end}


def built_from_json(data: dict[str, Any]) -> BuiltProblem:
    """The :class:`BuiltProblem` a proposal was made from, rebuilt from its stored input."""
    problem = plan_io.load_problem(data["problem"])
    return BuiltProblem(
        problem=problem,
        start=dt.date.fromisoformat(data["start"]),
        visit_ids={v.id: int(v.id.removeprefix("v-")) for v in problem.visits},
        staff_ids={c.id: int(c.id.removeprefix("s-")) for c in problem.carers},
        shift_ids={(str(cid), int(index)): int(pk) for cid, index, pk in data["shift_ids"]},
    )


def versions_from_json(data: dict[str, Any]) -> dict[int, int]:
    return {int(pk): int(v) for pk, v in data["versions"].items()}


def day_input(
    *, team: Team, day: dt.date, now: dt.datetime, new: Sequence[Absence], in_force: Iterable[Absence]
) -> DayInput:
    """The day as it stands, with ``new`` absences to re-plan for and ``in_force`` ones kept free.

    Nothing moves before ``now`` (the later of the wall clock and the start of the day); an absent
    carer finishes a visit already checked in before the absence takes effect.
    """
    built = build_problem(team=team, start=day, days=1)
    plan = current_plan(built)
    pks = list(built.visit_ids.values())
    checked_in = set(
        VisitExecution.objects.filter(visit_id__in=pks, checked_in_at__isnull=False).values_list(
            "visit_id", flat=True
        )
    )
    started = frozenset(vid for vid, pk in built.visit_ids.items() if pk in checked_in)
    versions = dict(Visit.objects.filter(pk__in=pks).values_list("pk", "version"))
    at = max(0, to_minutes(now, day))
    engine_new = [e for a in new if (e := _event(built, plan, a, at, started)) is not None]
    kept = [e for a in in_force if (e := _event(built, plan, a, at, started)) is not None]
    missed_from = {f"s-{a.staff_id}": max(0, to_minutes(a.starts, day)) for a in new}
    return DayInput(built, plan, at, [*engine_new, *kept], engine_new, started, versions, missed_from)


def _event(
    built: BuiltProblem, plan: Plan, absence: Absence, at: int, started: frozenset[str]
) -> pe.Absence | None:
    """The absence as an engine event from ``at`` on (None if it is over or the carer is not in the day)."""
    cid = f"s-{absence.staff_id}"
    if cid not in built.problem.carer_by_id:
        return None
    start = max(at, to_minutes(absence.starts, built.start))
    end = min(MINUTES_PER_DAY * 2, to_minutes(absence.ends, built.start))
    visits = built.problem.visit_by_id
    ends = [
        s.start + visits[s.visit].duration
        for route in plan.routes
        if route.carer == cid
        for s in route.visit_stops
        if s.visit in started and s.start <= start
    ]
    start = max([start, *ends])
    return pe.Absence(cid, start, end) if end > start else None


@dataclass(frozen=True)
class Proposal:
    plan: Plan
    changes: list[dict[str, Any]]


def propose(data: dict[str, Any], *, optimise: bool) -> Proposal:
    """Run the engine on a stored :meth:`DayInput.to_json`: re-plan for the new absences, then (for
    "optimise the rest of the day") insert what is unplanned and shorten travel."""
    built = built_from_json(data)
    problem, base = built.problem, plan_io.load_plan(data["plan"])
    events = [pe.Absence(e["carer"], e["from"], e["to"]) for e in data["events"]]
    new = [pe.Absence(e["carer"], e["from"], e["to"]) for e in data["new_absences"]]
    started, now = frozenset(data["started"]), int(data["now"])
    plan = replan(problem, base, events).plan if new else base
    plan = _unassign_missed(problem, plan, new, data.get("missed_from", {}), started)
    if optimise:
        plan = optimise_rest(problem, plan, now=now, absences=events, frozen=started).plan
    violations = check(problem, plan)
    if violations:
        raise RuntimeError(f"the engine returned an infeasible plan: {violations[0].message}")
    return Proposal(plan, changes_json(base, plan))


def _unassign_missed(
    problem: Problem,
    plan: Plan,
    absences: list[pe.Absence],
    missed_from: dict[str, int],
    started: frozenset[str],
) -> Plan:
    """Visits an absent carer still has during the absence but has not started (they were due
    before the call came in, so the engine could not move them) become unplanned rather than stay
    with someone who is not there."""
    for a in absences:
        since = missed_from.get(a.carer, a.start)
        for route in plan.routes:
            if route.carer != a.carer:
                continue
            for stop in route.visit_stops:
                duration = problem.visit_by_id[stop.visit].duration
                overlaps = stop.start + duration > since and stop.start < a.end
                if overlaps and stop.visit not in started:
                    moved = place_visit(problem, plan, stop.visit, None, reason=DUE_BEFORE_CALL)
                    if moved is not None and not check(problem, moved):
                        plan = moved
    return plan


def changes_json(old: Plan, new: Plan) -> list[dict[str, Any]]:
    """The visit-by-visit differences as JSON, with the engine's reason for a visit left unplanned."""
    reasons = {u.visit: u.reason for u in new.unassigned}
    return [
        {
            "visit": c.visit,
            "kind": c.kind,
            "old_carers": list(c.old_carers),
            "old_start": c.old_start,
            "new_carers": list(c.new_carers),
            "new_start": c.new_start,
            "reason": reasons.get(c.visit, "") if not c.new_carers else "",
        }
        for c in plan_changes(old, new)
    ]
