# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Route timelines under the exact ``naerhed-plan/1`` semantics.

A route leaves the start location at or after the shift start, travels to each
non-remote visit after the previous stop ends, waits if early, and finally
travels to the end location. Breaks and remote visits are taken where the carer
is. :func:`route_problems` replays one route; :func:`insertion_windows` finds
where one more visit fits without moving any other stop.
"""

from __future__ import annotations

from dataclasses import dataclass

from naerhed.planner.model import Carer, Problem, Shift, Visit
from naerhed.planner.plan import BreakStop, Route, Stop, VisitStop


@dataclass(frozen=True)
class Replay:
    """The outcome of replaying one route: rule breaks and the travel and waiting it implies."""

    problems: tuple[str, ...]
    travel: int
    waiting: int


def _stop_end(problem: Problem, stop: Stop) -> int:
    if isinstance(stop, BreakStop):
        return stop.start + stop.duration
    return stop.start + problem.visit_by_id[stop.visit].duration


def replay(problem: Problem, route: Route) -> Replay:
    """Replay ``route`` stop by stop and report every rule it breaks."""
    carer = problem.carer_by_id[route.carer]
    shift = carer.shifts[route.shift]
    out: list[str] = []
    now, loc, travel, waiting, breaks = shift.start, carer.start_location, 0, 0, 0
    for stop in route.stops:
        if isinstance(stop, BreakStop):
            breaks += 1
            b = shift.break_
            if b is None or not (b.earliest <= stop.start <= b.latest) or stop.duration != b.duration:
                out.append(f"break at {stop.start} does not match the shift's break")
            if stop.start < now:
                out.append(f"break at {stop.start} starts before {now}")
            now = max(now, stop.start + stop.duration)
            continue
        visit = problem.visit_by_id[stop.visit]
        arrive = now
        if not visit.remote:
            leg = problem.travel_minutes(carer.transport, loc, problem.visit_location(visit))
            travel, arrive, loc = travel + leg, now + leg, problem.visit_location(visit)
        out.extend(_visit_problems(problem, carer, visit, stop.start, arrive))
        waiting += max(0, stop.start - arrive)
        now = max(arrive, stop.start) + visit.duration
    leg = problem.travel_minutes(carer.transport, loc, carer.end_location)
    if now + leg > shift.end:
        out.append(f"back at {now + leg}, after the shift end {shift.end}")
    if breaks != (1 if shift.break_ is not None else 0):
        out.append(f"{breaks} breaks in a shift with {1 if shift.break_ else 0}")
    return Replay(tuple(f"{route.carer}/{route.shift}: {p}" for p in out), travel + leg, waiting)


def _visit_problems(problem: Problem, carer: Carer, visit: Visit, start: int, arrive: int) -> list[str]:
    out = []
    if start < arrive:
        out.append(f"visit {visit.id} starts at {start} before arrival at {arrive}")
    if not visit.window[0] <= start <= visit.latest_start:
        out.append(f"visit {visit.id} starts at {start} outside its window")
    if not problem.can_serve(carer, visit):
        out.append(f"visit {visit.id} needs competences or is blocked for {carer.id}")
    return out


def route_problems(problem: Problem, route: Route) -> tuple[str, ...]:
    """The rules ``route`` breaks on its own (empty when it is feasible)."""
    return replay(problem, route).problems


def _location_after(problem: Problem, carer: Carer, stops: tuple[Stop, ...]) -> list[str]:
    """``out[k]`` is where the carer is before ``stops[k]`` (``out[-1]`` after all stops)."""
    loc, out = carer.start_location, [carer.start_location]
    for stop in stops:
        if isinstance(stop, VisitStop) and not problem.visit_by_id[stop.visit].remote:
            loc = problem.visit_location(problem.visit_by_id[stop.visit])
        out.append(loc)
    return out


def insertion_windows(
    problem: Problem, carer: Carer, shift: Shift, stops: tuple[Stop, ...], visit: Visit
) -> list[tuple[int, int, int]]:
    """Every ``(position, earliest, latest)`` start range at which ``visit`` fits into ``stops``.

    ``stops`` must be a feasible timeline of ``shift`` in time order; no other stop
    moves. The carer must be allowed to serve the visit (not checked here).
    """
    locs = _location_after(problem, carer, stops)
    out = []
    for k in range(len(stops) + 1):
        window = _window_at(problem, carer, shift, stops, locs, k, visit)
        if window is not None:
            out.append((k, *window))
    return out


def _window_at(
    problem: Problem,
    carer: Carer,
    shift: Shift,
    stops: tuple[Stop, ...],
    locs: list[str],
    k: int,
    visit: Visit,
) -> tuple[int, int] | None:
    mode, here = carer.transport, problem.visit_location(visit)
    before = _stop_end(problem, stops[k - 1]) if k else shift.start
    new_loc = locs[k] if visit.remote else here
    lo = max(visit.window[0], before + (0 if visit.remote else problem.travel_minutes(mode, locs[k], here)))
    hi = visit.latest_start
    if k < len(stops):
        hi = min(hi, stops[k].start - visit.duration)
    nxt = next((i for i in range(k, len(stops)) if _is_physical(problem, stops[i])), None)
    last_busy = max((_stop_end(problem, s) for s in stops[k:nxt]), default=None)
    if nxt is None:
        dest, deadline = carer.end_location, shift.end
    else:
        stop = stops[nxt]
        assert isinstance(stop, VisitStop)
        dest, deadline = problem.visit_location(problem.visit_by_id[stop.visit]), stop.start
    leg = problem.travel_minutes(mode, new_loc, dest)
    if last_busy is not None and last_busy + leg > deadline:
        return None
    hi = min(hi, deadline - leg - visit.duration)
    return (lo, hi) if lo <= hi else None


def _is_physical(problem: Problem, stop: Stop) -> bool:
    return isinstance(stop, VisitStop) and not problem.visit_by_id[stop.visit].remote


def base_timelines(shift: Shift, stops: tuple[Stop, ...]) -> list[tuple[Stop, ...]]:
    """Timelines to insert into: the route itself, or for an empty shift with a
    break the break alone at its earliest and at its latest start."""
    if stops or shift.break_ is None:
        return [stops]
    b = shift.break_
    return [(BreakStop(b.earliest, b.duration),), (BreakStop(b.latest, b.duration),)]


def insert_stop(stops: tuple[Stop, ...], position: int, stop: Stop) -> tuple[Stop, ...]:
    """``stops`` with ``stop`` inserted at ``position``."""
    return (*stops[:position], stop, *stops[position:])
