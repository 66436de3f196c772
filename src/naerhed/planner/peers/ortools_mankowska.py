# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A straightforward OR-Tools routing model for the Mankowska benchmark (a peer, not the engine).

- one routing node per (patient, service) and one depot; one vehicle per carer;
- skills as allowed vehicles (the domain of each node's vehicle variable, ``-1`` = unserved);
- a time dimension with transit ``p_i + d_ij`` and unlimited waiting; times are
  integers in units of 1/:data:`SCALE` minute, travel rounded up, so every
  schedule stays feasible in double precision;
- start ≥ ``e`` as a hard cumul minimum, tardiness as a soft upper bound at
  ``l`` with cost 1 per unit, the same as one unit of distance;
- double services by start inequalities on the cumul variables
  (``mind <= t2 - t1 <= maxd``; equal starts for ``0/0``, which forces two
  vehicles). Both-or-neither is left to the drop penalty: as a constraint it
  stops the search from inserting the pair one node at a time;
- every service optional with a large penalty, so the search can always return
  a solution; guided local search; one thread.

The routing objective is ``D + T`` (scaled): a routing model has no natural
place for ``Tmax``, which is only reported. That is the model the shared
research note measured.
"""

from __future__ import annotations

import math
from typing import Any

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from naerhed.planner.mankowska.reader import MankowskaInstance
from naerhed.planner.mankowska.solution import MankowskaSolution, ServiceStart

SOLVER = "ortools-routing-gls"
SCALE = 100
DROP_PENALTY = 10_000_000 * SCALE


class _Model:
    """Routing model, index manager and time dimension for one instance."""

    def __init__(self, inst: MankowskaInstance) -> None:
        self.inst = inst
        self.tasks = inst.tasks
        self.node_of = [0, *(p for p, _ in self.tasks)]
        self.manager = pywrapcp.RoutingIndexManager(len(self.tasks) + 1, inst.n_vehicles, 0)
        self.routing = pywrapcp.RoutingModel(self.manager)
        self.cost, self.transit = self._matrices()
        horizon = SCALE * 4 * math.ceil(max(inst.late) + max(max(r) for r in inst.dist))
        cost = self.routing.RegisterTransitCallback(self._distance)
        self.routing.SetArcCostEvaluatorOfAllVehicles(cost)
        time = self.routing.RegisterTransitCallback(self._transit)
        self.routing.AddDimension(time, horizon, horizon, False, "time")
        self.time = self.routing.GetDimensionOrDie("time")

    def _distance(self, a: int, b: int) -> int:
        na: int = self.manager.IndexToNode(a)
        nb: int = self.manager.IndexToNode(b)
        return self.cost[na][nb]

    def _transit(self, a: int, b: int) -> int:
        na: int = self.manager.IndexToNode(a)
        nb: int = self.manager.IndexToNode(b)
        return self.transit[na][nb]

    def _matrices(self) -> tuple[list[list[int]], list[list[int]]]:
        """Integer arc costs (distance) and transits (processing + travel, rounded up)."""
        inst, nodes = self.inst, self.node_of
        proc = [0.0, *(inst.proc[p][s] for p, s in self.tasks)]
        cost = [[round(inst.dist[i][j] * SCALE) for j in nodes] for i in nodes]
        transit = [
            [math.ceil((proc[a] + inst.dist[i][j]) * SCALE - 1e-9) for j in nodes]
            for a, i in enumerate(nodes)
        ]
        return cost, transit

    def index(self, task_number: int) -> int:
        return int(self.manager.NodeToIndex(task_number + 1))

    def add_services(self) -> None:
        for k, (patient, service) in enumerate(self.tasks):
            idx = self.index(k)
            allowed = [v for v in range(self.inst.n_vehicles) if self.inst.can_do(v, service)]
            self.routing.VehicleVar(idx).SetValues([-1, *allowed])
            self.routing.AddDisjunction([idx], DROP_PENALTY)
            cumul = self.time.CumulVar(idx)
            cumul.SetMin(math.ceil(self.inst.early[patient] * SCALE))
            self.time.SetCumulVarSoftUpperBound(idx, math.floor(self.inst.late[patient] * SCALE), 1)

    def add_double_services(self) -> None:
        solver = self.routing.solver()
        number = {task: k for k, task in enumerate(self.tasks)}
        for patient in sorted(self.inst.double):
            first, second = (self.index(number[(patient, s)]) for s in self.inst.services(patient))
            t1, t2 = self.time.CumulVar(first), self.time.CumulVar(second)
            solver.Add(t2 >= t1 + math.ceil(self.inst.min_gap[patient] * SCALE))
            solver.Add(t2 <= t1 + math.floor(self.inst.max_gap[patient] * SCALE))

    def extract(self, assignment: Any) -> MankowskaSolution:
        routes: list[tuple[ServiceStart, ...]] = []
        for v in range(self.inst.n_vehicles):
            stops: list[ServiceStart] = []
            idx = self.routing.NextVar(self.routing.Start(v))
            idx = assignment.Value(idx)
            while not self.routing.IsEnd(idx):
                patient, service = self.tasks[self.manager.IndexToNode(idx) - 1]
                start = assignment.Min(self.time.CumulVar(idx)) / SCALE
                stops.append(ServiceStart(patient, service, start))
                idx = assignment.Value(self.routing.NextVar(idx))
            routes.append(tuple(stops))
        done = {(s.patient, s.service) for route in routes for s in route}
        unserved = tuple(t for t in self.tasks if t not in done)
        return MankowskaSolution(self.inst.name, tuple(routes), unserved, SOLVER)


def solve_ortools(inst: MankowskaInstance, time_limit: float) -> MankowskaSolution:
    """Solve ``inst`` with the peer model within ``time_limit`` seconds (one thread)."""
    model = _Model(inst)
    model.add_services()
    model.add_double_services()
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(max(1, int(time_limit * 1000)))
    assignment = model.routing.SolveWithParameters(params)
    if assignment is None:
        unserved = tuple(inst.tasks)
        return MankowskaSolution(inst.name, tuple(() for _ in range(inst.n_vehicles)), unserved, SOLVER)
    return model.extract(assignment)
