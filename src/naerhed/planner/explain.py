# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Why a visit cannot be planned, and how few carers a citizen could possibly need.

:func:`unplannable` names, in plain words, the visits no plan can cover;
:func:`lower_bound_distinct_carers` bounds from below the number of distinct
carers a citizen's visits need, from competences, blocked carers and shifts
alone (a small CP-SAT set cover per citizen).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

from ortools.sat.python import cp_model

from naerhed.planner.eligibility import Eligibility
from naerhed.planner.model import Problem, Visit

CAPACITY = "capacity of eligible carers used up"


def _base_reason(problem: Problem, elig: Eligibility, visit: Visit) -> str | None:
    able = [c for c in problem.carers if visit.competences <= c.competences]
    if not able and visit.competences:
        return f"no carer has the competences {', '.join(sorted(visit.competences))}"
    if not able:
        return "no eligible carer has a shift covering its window"
    blocked = problem.citizen_by_id[visit.citizen].blocked_carers
    if all(c.id in blocked for c in able):
        return "all eligible carers are blocked"
    reachable = elig.carers(visit.id)
    if not reachable:
        return "no eligible carer has a shift covering its window"
    if visit.carers == 2 and len(reachable) < 2:
        return "fewer than two eligible carers have a shift covering its window"
    return None


def unplannable(problem: Problem, elig: Eligibility) -> dict[str, str]:
    """Visits that no plan can cover, each with the reason in plain words.

    A visit linked by ``after`` to one that cannot be planned cannot be planned
    either (both are planned or neither).
    """
    out: dict[str, str] = {}
    for visit in problem.visits:
        reason = _base_reason(problem, elig, visit)
        if reason is not None:
            out[visit.id] = reason
    changed = True
    while changed:
        changed = False
        for visit in problem.visits:
            if visit.after is None:
                continue
            first, second = visit.after.visit, visit.id
            if first in out and second not in out:
                out[second] = f"it must follow visit {first}, which cannot be planned ({out[first]})"
                changed = True
            elif second in out and first not in out:
                out[first] = f"visit {second} must follow it and cannot be planned ({out[second]})"
                changed = True
    return out


BOUND_LIMITS = (0.05, 0.5)  # deterministic seconds of the first and the second try


def _conflict(u: Visit, w: Visit) -> bool:
    """Two visits of one citizen that no single carer can both do (no travel between them)."""
    return u.window[0] + u.duration > w.latest_start and w.window[0] + w.duration > u.latest_start


def lower_bound_distinct_carers(problem: Problem, elig: Eligibility, visit_ids: Iterable[str]) -> int:
    """A true lower bound on the distinct carers the given visits of one citizen need.

    Each visit needs ``carers`` different carers, each with an eligible shift for
    it; one carer cannot do two visits whose times clash inside one shift.
    Capacity and other citizens are ignored, so any feasible plan needs at least
    this many carers for these visits.
    """
    visits = [problem.visit_by_id[v] for v in visit_ids]
    if not visits:
        return 0
    m = cp_model.CpModel()
    y: dict[int, cp_model.IntVar] = {}
    z: dict[tuple[str, int], cp_model.IntVar] = {}
    for v in visits:
        for c in sorted(elig.carers(v.id)):
            y.setdefault(c, m.new_bool_var(""))
            z[v.id, c] = m.new_bool_var("")
            m.add_implication(z[v.id, c], y[c])
        m.add(sum(z[v.id, c] for c in elig.carers(v.id)) == v.carers)
    for i, u in enumerate(visits):
        for w in visits[i + 1 :]:
            if not _conflict(u, w):
                continue
            for c in elig.carers(u.id) & elig.carers(w.id):
                su = {r.shift for r in elig.shifts[u.id] if r.carer == c}
                sw = {r.shift for r in elig.shifts[w.id] if r.carer == c}
                if len(su | sw) == 1:
                    m.add_bool_or([z[u.id, c].negated(), z[w.id, c].negated()])
    _break_symmetry(m, y, elig, visits)
    m.minimize(sum(y.values()))
    floor = max(v.carers for v in visits)
    # Most citizens are proven in far less than the first limit; the few with many
    # two-carer visits get one longer try, and an unproven bound never drops below
    # the trivial one (a two-carer visit needs two carers).
    for limit in BOUND_LIMITS:
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = limit
        status = solver.solve(m)
        if status == cp_model.OPTIMAL:
            return round(solver.objective_value)
    if status == cp_model.FEASIBLE:
        return max(floor, math.ceil(solver.best_objective_bound - 1e-6))
    return floor


def _break_symmetry(
    m: cp_model.CpModel, y: dict[int, cp_model.IntVar], elig: Eligibility, visits: list[Visit]
) -> None:
    """Carers eligible for exactly the same visits in the same shifts are interchangeable:
    use them in index order (keeps the optimum, shortens the proof)."""
    classes: dict[tuple[tuple[str, frozenset[int]], ...], list[int]] = {}
    for c in sorted(y):
        key = tuple((v.id, frozenset(r.shift for r in elig.shifts[v.id] if r.carer == c)) for v in visits)
        classes.setdefault(key, []).append(c)
    for members in classes.values():
        for a, b in itertools.pairwise(members):
            m.add(y[a] >= y[b])
