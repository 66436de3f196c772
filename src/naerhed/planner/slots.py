# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Bookable times for a new visit in an existing plan (home care on demand).

:func:`slots` inserts the requested visit into each route where it fits
without moving any other stop — travel before and after it, the break and the
shift end all checked exactly — and ranks the options. A visit for two carers
(a bath with a lift, say) is offered to pairs of different carers who can both
start it at the same minute, paired as :func:`repair.insert_visit` pairs them.
Direct feasibility checks over routes, not a search: fast enough to answer
while a citizen waits.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    first) or ``"earliest"``; a ``preferred_carer`` is offered first when possible;
    ``carers`` is 2 for help that needs two carers at once (both need the competences).
    """

    citizen: str
    duration: int
    windows: tuple[tuple[int, int], ...]
    competences: frozenset[str] = frozenset()
    preferred_carer: str | None = None
    mode: str = "best"
    carers: int = 1

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
        if self.carers not in (1, 2):
            raise ValueError(f"carers: {self.carers} must be 1 or 2")


@dataclass(frozen=True)
class SlotOption:
    """One bookable start: carer, shift index, start minute, cost, and its continuity effect.

    For a two-carer request ``partner`` and ``partner_shift`` name the second carer, who
    starts at the same minute; ``cost`` is then the pair's, ``known_carer`` says that at
    least one of the two already visits the citizen and ``preferred_carer`` that at least
    one is among the citizen's preferred carers (the key person first). ``carer`` is the
    one of the two who counts most for continuity.
    """

    carer: str
    shift: int
    start: int
    cost: float
    known_carer: bool
    preferred_carer: bool
    partner: str | None = None
    partner_shift: int | None = None

    @property
    def carers(self) -> tuple[str, ...]:
        """Every carer who comes: ``(carer,)`` or ``(carer, partner)``."""
        return (self.carer,) if self.partner is None else (self.carer, self.partner)

    @property
    def shifts(self) -> tuple[tuple[str, int], ...]:
        """``(carer, shift index)`` of every carer who comes, as routes are keyed."""
        if self.partner is None or self.partner_shift is None:
            return ((self.carer, self.shift),)
        return ((self.carer, self.shift), (self.partner, self.partner_shift))


REQUEST_FIELDS = frozenset(
    {"citizen", "duration", "windows", "competences", "preferred_carer", "mode", "carers"}
)


def load_request(data: Mapping[str, Any], problem: Problem | None = None) -> SlotRequest:
    """A :class:`SlotRequest` from JSON-like data; errors name the field (``windows[1]: …``)."""
    errors: list[str] = []
    for key, kind in (("citizen", str), ("duration", int), ("windows", list)):
        if not isinstance(data.get(key), kind):
            errors.append(f"{key}: missing or not a {kind.__name__}")
    unknown = sorted(set(data) - REQUEST_FIELDS)
    errors += [f"{key}: unknown field" for key in unknown]
    carers = data.get("carers", 1)
    if type(carers) is not int or carers not in (1, 2):  # not True, not 2.0
        errors.append(f"carers: {carers!r} is not 1 or 2")
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
        carers,
    )


def dump_request(request: SlotRequest) -> dict[str, Any]:
    """``request`` as JSON-like data that :func:`load_request` reads back unchanged."""
    data: dict[str, Any] = {
        "citizen": request.citizen,
        "duration": request.duration,
        "windows": [[lo, hi] for lo, hi in request.windows],
        "competences": sorted(request.competences),
        "mode": request.mode,
        "carers": request.carers,
    }
    if request.preferred_carer is not None:
        data["preferred_carer"] = request.preferred_carer
    return data


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
    For ``request.carers == 2`` every option is a pair of different carers
    starting together, ranked the same way by the pair's summed cost.
    """
    params = params or SolveParams()
    found: list[SlotOption] = []
    wanted = [
        Visit(
            f"{SLOT_VISIT}{i}",
            request.citizen,
            (lo, hi),
            request.duration,
            request.competences,
            carers=request.carers,
        )
        for i, (lo, hi) in enumerate(request.windows)
    ]
    extended = replace(problem, visits=(*problem.visits, *wanted))
    board = board_from_plan(extended, params, plan)
    for visit in wanted:
        options = board.options(visit, _refs(extended, visit), visit.window)
        if visit.carers == 1:
            found += [_describe(extended, board, visit, option) for option in options]
        else:
            found += [
                _describe_pair(extended, board, visit, pair, start, request)
                for pair, start in _pairs(board, visit, options)
            ]
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


def _pairs(board: Board, visit: Visit, options: list[Option]) -> Iterator[tuple[tuple[Option, Option], int]]:
    """Pairs of insertions into shifts of different carers that can start at one minute, and
    that minute (the earliest both allow).

    As :func:`repair.insert_visit` does, shifts whose cheapest insertions overlap in time are
    paired. When they do not, the second shift is asked again for its cheapest insertion inside
    the first one's range (another gap of its route may fit), so that a pair is not missed only
    because each carer's cheapest gap lies elsewhere in the window.
    """
    for i, first in enumerate(options):
        for second in options[i + 1 :]:
            if first.ref.carer == second.ref.carer:
                continue
            pair = _overlap(first, second) or _pinned(board, visit, first, second)
            if pair is not None:
                yield pair


def _overlap(first: Option, second: Option) -> tuple[tuple[Option, Option], int] | None:
    lo, hi = max(first.earliest, second.earliest), min(first.latest, second.latest)
    return ((first, second), lo) if lo <= hi else None


def _pinned(
    board: Board, visit: Visit, first: Option, second: Option
) -> tuple[tuple[Option, Option], int] | None:
    for fixed, other in ((first, second), (second, first)):
        again = board.options(visit, [other.ref], (fixed.earliest, fixed.latest))
        if again:
            return _overlap(fixed, again[0])
    return None


def _describe_pair(
    problem: Problem,
    board: Board,
    visit: Visit,
    pair: tuple[Option, Option],
    start: int,
    request: SlotRequest,
) -> SlotOption:
    one, two = (_describe(problem, board, visit, option) for option in pair)
    # The carer who counts most for continuity goes first: the one asked for, then the cheaper.
    one, two = sorted((one, two), key=lambda o: (o.carer != request.preferred_carer, o.cost, o.carer))
    return SlotOption(
        one.carer,
        one.shift,
        start,
        one.cost + two.cost,
        one.known_carer or two.known_carer,
        one.preferred_carer or two.preferred_carer,
        two.carer,
        two.shift,
    )


def _rank(option: SlotOption, request: SlotRequest) -> tuple[bool, float, int, str, int]:
    first = request.preferred_carer is not None and request.preferred_carer not in option.carers
    if request.mode == "earliest":
        return first, option.start, 0, option.carer, option.shift
    return first, option.cost, option.start, option.carer, option.shift
