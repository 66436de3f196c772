# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""An independent verifier for Mankowska solutions.

It reads nothing but the original instance data and the solution — not the
``naerhed-plan/1`` mapping, not the engine's ``check`` — and recomputes every
figure in double precision:

- every required service is done exactly once, and nothing else is done;
- the carer is qualified for the service;
- no service starts before its patient's ``e`` (starting after ``l`` is
  allowed and counted as tardiness);
- route timing: the first service starts no earlier than ``e_0 + d(0, i)``
  and each next one no earlier than ``start_i + p_i + d(i, j)``;
- a double service's two starts satisfy ``mind <= start2 - start1 <= maxd``
  (equal starts for ``0/0``; service 1 is the lower service index).

``D`` sums the legs depot → … → end depot (node N-1) of every non-empty route;
``T`` sums ``max(0, start - l)`` over served services, ``Tmax`` is the largest.
Comparisons allow :data:`TOLERANCE` minutes for floating-point rounding.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

from naerhed.planner.mankowska.reader import MankowskaInstance
from naerhed.planner.mankowska.solution import MankowskaSolution, ServiceStart

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Verdict:
    """The rules a solution breaks, and its figures (computed even when it breaks some)."""

    violations: tuple[str, ...]
    distance: float
    total_tardiness: float
    max_tardiness: float
    unserved: int

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def objective(self) -> float:
        """Mankowska et al.'s ``(D + T + Tmax) / 3``."""
        return (self.distance + self.total_tardiness + self.max_tardiness) / 3


def verify(inst: MankowskaInstance, solution: MankowskaSolution) -> Verdict:
    """Check ``solution`` against ``inst`` and compute ``D``, ``T`` and ``Tmax``."""
    problems: list[str] = []
    if len(solution.routes) > inst.n_vehicles:
        problems.append(f"{len(solution.routes)} routes for {inst.n_vehicles} vehicles")
    starts = _check_services(inst, solution, problems)
    for v, route in enumerate(solution.routes):
        _check_route(inst, v, route, problems)
    _check_double(inst, starts, problems)
    late = [max(0.0, t - inst.late[p]) for (p, _), t in starts.items()]
    distance = sum(_route_distance(inst, route) for route in solution.routes)
    unserved = sum(1 for task in inst.tasks if task not in starts)
    return Verdict(tuple(problems), distance, sum(late), max(late, default=0.0), unserved)


def _check_services(
    inst: MankowskaInstance, solution: MankowskaSolution, problems: list[str]
) -> dict[tuple[int, int], float]:
    """Coverage, qualification and earliest starts; return the start of each required service done."""
    required = set(inst.tasks)
    seen = Counter((s.patient, s.service) for route in solution.routes for s in route)
    starts: dict[tuple[int, int], float] = {}
    for v, route in enumerate(solution.routes):
        for s in route:
            task = (s.patient, s.service)
            if task not in required:
                problems.append(
                    f"vehicle {v + 1}: patient {s.patient} does not require service {s.service + 1}"
                )
                continue
            starts[task] = s.start
            if not (v < inst.n_vehicles and inst.can_do(v, s.service)):
                problems.append(f"vehicle {v + 1} is not qualified for service {s.service + 1}")
            if s.start < inst.early[s.patient] - TOLERANCE:
                problems.append(
                    f"patient {s.patient} service {s.service + 1}: starts at {s.start:.3f}, "
                    f"before e = {inst.early[s.patient]:g}"
                )
    problems.extend(f"patient {p} service {s + 1} is done {n} times" for (p, s), n in seen.items() if n > 1)
    problems.extend(f"patient {p} service {s + 1} is not done" for p, s in inst.tasks if (p, s) not in seen)
    return starts


def _check_route(
    inst: MankowskaInstance, vehicle: int, route: tuple[ServiceStart, ...], problems: list[str]
) -> None:
    node, ready = 0, inst.early[0]
    for s in route:
        if not 0 < s.patient < inst.end_depot or not 0 <= s.service < inst.n_services:
            problems.append(f"vehicle {vehicle + 1}: no patient {s.patient} service {s.service + 1}")
            return
        arrival = ready + inst.dist[node][s.patient]
        if s.start < arrival - TOLERANCE:
            problems.append(
                f"vehicle {vehicle + 1}: patient {s.patient} service {s.service + 1} starts at "
                f"{s.start:.3f}, before arrival at {arrival:.3f}"
            )
        node, ready = s.patient, max(s.start, arrival) + inst.proc[s.patient][s.service]


def _check_double(inst: MankowskaInstance, starts: dict[tuple[int, int], float], problems: list[str]) -> None:
    for patient in sorted(inst.double):
        first, second = ((patient, s) for s in inst.services(patient))
        if first not in starts or second not in starts:
            continue
        gap = starts[second] - starts[first]
        low, high = inst.min_gap[patient], inst.max_gap[patient]
        if not low - TOLERANCE <= gap <= high + TOLERANCE:
            what = "not synchronised" if low == high == 0 else "gap out of range"
            problems.append(
                f"patient {patient}: {what}: second service starts {gap:.3f} after the first, "
                f"allowed [{low:g}, {high:g}]"
            )


def _route_distance(inst: MankowskaInstance, route: tuple[ServiceStart, ...]) -> float:
    if not route:
        return 0.0
    nodes = [0, *(s.patient for s in route), inst.end_depot]
    valid = all(0 <= n < inst.n_nodes for n in nodes)
    return sum(inst.dist[a][b] for a, b in itertools.pairwise(nodes)) if valid else float("nan")
