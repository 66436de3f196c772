# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""One benchmark run, inside its own subprocess: generate, solve, check, measure.

Everything returned is plain JSON. Replan and slot timings are measured for this
engine only, and only when :mod:`naerhed.planner.replan` and :mod:`naerhed.planner.slots`
exist.
"""

from __future__ import annotations

import importlib.util
import resource
import time
from collections import Counter
from typing import Any

from naerhed.planner.check import check, figures
from naerhed.planner.eligibility import Eligibility
from naerhed.planner.explain import lower_bound_distinct_carers
from naerhed.planner.generate import GENERATOR_VERSION, generate
from naerhed.planner.model import MINUTES_PER_DAY, Problem
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Plan

RELAXED = {"pyvrp-relaxed"}


def run(spec: dict[str, Any]) -> dict[str, Any]:
    """Run ``spec`` (family, citizens, seed, solver, time_limit) and return its measurements."""
    t0 = time.monotonic()
    problem = generate(spec["family"], spec["citizens"], spec["seed"])
    generated = time.monotonic() - t0
    t1 = time.monotonic()
    plan = _solve(problem, spec["solver"], float(spec["time_limit"]), spec["seed"])
    solved = time.monotonic() - t1
    out: dict[str, Any] = {
        **spec,
        "instance": instance_summary(problem),
        "generate_seconds": round(generated, 2),
    }
    out["solve_seconds"] = round(solved, 2)
    out.update(_quality(problem, plan, relaxed=spec["solver"] in RELAXED))
    if spec["solver"] == "naerhed" and out["feasible"]:
        out.update(_replan(problem, plan, float(spec["time_limit"])))
        out.update(_slots(problem, plan))
    out["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _solve(problem: Problem, solver: str, time_limit: float, seed: int) -> Plan:
    if solver == "naerhed":
        from naerhed.planner.solve import solve

        return solve(problem, SolveParams(time_limit=time_limit), seed=seed)
    if solver == "ortools-blind":
        from naerhed.planner.peers import ortools_blind

        return ortools_blind.solve(problem, time_limit, seed=seed)
    if solver == "pyvrp-relaxed":
        from naerhed.planner.peers import pyvrp_reference

        return pyvrp_reference.solve(problem, time_limit, seed=seed)
    raise ValueError(f"unknown solver {solver!r}")


def instance_summary(problem: Problem) -> dict[str, Any]:
    """The instance's name, generator version and sizes: equal summaries mean the same generated week."""
    shifts = [s for c in problem.carers for s in c.shifts]
    return {
        "name": problem.name,
        "generator_version": GENERATOR_VERSION,
        "teams": len(problem.teams),
        "carers": len(problem.carers),
        "shifts": len(shifts),
        "shift_hours": round(sum(s.minutes for s in shifts) / 60),
        "visits": len(problem.visits),
        "visit_hours": round(sum(v.duration * v.carers for v in problem.visits) / 60),
        "two_carer_visits": sum(v.carers == 2 for v in problem.visits),
        "remote_visits": sum(v.remote for v in problem.visits),
        "priority_1_visits": sum(v.priority == 1 for v in problem.visits),
    }


def _quality(problem: Problem, plan: Plan, *, relaxed: bool) -> dict[str, Any]:
    violations = check(problem, plan)
    figs = figures(problem, plan).to_dict()
    by_citizen = figs.pop("carers_by_citizen", {})
    return {
        "relaxed": relaxed,
        "feasible": not violations,
        "violations": dict(Counter(v.rule.value for v in violations)),
        "figures": figs,
        "lower_bound_distinct_carers": _lower_bound(problem, plan, list(by_citizen)),
        "unassigned_priority_1": sorted(
            u.visit for u in plan.unassigned if problem.visit_by_id[u.visit].priority == 1
        ),
        "planned": sorted(plan.starts()),
    }


def _lower_bound(problem: Problem, plan: Plan, citizens: list[str]) -> float:
    """Mean over the citizens with planned visits of a true lower bound on their distinct carers."""
    by_citizen: dict[str, list[str]] = {}
    for visit in plan.starts():
        by_citizen.setdefault(problem.visit_by_id[visit].citizen, []).append(visit)
    elig = Eligibility(problem)
    bounds = [lower_bound_distinct_carers(problem, elig, sorted(by_citizen[c])) for c in citizens]
    return round(sum(bounds) / len(bounds), 3) if bounds else 0.0


def _replan(problem: Problem, plan: Plan, time_limit: float) -> dict[str, Any]:
    """The busiest carer of Wednesday calls in sick for that shift."""
    if importlib.util.find_spec("naerhed.planner.replan") is None:
        return {}
    from naerhed.planner.events import Absence
    from naerhed.planner.replan import replan

    wednesday = [r for r in plan.routes if problem.carer_by_id[r.carer].shifts[r.shift].day == 2]
    if not wednesday:
        return {}
    route = max(wednesday, key=lambda r: (len(r.visit_stops), r.carer))
    t0 = time.monotonic()
    result = replan(
        problem, plan, [Absence(carer=route.carer, shift=route.shift)], SolveParams(time_limit=time_limit)
    )
    seconds = time.monotonic() - t0
    return {
        "replan_seconds": round(seconds, 3),
        "replan_absent_visits": len(route.visit_stops),
        "replan_feasible": not check(result.problem, result.plan),
        "replan_unassigned_added": len(result.plan.unassigned) - len(plan.unassigned),
        "replan_changes": len(result.changes),
    }


def _slots(problem: Problem, plan: Plan) -> dict[str, Any]:
    """Offer slots for a 30-minute visit on Thursday 10:00–14:00 to the citizen with most visits."""
    if importlib.util.find_spec("naerhed.planner.slots") is None:
        return {}
    from naerhed.planner.slots import SlotRequest, slots

    citizen = Counter(v.citizen for v in problem.visits).most_common(1)[0][0]
    day = 3 * MINUTES_PER_DAY
    request = SlotRequest(
        citizen=citizen,
        duration=30,
        windows=((day + 600, day + 840),),
        competences=frozenset({"personal-care"}),
    )
    t0 = time.monotonic()
    options = slots(problem, plan, request)
    return {"slots_seconds": round(time.monotonic() - t0, 3), "slots_offered": len(options)}
