# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Bookable times for a new visit in an existing plan (home care on demand).

:func:`slots` inserts the requested visit into each route where it fits
without moving any other stop — travel before and after it, the break and the
shift end all checked exactly — and ranks the options. Direct feasibility
checks over routes, not a search: fast enough to answer while a citizen waits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.model import Problem, Visit
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Plan
from naerhed.planner.repair import Board, Option
from naerhed.planner.schema import FormatError

SLOT_VISIT = "__slot__"


@dataclass(frozen=True)
class SlotRequest:
    """A visit to book: who, how long, what it needs, and when it may start.

    ``windows`` are ``(earliest_start, latest_start)`` pairs in horizon minutes
    (the allowed days and hours); ``mode`` is ``"best"`` (continuity and travel
    first) or ``"earliest"``; a ``preferred_carer`` is offered first when possible.
    """

    citizen: str
    duration: int
    windows: tuple[tuple[int, int], ...]
    competences: frozenset[str] = frozenset()
    preferred_carer: str | None = None
    mode: str = "best"

    def __post_init__(self) -> None:
        if self.duration <= 0:
            raise ValueError(f"duration: {self.duration} must be positive")
        if not self.windows:
            raise ValueError("windows: at least one window is needed")
        for i, (lo, hi) in enumerate(self.windows):
            if hi < lo:
                raise ValueError(f"windows[{i}]: end {hi} is before start {lo}")
        if self.mode not in ("best", "earliest"):
            raise ValueError(f"mode: {self.mode!r} is not 'best' or 'earliest'")


@dataclass(frozen=True)
class SlotOption:
    """One bookable start: carer, shift index, start minute, cost, and its continuity effect."""

    carer: str
    shift: int
    start: int
    cost: float
    known_carer: bool
    preferred_carer: bool


def load_request(data: Mapping[str, Any], problem: Problem | None = None) -> SlotRequest:
    """A :class:`SlotRequest` from JSON-like data; errors name the field (``windows[1]: …``)."""
    errors: list[str] = []
    for key, kind in (("citizen", str), ("duration", int), ("windows", list)):
        if not isinstance(data.get(key), kind):
            errors.append(f"{key}: missing or not a {kind.__name__}")
    unknown = sorted(set(data) - {"citizen", "duration", "windows", "competences", "preferred_carer", "mode"})
    errors += [f"{key}: unknown field" for key in unknown]
    FormatError.raise_if_any(errors)
    windows = []
    for i, w in enumerate(data["windows"]):
        if not (isinstance(w, list | tuple) and len(w) == 2 and all(isinstance(x, int) for x in w)):
            raise FormatError([f"windows[{i}]: expected [earliest_start, latest_start] in minutes"])
        windows.append((w[0], w[1]))
    if problem is not None and data["citizen"] not in problem.citizen_by_id:
        raise FormatError([f"citizen: unknown citizen {data['citizen']!r}"])
    pref = data.get("preferred_carer")
    if pref is not None and problem is not None and pref not in problem.carer_by_id:
        raise FormatError([f"preferred_carer: unknown carer {pref!r}"])
    return SlotRequest(
        data["citizen"],
        data["duration"],
        tuple(windows),
        frozenset(data.get("competences", ())),
        pref,
        data.get("mode", "best"),
    )


def board_from_plan(problem: Problem, params: SolveParams, plan: Plan) -> Board:
    """A :class:`Board` holding the plan's routes."""
    index = {c.id: i for i, c in enumerate(problem.carers)}
    return Board(problem, params, {ShiftRef(index[r.carer], r.shift): r.stops for r in plan.routes})


def slots(
    problem: Problem, plan: Plan, request: SlotRequest, *, limit: int = 5, params: SolveParams | None = None
) -> list[SlotOption]:
    """Up to ``limit`` feasible starts for the requested visit, best first.

    No other visit moves or changes carer. ``"best"`` ranks by the continuity
    cost of the carer (0 if the citizen already has them) plus travel added,
    then by start; ``"earliest"`` by start. A preferred carer comes first.
    """
    params = params or SolveParams()
    found: list[SlotOption] = []
    wanted = [
        Visit(f"{SLOT_VISIT}{i}", request.citizen, (lo, hi), request.duration, request.competences)
        for i, (lo, hi) in enumerate(request.windows)
    ]
    extended = replace(problem, visits=(*problem.visits, *wanted))
    board = board_from_plan(extended, params, plan)
    for visit in wanted:
        for option in board.options(visit, _refs(extended, visit), visit.window):
            found.append(_describe(extended, board, visit, option))
    return sorted(found, key=lambda o: _rank(o, request))[:limit]


def _refs(problem: Problem, visit: Visit) -> list[ShiftRef]:
    out = []
    for ci, carer in enumerate(problem.carers):
        if problem.can_serve(carer, visit):
            out += [
                ShiftRef(ci, si)
                for si, s in enumerate(carer.shifts)
                if s.start <= visit.latest_start and s.end >= visit.window[0] + visit.duration
            ]
    return out


def _describe(problem: Problem, board: Board, visit: Visit, option: Option) -> SlotOption:
    carer = problem.carers[option.ref.carer]
    citizen = problem.citizen_by_id[visit.citizen]
    known = option.ref.carer in board.carers_of.get(visit.citizen, {})
    return SlotOption(
        carer.id, option.ref.shift, option.earliest, option.cost, known, carer.id in citizen.preferred_carers
    )


def _rank(option: SlotOption, request: SlotRequest) -> tuple[bool, float, int, str, int]:
    first = request.preferred_carer is not None and option.carer != request.preferred_carer
    if request.mode == "earliest":
        return first, option.start, 0, option.carer, option.shift
    return first, option.cost, option.start, option.carer, option.shift
