# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Move one visit by hand, as on a T-card board, and re-time the routes it touches.

:func:`move_visit` takes a visit (one copy of it, for a two-carer visit) out of a
route or the unassigned list and puts it at a position in another route, or back
into the unassigned list. The routes it touches are re-timed in their new order:
each stop starts as early as travel, its window and the break allow, but no
earlier than it was planned before (so that one move does not shift every other
citizen's time); the break goes where the route breaks the fewest rules. The two
carers of a two-carer visit start it together. The result is not checked here:
ask :func:`naerhed.planner.check.check` whether it breaks a rule, and
:func:`new_violations` which rules the move itself broke.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from naerhed.planner.check import Violation, check
from naerhed.planner.model import Carer, Problem, Shift
from naerhed.planner.plan import BreakStop, Plan, Route, Stop, Unassigned, VisitStop
from naerhed.planner.timeline import replay

#: ``Unassigned.reason`` of a visit put back into the tray by hand.
MOVED_TO_TRAY = "moved to the unassigned tray by hand"
_SYNC_ROUNDS = 10

RouteKey = tuple[str, int]


class MoveError(ValueError):
    """The move itself makes no sense for the plan (unknown visit, carer, shift or copy)."""


@dataclass(frozen=True)
class Move:
    """Move one copy of ``visit``.

    ``from_carer`` is the carer whose copy moves, or ``None`` for a visit in the
    unassigned list. ``to_carer`` and ``to_shift`` name the target route, or
    ``to_carer=None`` puts every copy of the visit back into the unassigned list.
    ``position`` counts the target route's other visits that come before it (clipped
    to the route). ``partner`` is the second carer and shift for a two-carer visit
    taken from the unassigned list. ``not_before`` (e.g. now, on today's board) is the
    earliest minute the moved visit may start; other stops keep their time when it is
    earlier and are not moved before it otherwise.
    """

    visit: str
    from_carer: str | None
    to_carer: str | None
    to_shift: int = 0
    position: int = 0
    partner: RouteKey | None = None
    not_before: int = 0

    def __post_init__(self) -> None:
        if self.position < 0:
            raise ValueError(f"move: position {self.position} must not be negative")


@dataclass(frozen=True)
class MoveResult:
    """The plan after the move, and the routes whose stops or times it changed."""

    plan: Plan
    routes: tuple[RouteKey, ...]


def move_visit(problem: Problem, plan: Plan, move: Move, *, keep_times: bool = True) -> MoveResult:
    """``plan`` with ``move`` made and the touched routes re-timed.

    With ``keep_times`` (the default) a stop never starts earlier than in ``plan``;
    without it every stop of the touched routes starts as early as it can.
    Raises :class:`MoveError` when the visit, carer, shift or copy does not exist.
    """
    visit = problem.visit_by_id.get(move.visit)
    if visit is None:
        raise MoveError(f"unknown visit {move.visit!r}")
    routes = {(r.carer, r.shift): r for r in plan.routes}
    old_starts = {s.visit: s.start for r in plan.routes for s in r.visit_stops}
    orders = {key: [s.visit for s in r.visit_stops] for key, r in routes.items()}
    touched = _take_out(plan, orders, move)
    unassigned = [u for u in plan.unassigned if u.visit != move.visit]
    if move.to_carer is None:
        for key, order in orders.items():
            if move.visit in order:
                order.remove(move.visit)
                touched.add(key)
        unassigned.append(Unassigned(move.visit, MOVED_TO_TRAY))
    else:
        target = _route_key(problem, move.to_carer, move.to_shift)
        order = orders.setdefault(target, [])
        order.insert(min(move.position, len(order)), move.visit)
        touched.add(target)
        if move.partner is not None:
            partner = _route_key(problem, *move.partner)
            orders.setdefault(partner, [])
            touched.add(partner)
    if keep_times:
        floors = dict(old_starts)
    else:
        floors = {vid: min(start, move.not_before) for vid, start in old_starts.items()}
    floors[move.visit] = move.not_before
    keep = {k: r for k, r in routes.items() if k not in touched}
    timed = _retime_all(problem, routes, orders, touched, floors, keep)
    if move.to_carer is not None and move.partner is not None:
        timed = _add_partner_copy(problem, routes, orders, timed, move, floors)
    # A shift left without visits has no route, as in a solved plan.
    new_routes = tuple(timed[key] for key in sorted(timed) if timed[key].visit_stops)
    return MoveResult(
        replace(plan, routes=new_routes, unassigned=tuple(unassigned)),
        tuple(sorted(k for k in timed if k not in keep or timed[k] != keep[k])),
    )


def new_violations(problem: Problem, before: Plan, after: Plan) -> list[Violation]:
    """The rules ``after`` breaks that ``before`` did not (same rule, visit and carer)."""
    old = {(v.rule, v.visit, v.carer) for v in check(problem, before)}
    return [v for v in check(problem, after) if (v.rule, v.visit, v.carer) not in old]


def retime_route(
    problem: Problem,
    carer: Carer,
    shift_index: int,
    order: list[str],
    *,
    floors: Mapping[str, int] | None = None,
    break_before: int | None = None,
) -> Route:
    """The route of ``order`` with each visit as early as travel, window and ``floors`` allow.

    The shift's break (if any) is tried before every visit and at the end; the
    position breaking the fewest rules wins, ``break_before`` (a position in
    ``order``) on a tie, then the earliest return home.
    """
    shift = carer.shifts[shift_index]
    if shift.break_ is None:
        return Route(carer.id, shift_index, _timeline(problem, carer, shift, order, None, floors or {}))
    best: tuple[tuple[int, int, int], Route] | None = None
    for at in range(len(order) + 1):
        route = Route(carer.id, shift_index, _timeline(problem, carer, shift, order, at, floors or {}))
        result = replay(problem, route)
        score = (len(result.problems), 0 if at == break_before else 1, _end(problem, route))
        if best is None or score < best[0]:
            best = (score, route)
    assert best is not None
    return best[1]


def _timeline(
    problem: Problem,
    carer: Carer,
    shift: Shift,
    order: list[str],
    break_at: int | None,
    floors: Mapping[str, int],
) -> tuple[Stop, ...]:
    now, here = shift.start, carer.start_location
    stops: list[Stop] = []
    for k, vid in enumerate([*order, None]):
        if k == break_at and shift.break_ is not None:
            start = max(now, shift.break_.earliest)
            stops.append(BreakStop(start, shift.break_.duration))
            now = start + shift.break_.duration
        if vid is None:
            break
        visit = problem.visit_by_id[vid]
        arrival = now
        if not visit.remote:
            there = problem.visit_location(visit)
            arrival, here = now + problem.travel_minutes(carer.transport, here, there), there
        start = max(arrival, visit.window[0], floors.get(vid, 0))
        stops.append(VisitStop(vid, start))
        now = start + visit.duration
    return tuple(stops)


def _end(problem: Problem, route: Route) -> int:
    last = route.stops[-1] if route.stops else None
    if last is None:
        return 0
    if isinstance(last, BreakStop):
        return last.start + last.duration
    return last.start + problem.visit_by_id[last.visit].duration


def _route_key(problem: Problem, carer_id: str, shift: int) -> RouteKey:
    carer = problem.carer_by_id.get(carer_id)
    if carer is None:
        raise MoveError(f"unknown carer {carer_id!r}")
    if not 0 <= shift < len(carer.shifts):
        raise MoveError(f"carer {carer_id} has no shift {shift}")
    return (carer_id, shift)


def _take_out(plan: Plan, orders: dict[RouteKey, list[str]], move: Move) -> set[RouteKey]:
    """Remove the moving copy from its route; the keys of the routes changed."""
    if move.from_carer is None:
        if not any(u.visit == move.visit for u in plan.unassigned):
            raise MoveError(f"visit {move.visit} is not unassigned")
        return set()
    for key, order in orders.items():
        if key[0] == move.from_carer and move.visit in order:
            order.remove(move.visit)
            return {key}
    raise MoveError(f"carer {move.from_carer} has no copy of visit {move.visit}")


def _break_position(problem: Problem, old: Route | None, order: list[str]) -> int | None:
    """Where the break was: before the first visit of ``order`` that came after it in ``old``."""
    if old is None:
        return None
    after, seen_break = set(), False
    for stop in old.stops:
        if isinstance(stop, BreakStop):
            seen_break = True
        elif seen_break:
            after.add(stop.visit)
    if not seen_break:
        return None
    return next((k for k, vid in enumerate(order) if vid in after), len(order))


def _retime_all(
    problem: Problem,
    routes: Mapping[RouteKey, Route],
    orders: Mapping[RouteKey, list[str]],
    touched: Iterable[RouteKey],
    floors: Mapping[str, int],
    keep: Mapping[RouteKey, Route],
) -> dict[RouteKey, Route]:
    """Re-time ``touched`` routes, then let the two carers of every two-carer visit start it together."""
    timed = dict(keep)
    pending, sync = set(touched), dict(floors)
    for _ in range(_SYNC_ROUNDS):
        for key in sorted(pending):
            timed[key] = retime_route(
                problem,
                problem.carer_by_id[key[0]],
                key[1],
                orders[key],
                floors=sync,
                break_before=_break_position(problem, routes.get(key), orders[key]),
            )
        pending = _unsynced(problem, timed, sync)
        if not pending:
            break
    return timed


def _unsynced(problem: Problem, timed: Mapping[RouteKey, Route], sync: dict[str, int]) -> set[RouteKey]:
    """Routes holding a two-carer visit whose copies start apart; raises ``sync`` to the later start."""
    starts: dict[str, list[tuple[RouteKey, int]]] = {}
    for key, route in timed.items():
        for stop in route.visit_stops:
            starts.setdefault(stop.visit, []).append((key, stop.start))
    out: set[RouteKey] = set()
    for vid, copies in starts.items():
        # Two copies in one route cannot start together; check() reports that, no re-timing helps.
        if len({key for key, _ in copies}) < len(copies):
            continue
        if problem.visit_by_id[vid].carers > 1 and len({s for _, s in copies}) > 1:
            sync[vid] = max(s for _, s in copies)
            out |= {key for key, s in copies if s < sync[vid]}
    return out


def _add_partner_copy(
    problem: Problem,
    routes: Mapping[RouteKey, Route],
    orders: dict[RouteKey, list[str]],
    timed: dict[RouteKey, Route],
    move: Move,
    floors: Mapping[str, int],
) -> dict[RouteKey, Route]:
    """Put the second copy of a two-carer visit into the partner's route where its start fits in time."""
    assert move.partner is not None and move.to_carer is not None
    start = next(s.start for s in timed[(move.to_carer, move.to_shift)].visit_stops if s.visit == move.visit)
    partner = timed.get(move.partner)
    order = orders[move.partner]
    before = sum(1 for s in (partner.visit_stops if partner else ()) if s.start <= start)
    order.insert(before, move.visit)
    touched = {(move.to_carer, move.to_shift), move.partner}
    keep = {k: r for k, r in timed.items() if k not in touched}
    return _retime_all(problem, routes, orders, touched, floors, keep)
