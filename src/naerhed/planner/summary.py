# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Turn timed stops into a verified :class:`Plan` with its figures and bounds in ``meta``.

Verification is the last line of defence: every route is replayed and the
whole plan is checked with :func:`check.check`; a visit involved in a broken
rule goes to ``unassigned`` (with the visits linked to it) until the plan is
feasible. Never returning an infeasible plan matters more than keeping a visit.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from naerhed.planner.check import check, figures
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.explain import lower_bound_distinct_carers
from naerhed.planner.model import Problem
from naerhed.planner.plan import Plan, Route, Stop, Unassigned, VisitStop
from naerhed.planner.timeline import route_problems

UNTIMEABLE = "could not be fitted into a feasible route"


def build_plan(
    problem: Problem,
    stops: Mapping[ShiftRef, tuple[Stop, ...]],
    reasons: Mapping[str, str],
    meta: Mapping[str, Any],
) -> Plan:
    """A plan from timed stops per shift; every visit not on a route is unassigned with its reason."""
    routes = tuple(
        Route(problem.carers[ref.carer].id, ref.shift, stops[ref])
        for ref in sorted(stops, key=lambda r: (r.carer, r.shift))
        if any(isinstance(s, VisitStop) for s in stops[ref])
    )
    planned = {s.visit for r in routes for s in r.visit_stops}
    unassigned = tuple(
        Unassigned(v.id, reasons.get(v.id, UNTIMEABLE)) for v in problem.visits if v.id not in planned
    )
    return Plan(problem.name, routes, unassigned, dict(meta))


def _linked(problem: Problem, visit_id: str) -> set[str]:
    out, todo = {visit_id}, [visit_id]
    while todo:
        v = problem.visit_by_id[todo.pop()]
        near = {o.id for o in problem.visits if o.after is not None and o.after.visit == v.id}
        if v.after is not None:
            near.add(v.after.visit)
        todo += sorted(near - out)
        out |= near
    return out


def _broken_visits(problem: Problem, plan: Plan) -> set[str]:
    bad: set[str] = set()
    for route in plan.routes:
        if route_problems(problem, route):
            bad |= {s.visit for s in route.visit_stops}
    if bad:
        return bad
    for violation in check(problem, plan):
        if violation.visit is not None:
            bad.add(violation.visit)
        elif violation.carer is not None:
            bad |= {s.visit for r in plan.routes if r.carer == violation.carer for s in r.visit_stops}
    return bad


def verified_plan(
    problem: Problem,
    stops: Mapping[ShiftRef, tuple[Stop, ...]],
    reasons: dict[str, str],
    meta: Mapping[str, Any],
) -> Plan:
    """:func:`build_plan`, dropping visits until :func:`check.check` finds nothing."""
    current = dict(stops)
    while True:
        plan = build_plan(problem, current, reasons, meta)
        bad = _broken_visits(problem, plan)
        if not bad:
            return plan
        drop: set[str] = set()
        for vid in bad:
            drop |= _linked(problem, vid)
        for vid in drop:
            reasons.setdefault(vid, UNTIMEABLE)
        current = {
            ref: tuple(s for s in ss if not (isinstance(s, VisitStop) and s.visit in drop))
            for ref, ss in current.items()
        }


def finish_plan(
    problem: Problem,
    stops: Mapping[ShiftRef, tuple[Stop, ...]],
    reasons: dict[str, str],
    elig: Eligibility,
    *,
    meta: Mapping[str, Any],
    started: float,
    known_bounds: Mapping[tuple[str, ...], int] | None = None,
) -> Plan:
    """The verified plan with figures, continuity bounds, solver name and seconds in ``meta``.

    ``known_bounds`` holds bounds already computed, by the sorted visit ids they are for."""
    plan = verified_plan(problem, stops, reasons, meta)
    figs = figures(problem, plan)
    by_citizen: dict[str, list[str]] = {}
    for route in plan.routes:
        for stop in route.visit_stops:
            by_citizen.setdefault(problem.visit_by_id[stop.visit].citizen, []).append(stop.visit)
    known = known_bounds or {}
    bounds = {}
    for cid, vids in sorted(by_citizen.items()):
        key = tuple(sorted(set(vids)))
        bounds[cid] = known[key] if key in known else lower_bound_distinct_carers(problem, elig, key)
    full = {
        **meta,
        "seconds": round(time.monotonic() - started, 3),
        "distinct_carers": dict(figs.carers_by_citizen),
        "lower_bound_distinct_carers": bounds,
        "figures": {
            "travel_minutes": figs.travel_minutes,
            "waiting_minutes": figs.waiting_minutes,
            "late_minutes": figs.late_minutes,
            "max_late": figs.max_late,
            "distinct_carers": round(figs.distinct_carers_per_citizen, 4),
            "lower_bound_mean": round(sum(bounds.values()) / len(bounds), 4) if bounds else 0.0,
            "unassigned": figs.unassigned,
        },
    }
    return Plan(plan.instance, plan.routes, plan.unassigned, full)
