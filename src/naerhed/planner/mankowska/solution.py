# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A solution to a Mankowska instance: per carer the ordered (patient, service, start).

On disk (``mankowska-solution/1``)::

    {"format": "mankowska-solution/1", "instance": "InstanzCPLEX_HCSRP_10_1", "solver": "…",
     "routes": [{"vehicle": 1, "visits": [{"patient": 8, "service": 5, "start": 46.0}, …]}, …],
     "unserved": [{"patient": 3, "service": 4}], "meta": {…}}

Vehicles and services are 1-based in the file (``service: 1`` is ``s1``) and
0-based in :class:`ServiceStart`; patients are node indexes (1 .. N-2) in both.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from naerhed.planner.mankowska.mapping import parse_visit_id, vehicle_index
from naerhed.planner.mankowska.reader import MankowskaInstance
from naerhed.planner.plan import Plan

FORMAT = "mankowska-solution/1"


@dataclass(frozen=True)
class ServiceStart:
    """Service ``service`` (0-based) of ``patient`` starts at minute ``start``."""

    patient: int
    service: int
    start: float


Route = tuple[ServiceStart, ...]


@dataclass(frozen=True)
class MankowskaSolution:
    """``routes[v]`` is vehicle ``v``'s route in order; ``unserved`` the (patient, service) left out."""

    instance: str
    routes: tuple[Route, ...]
    unserved: tuple[tuple[int, int], ...] = ()
    solver: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)

    def with_routes(self, routes: tuple[Route, ...]) -> MankowskaSolution:
        return MankowskaSolution(self.instance, routes, self.unserved, self.solver, dict(self.meta))

    def with_meta(self, extra: Mapping[str, Any]) -> MankowskaSolution:
        """The same solution with ``extra`` added to (and overriding keys of) ``meta``."""
        meta = {**self.meta, **extra}
        return MankowskaSolution(self.instance, self.routes, self.unserved, self.solver, meta)


def from_plan(inst: MankowskaInstance, plan: Plan, solver: str) -> MankowskaSolution:
    """The solution an engine plan for :func:`mapping.to_problem` describes."""
    routes: list[list[ServiceStart]] = [[] for _ in range(inst.n_vehicles)]
    for route in plan.routes:
        for stop in route.visit_stops:
            patient, service = parse_visit_id(stop.visit)
            routes[vehicle_index(route.carer)].append(ServiceStart(patient, service, float(stop.start)))
    unserved = tuple(sorted(parse_visit_id(u.visit) for u in plan.unassigned))
    meta = {**plan.meta, "unassigned_reasons": {u.visit: u.reason for u in plan.unassigned}}
    return MankowskaSolution(inst.name, tuple(tuple(r) for r in routes), unserved, solver, meta)


def to_json(solution: MankowskaSolution) -> dict[str, Any]:
    routes = [
        {
            "vehicle": v + 1,
            "visits": [{"patient": s.patient, "service": s.service + 1, "start": s.start} for s in route],
        }
        for v, route in enumerate(solution.routes)
    ]
    return {
        "format": FORMAT,
        "instance": solution.instance,
        "solver": solution.solver,
        "routes": routes,
        "unserved": [{"patient": p, "service": s + 1} for p, s in solution.unserved],
        "meta": dict(solution.meta),
    }


def from_json(data: Mapping[str, Any]) -> MankowskaSolution:
    """Read what :func:`to_json` wrote; raise ``ValueError`` on another format."""
    if data.get("format") != FORMAT:
        raise ValueError(f"format must be {FORMAT!r}, got {data.get('format')!r}")
    routes: list[Route] = []
    for raw in sorted(data["routes"], key=lambda r: int(r["vehicle"])):
        while len(routes) < int(raw["vehicle"]) - 1:
            routes.append(())
        routes.append(
            tuple(
                ServiceStart(int(s["patient"]), int(s["service"]) - 1, float(s["start"]))
                for s in raw["visits"]
            )
        )
    unserved = tuple((int(u["patient"]), int(u["service"]) - 1) for u in data.get("unserved", []))
    return MankowskaSolution(
        str(data["instance"]),
        tuple(routes),
        unserved,
        str(data.get("solver", "")),
        dict(data.get("meta", {})),
    )


def write_solution(solution: MankowskaSolution, path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(solution), indent=1, default=str) + "\n", encoding="utf-8")


def read_solution(path: str | Path) -> MankowskaSolution:
    return from_json(json.loads(Path(path).read_text(encoding="utf-8")))
