# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Map a Mankowska instance onto a ``naerhed-plan/1`` :class:`Problem`.

The mapping, element by element:

- **Carers.** Each vehicle ``v`` becomes carer ``v{v+1}`` with one shift
  ``[0, H]`` and no break, starting and ending at location ``depot`` (node 0;
  node N-1 has the same distances in every published file). Its competences
  are the services it is qualified for, ``s1`` … ``sq``.
- **Visits.** Every required service ``s`` of patient ``i`` is visit
  ``p{i}-s{s+1}`` of citizen ``p{i}`` with ``competences={s{s+1}}``,
  ``duration = p[i][s]`` and ``window = [e_i, l_i]``. Tardiness is soft in the
  benchmark, so ``late_allowed = H - l_i``: a start may pass ``l_i`` up to the
  horizon end ``H = 2·max(l)`` (one whole planning day late). The largest
  single tardiness among the best known solutions is 224 minutes, so this bound
  never binds a sensible schedule; every late minute is counted by the engine's
  figures (``late_minutes``, ``max_late``).
- **Double services.** A double-service patient's two services are two visits;
  the second (higher service index) has ``after = After(first, mind, maxd)``.
  ``0/0`` means both start together. One carer may do both when the gap lets
  it, as in the original model.
- **Travel.** One mode ``car``. ``km`` keeps the exact distances ``d`` (the
  objective's ``D`` needs double precision); ``minutes`` are the same
  distances rounded **up** to whole minutes because the engine schedules in
  integers. Rounding up keeps every engine schedule feasible under the exact
  travel times, but slightly conservative: a route of ``k`` legs may start
  its visits up to ``k`` minutes later than needed, adding tardiness the
  original instance would not have. :mod:`.timing` removes that effect by
  recomputing the earliest start times from the route order in double
  precision, and :mod:`.verify` checks the result against the original file.
- **Coordinates.** ``x``/``y`` (0–100) are stored as ``lat = y/100``,
  ``lon = x/100`` for display only; the engine uses the matrices.

**The objective.** Mankowska et al. minimise ``(D + T + Tmax) / 3``: total
travel distance, total tardiness over all services, and the largest single
tardiness. The factor 1/3 does not change the optimum, so the engine needs
equal weights on travel, summed lateness and maximal lateness, and zero weight
on everything the benchmark does not score (continuity, waiting, fairness).
Travel time equals distance here, so ``travel_per_minute = 1`` prices ``D``
(up to the rounding above), ``late_per_minute = 1`` prices ``T`` (every visit
has one carer, so the format's summed lateness over visit-carer pairs is the
benchmark's total tardiness) and ``max_late_per_minute = 1`` prices ``Tmax``.
:func:`engine_params` builds those parameters. The instances are a single day
and the continuity weights are zero, so the engine skips its weekly
assignment and gives the routing search and its CP-SAT neighbourhood search
the time (see :func:`naerhed.planner.solve.has_continuity`).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from naerhed.planner.mankowska.reader import MankowskaInstance
from naerhed.planner.model import (
    After,
    Carer,
    Citizen,
    Horizon,
    Location,
    Problem,
    Shift,
    Team,
    TravelMatrix,
    Visit,
)
from naerhed.planner.params import SolveParams

DEPOT = "depot"
TEAM = "mankowska"
MODE = "car"
START_DATE = dt.date(2014, 1, 6)

# Fields of SolveParams the benchmark zeroes: it scores none of them.
_UNSCORED = (
    "carer_per_citizen",
    "other_team",
    "not_preferred",
    "not_key_person",
    "waiting_per_minute",
    "fairness_per_percent",
)


def visit_id(patient: int, service: int) -> str:
    """The visit id of ``service`` (0-based) at ``patient`` (node index): ``p3-s1`` for (3, 0)."""
    return f"p{patient}-s{service + 1}"


def parse_visit_id(vid: str) -> tuple[int, int]:
    """The (patient, 0-based service) of a visit id made by :func:`visit_id`."""
    patient, service = vid.split("-")
    if not (patient.startswith("p") and service.startswith("s")):
        raise ValueError(f"{vid!r} is not a Mankowska visit id")
    return int(patient[1:]), int(service[1:]) - 1


def carer_id(vehicle: int) -> str:
    return f"v{vehicle + 1}"


def vehicle_index(cid: str) -> int:
    """The 0-based vehicle of a carer id made by :func:`carer_id`."""
    if not cid.startswith("v"):
        raise ValueError(f"{cid!r} is not a Mankowska carer id")
    return int(cid[1:]) - 1


def horizon_end(inst: MankowskaInstance) -> int:
    """``H``: the latest start the mapping allows, one planning day past the latest due time."""
    return 2 * math.ceil(max(inst.late))


def to_problem(inst: MankowskaInstance) -> Problem:
    """The ``naerhed-plan/1`` problem for ``inst``, as described in the module docstring."""
    h = horizon_end(inst)
    back = max(math.ceil(inst.dist[i][inst.end_depot]) for i in inst.patients)
    shift = Shift(0, h + math.ceil(max(max(row) for row in inst.proc)) + back)
    nodes = [DEPOT, *(f"p{i}" for i in inst.patients)]
    return Problem(
        name=inst.name,
        horizon=Horizon(START_DATE, math.ceil(shift.end / 1440)),
        locations=tuple(Location(nid, inst.y[i] / 100, inst.x[i] / 100) for i, nid in enumerate(nodes)),
        travel={MODE: _travel(inst)},
        teams=(Team(TEAM, "Mankowska et al. 2014"),),
        carers=tuple(_carer(inst, v, shift) for v in range(inst.n_vehicles)),
        citizens=tuple(Citizen(f"p{i}", f"p{i}", TEAM) for i in inst.patients),
        visits=tuple(v for i in inst.patients for v in _visits(inst, i, h)),
        meta={"source": "Mankowska, Meisel & Bierwirth (2014)", "objective": "(D + T + Tmax) / 3"},
    )


def engine_params(time_limit: float) -> SolveParams:
    """Engine parameters whose objective is the benchmark's ``D + T + Tmax`` (times 3):
    one per minute of travel, of summed lateness and of the largest lateness, zero
    for everything the benchmark does not score; the whole time limit is searched."""
    wanted: dict[str, Any] = {name: 0 for name in _UNSCORED}
    wanted.update(
        time_limit=time_limit,
        travel_per_minute=1,
        late_per_minute=1,
        max_late_per_minute=1,
        use_whole_time=True,
    )
    return SolveParams(**wanted)


def _travel(inst: MankowskaInstance) -> TravelMatrix:
    # Node N-1 (end depot) duplicates node 0, so the matrix covers nodes 0 .. N-2.
    keep = range(inst.n_nodes - 1)
    km = tuple(tuple(inst.dist[i][j] for j in keep) for i in keep)
    minutes = tuple(tuple(math.ceil(d) for d in row) for row in km)
    return TravelMatrix(minutes=minutes, km=km)


def _carer(inst: MankowskaInstance, vehicle: int, shift: Shift) -> Carer:
    skills = frozenset(f"s{s + 1}" for s in range(inst.n_services) if inst.can_do(vehicle, s))
    return Carer(carer_id(vehicle), TEAM, "carer", skills, MODE, DEPOT, DEPOT, (shift,))


def _visits(inst: MankowskaInstance, patient: int, h: int) -> list[Visit]:
    start, due = math.ceil(inst.early[patient]), math.floor(inst.late[patient])
    out: list[Visit] = []
    for k, s in enumerate(inst.services(patient)):
        after = None
        if k == 1:
            low = math.ceil(inst.min_gap[patient])
            after = After(out[0].id, low, max(low, math.floor(inst.max_gap[patient])))
        out.append(
            Visit(
                id=visit_id(patient, s),
                citizen=f"p{patient}",
                window=(start, due),
                duration=math.ceil(inst.proc[patient][s]),
                competences=frozenset({f"s{s + 1}"}),
                late_allowed=max(0, h - due),
                after=after,
            )
        )
    return out
