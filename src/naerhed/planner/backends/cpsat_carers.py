# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Stage 2b: which carer drives each routed day-route, chosen for the whole week with CP-SAT.

The daily routers fix the routes: which visits, in which order, at which times.
Handing a whole route to another shift of the same routing model (same day and
team) changes no visit time and only the legs from and to the carer's start and
end locations, so it can be decided for the whole week at once: one boolean per
(route, shift that can drive it as timed), every route one shift, every shift at
most one route, the two routes of a two-carer visit on different carers, and
``y[citizen, carer]`` booleans carrying the continuity costs of
:meth:`SolveParams.pair_cost`. This is the routers' feedback into the weekly
assignment: the clusters are the realised routes, the travel their real travel.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.model import Problem
from naerhed.planner.params import SolveParams

Seq = list[tuple[str, int]]


@dataclass(frozen=True)
class DayRoute:
    """A routed sequence of visits with their start minutes, and the shifts it may go to."""

    seq: Seq
    shift: ShiftRef  # the shift it was routed on
    options: dict[ShiftRef, int]  # shift -> travel minutes of the route driven from that shift


def options(
    problem: Problem,
    elig: Eligibility,
    seq: Seq,
    own: ShiftRef,
    vehicles: Sequence[ShiftRef],
    travel_of: Callable[[ShiftRef, Seq], int | None],
) -> DayRoute:
    """The shifts among ``vehicles`` that can drive ``seq`` exactly as timed (``own`` always)."""
    out: dict[ShiftRef, int] = {}
    own_travel = travel_of(own, seq)
    for ref in vehicles:
        if ref != own and own_travel is None:
            continue
        if ref != own and not all(ref in elig.shifts[vid] for vid, _ in seq):
            continue
        t = travel_of(ref, seq)
        if t is not None or ref == own:
            out[ref] = t if t is not None else 0
    return DayRoute(seq, own, out)


def assign_routes(
    problem: Problem,
    params: SolveParams,
    routes: Sequence[DayRoute],
    *,
    budget: float,
    fixed: Mapping[str, set[int]] | None = None,
) -> list[ShiftRef]:
    """The shift for each of ``routes``, minimising continuity costs plus travel.

    ``fixed`` gives carers each citizen has anyway (e.g. from visits not on these
    routes); they cost nothing here. Falls back to the routed shifts.
    """
    m = cp_model.CpModel()
    x: dict[tuple[int, ShiftRef], cp_model.IntVar] = {}
    y: dict[tuple[str, int], cp_model.IntVar] = {}
    terms: list[cp_model.LinearExprT] = []
    by_shift: dict[ShiftRef, list[cp_model.IntVar]] = {}
    citizens_of = [sorted({problem.visit_by_id[vid].citizen for vid, _ in r.seq}) for r in routes]
    for i, r in enumerate(routes):
        for ref, travel in sorted(r.options.items(), key=lambda kv: (kv[0].carer, kv[0].shift)):
            var = m.new_bool_var("")
            x[i, ref] = var
            by_shift.setdefault(ref, []).append(var)
            terms.append(params.travel_per_minute * travel * var)
            for cid in citizens_of[i]:
                key = (cid, ref.carer)
                if key not in y:
                    y[key] = m.new_bool_var("")
                m.add_implication(var, y[key])
            m.add_hint(var, ref == r.shift)
        m.add_exactly_one(x[i, ref] for ref in r.options)
    for vs in by_shift.values():
        m.add_at_most_one(vs)
    _pairs_apart(problem, routes, x, m)
    for (cid, ci), var in y.items():
        if fixed is not None and ci in fixed.get(cid, set()):
            continue
        terms.append(pair_cost(problem, params, cid, ci) * var)
    objective = sum(terms)
    m.minimize(objective)
    routed = {(i, r.shift) for i, r in enumerate(routes)}
    for (cid, ci), var in y.items():
        m.add_hint(
            var, any((i, ref) in routed for (i, ref) in x if ref.carer == ci and cid in citizens_of[i])
        )
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.1, budget)
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [r.shift for r in routes]
    chosen = [next(ref for ref in r.options if solver.value(x[i, ref])) for i, r in enumerate(routes)]
    # Keep the routed shifts unless the search found something strictly better within its time.
    return (
        chosen
        if _cost(problem, params, routes, chosen, fixed)
        < _cost(problem, params, routes, [r.shift for r in routes], fixed)
        else [r.shift for r in routes]
    )


def _cost(
    problem: Problem,
    params: SolveParams,
    routes: Sequence[DayRoute],
    chosen: Sequence[ShiftRef],
    fixed: Mapping[str, set[int]] | None,
) -> int:
    pairs: set[tuple[str, int]] = set()
    total = 0
    for r, ref in zip(routes, chosen, strict=True):
        total += params.travel_per_minute * r.options[ref]
        pairs |= {(problem.visit_by_id[vid].citizen, ref.carer) for vid, _ in r.seq}
    for cid, ci in pairs:
        if fixed is None or ci not in fixed.get(cid, set()):
            total += pair_cost(problem, params, cid, ci)
    return total


def pair_cost(problem: Problem, params: SolveParams, cid: str, ci: int) -> int:
    """:meth:`SolveParams.pair_cost` of citizen ``cid`` and carer index ``ci``."""
    citizen, carer = problem.citizen_by_id[cid], problem.carers[ci]
    rank = citizen.preferred_carers.index(carer.id) if carer.id in citizen.preferred_carers else None
    return params.pair_cost(own_team=carer.team == citizen.team, preferred_rank=rank)


def _pairs_apart(
    problem: Problem,
    routes: Sequence[DayRoute],
    x: Mapping[tuple[int, ShiftRef], cp_model.IntVar],
    m: cp_model.CpModel,
) -> None:
    """The two routes holding the copies of a two-carer visit go to different carers."""
    holders: dict[str, list[int]] = {}
    for i, r in enumerate(routes):
        for vid, _ in r.seq:
            if problem.visit_by_id[vid].carers > 1:
                holders.setdefault(vid, []).append(i)
    for pair in holders.values():
        if len(pair) != 2:
            continue
        a, b = pair
        for carer in {ref.carer for ref in routes[a].options} & {ref.carer for ref in routes[b].options}:
            m.add(
                sum(x[a, ref] for ref in routes[a].options if ref.carer == carer)
                + sum(x[b, ref] for ref in routes[b].options if ref.carer == carer)
                <= 1
            )
