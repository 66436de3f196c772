# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""What the board shows: one column per carer shift with its cards in order, the tray of unplanned
visits and the day's figures, all read from the plan in force through the planning bridge."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum

from naerhed.board.refusals import Names, clock, explain
from naerhed.lib.dates import monday_of
from naerhed.organisation.models import Team
from naerhed.planner import model as pm
from naerhed.planner.check import check, figures
from naerhed.planner.figures import walk_route
from naerhed.planner.plan import BreakStop, Plan, Route, Stop, VisitStop
from naerhed.planning.plan_store import current_plan
from naerhed.planning.problem_builder import BuiltProblem, build_problem, to_minutes
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import RosterShift


@dataclass(frozen=True)
class Card:
    """One visit card (one copy of a two-carer visit)."""

    visit_pk: int
    version: int
    start: str
    end: str
    window: str
    citizen_pk: int
    citizen: str
    service: str
    competences: tuple[str, ...]
    two_carers: bool
    partners: tuple[str, ...]
    remote: bool
    travel: int
    warnings: tuple[str, ...] = ()
    is_break: bool = False
    done: str = ""  # "Delivered" or "Could not be delivered": shown, never moved


@dataclass(frozen=True)
class BreakCard:
    start: str
    end: str
    minutes: int
    is_break: bool = True


@dataclass(frozen=True)
class Column:
    """One carer's shift: ``key`` ("<staff pk>-<shift index>") is what a move names as its target."""

    key: str
    staff_pk: int
    shift_index: int
    name: str
    profession: str
    shift: str
    break_text: str
    items: tuple[Card | BreakCard, ...]
    travel_home: int

    @property
    def visit_count(self) -> int:
        return sum(1 for item in self.items if not item.is_break)


@dataclass(frozen=True)
class DayFigures:
    carers_per_citizen_week: float
    travel_minutes: int
    care_time_share: float
    unplanned: int


@dataclass(frozen=True)
class Board:
    team: Team
    day: dt.date
    columns: tuple[Column, ...]
    tray: tuple[Card, ...]
    figures: DayFigures
    version: str
    seen: str  # "pk:version,…" of every visit on the board, sent back with a move

    @property
    def citizen_pks(self) -> list[int]:
        cards = [c for col in self.columns for c in col.items if isinstance(c, Card)] + list(self.tray)
        return list(dict.fromkeys(c.citizen_pk for c in cards))


def board_version(team: Team, day: dt.date) -> str:
    """A short token that changes whenever a visit or a rota shift of the team's day changes."""
    visits = Visit.objects.filter(citizen__team=team, date=day).aggregate(
        n=Count("pk"), v=Sum("version"), u=Max("updated_at")
    )
    shifts = RosterShift.objects.filter(
        staff__team=team, date__in=[day - dt.timedelta(days=1), day]
    ).aggregate(
        n=Count("pk", filter=Q(absent=False)), b=Max("break_start"), s=Sum("staff_id", filter=Q(absent=True))
    )
    raw = f"{visits['n']}.{visits['v']}.{visits['u']}.{shifts['n']}.{shifts['b']}.{shifts['s']}"
    return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:12]


@dataclass(frozen=True)
class _Context:
    names: Names
    rows: dict[int, Visit]
    warnings: dict[str, list[str]]
    starts: dict[str, list[tuple[str, int]]]
    done: list[Visit]


def load_board(team: Team, day: dt.date) -> Board:
    """The team's board for ``day`` as the plan in force has it."""
    done = _done(team, day)
    # Citizens whose visits are all done still need a place on the map for the day's travel.
    built = build_problem(team=team, start=day, days=1, extra_citizens={v.citizen_id for v in done})
    plan = current_plan(built)
    names = Names.for_problem(built)
    rows = _visit_rows(built)
    context = _Context(names, rows, _warnings(built, plan, names), plan.starts(), done)
    routes = {(r.carer, r.shift): r for r in plan.routes}
    columns = tuple(
        _column(built, context, carer, index, routes.get((carer.id, index)))
        for carer, index in sorted(
            ((c, k) for c in built.problem.carers for k in range(len(c.shifts))),
            key=lambda ref: (ref[0].shifts[ref[1]].start, names.carer(ref[0].id)),
        )
    )
    tray = tuple(
        _card(built, context, u.visit, None, None, 0)
        for u in sorted(plan.unassigned, key=lambda u: built.problem.visit_by_id[u.visit].window)
    )
    return Board(
        team=team,
        day=day,
        columns=columns,
        tray=tray,
        figures=_figures(team, day, built, plan, done),
        version=board_version(team, day),
        seen=",".join(f"{pk}:{row.version}" for pk, row in sorted(rows.items())),
    )


def _visit_rows(built: BuiltProblem) -> dict[int, Visit]:
    visits = (
        Visit.objects.filter(pk__in=built.visit_ids.values())
        .select_related("citizen", "service")
        .prefetch_related("service__required_competences")
    )
    return {v.pk: v for v in visits}


def _warnings(built: BuiltProblem, plan: Plan, names: Names) -> dict[str, list[str]]:
    """Rules the plan in force already breaks, by engine visit id (shown on the cards)."""
    out: dict[str, list[str]] = {}
    for violation in check(built.problem, plan):
        if violation.visit is not None:
            out.setdefault(violation.visit, []).append(explain(violation, built.problem, plan, names))
    return out


def _column(
    built: BuiltProblem,
    context: _Context,
    carer: pm.Carer,
    index: int,
    route: Route | None,
) -> Column:
    shift = carer.shifts[index]
    items: list[Card | BreakCard] = []
    travel_home = 0
    timed: list[tuple[int, Card | BreakCard]] = _done_cards(built, context, carer, index)
    if route is not None:
        walk = walk_route(built.problem, carer, route)
        travel_home = walk.travel_minutes - sum(step.minutes for step in walk.steps)
        for step in walk.steps:
            stop = step.stop
            item: Card | BreakCard
            if isinstance(stop, BreakStop):
                item = BreakCard(clock(stop.start), clock(stop.start + stop.duration), stop.duration)
            else:
                item = _card(built, context, stop.visit, carer.id, stop.start, step.minutes)
            timed.append((stop.start, item))
    items.extend(item for _, item in sorted(timed, key=lambda pair: pair[0]))
    brk = shift.break_
    break_text = f"{brk.duration} min, {clock(brk.earliest)}–{clock(brk.latest)}" if brk else ""
    return Column(
        key=f"{built.staff_ids[carer.id]}-{index}",
        staff_pk=built.staff_ids[carer.id],
        shift_index=index,
        name=context.names.carer(carer.id),
        profession=context.names.profession(carer.id),
        shift=f"{clock(shift.start)}–{clock(shift.end)}",
        break_text=break_text,
        items=tuple(items),
        travel_home=travel_home,
    )


def _card(
    built: BuiltProblem, context: _Context, vid: str, carer: str | None, start: int | None, travel: int
) -> Card:
    visit, engine = context.rows[built.visit_ids[vid]], built.problem.visit_by_id[vid]
    partners = tuple(context.names.carer(c) for c, _ in context.starts.get(vid, []) if c != carer)
    return Card(
        visit_pk=visit.pk,
        version=visit.version,
        start=clock(start) if start is not None else "",
        end=clock(start + engine.duration) if start is not None else "",
        window=f"{clock(engine.window[0])}–{clock(engine.window[1])}",
        citizen_pk=visit.citizen_id,
        citizen=visit.citizen.full_name,
        service=visit.service.name,
        competences=tuple(c.name for c in visit.service.required_competences.all()),
        two_carers=engine.carers > 1,
        partners=partners if engine.carers > 1 else (),
        remote=engine.remote,
        travel=travel,
        warnings=tuple(context.warnings.get(vid, ())),
    )


def _done(team: Team, day: dt.date) -> list[Visit]:
    """The day's visits already delivered or not delivered: the bridge leaves them out of the plan."""
    return list(
        Visit.objects.filter(
            citizen__team=team,
            date=day,
            status__in=[VisitStatus.DELIVERED, VisitStatus.NOT_DELIVERED],
            planned_start__isnull=False,
        )
        .select_related("citizen", "service")
        .prefetch_related("carers", "service__required_competences")
    )


def _done_cards(
    built: BuiltProblem, context: _Context, carer: pm.Carer, index: int
) -> list[tuple[int, Card | BreakCard]]:
    shift, staff_pk = carer.shifts[index], built.staff_ids[carer.id]
    out: list[tuple[int, Card | BreakCard]] = []
    for visit in context.done:
        assert visit.planned_start is not None
        start = to_minutes(visit.planned_start, built.start)
        if shift.start <= start < shift.end and any(m.pk == staff_pk for m in visit.carers.all()):
            out.append((start, _done_card(visit, start)))
    return out


def _done_card(visit: Visit, start: int) -> Card:
    return Card(
        visit_pk=visit.pk,
        version=visit.version,
        start=clock(start),
        end=clock(start + visit.duration),
        window="",
        citizen_pk=visit.citizen_id,
        citizen=visit.citizen.full_name,
        service=visit.service.name,
        competences=tuple(c.name for c in visit.service.required_competences.all()),
        two_carers=visit.two_carers,
        partners=(),
        remote=visit.remote,
        travel=0,
        done=str(visit.get_status_display()),
    )


def _figures(team: Team, day: dt.date, built: BuiltProblem, plan: Plan, done: list[Visit]) -> DayFigures:
    """The whole day's figures: the visits still planned and those already delivered, as planned.

    The engine's problem holds only the visits still planned, so the delivered ones are put back
    into the routes at their planned start before the engine computes travel and the care-time share
    (over every shift minute of the day). Visits that could not be delivered count for neither.
    """
    problem, whole = _whole_day(built, plan, done)
    today = figures(problem, whole)
    return DayFigures(
        carers_per_citizen_week=carers_per_citizen_week(team, day),
        travel_minutes=today.travel_minutes,
        care_time_share=today.care_time_share,
        unplanned=today.unassigned,
    )


def _whole_day(built: BuiltProblem, plan: Plan, done: list[Visit]) -> tuple[pm.Problem, Plan]:
    """The day's problem and plan with the delivered visits back in their carers' routes."""
    carer_of = {pk: cid for cid, pk in built.staff_ids.items()}
    extra: list[pm.Visit] = []
    stops: dict[tuple[str, int], list[Stop]] = {}
    for visit in done:
        if visit.status != VisitStatus.DELIVERED or visit.planned_start is None:
            continue
        start, vid = to_minutes(visit.planned_start, built.start), f"done-{visit.pk}"
        placed = 0
        for member in visit.carers.all():
            shift = _shift_at(built.problem, carer_of.get(member.pk, ""), start)
            if shift is not None:
                stops.setdefault(shift, []).append(VisitStop(vid, start))
                placed += 1
        if placed:
            extra.append(
                pm.Visit(
                    id=vid,
                    citizen=f"c-{visit.citizen_id}",
                    window=(start, start),
                    duration=visit.duration,
                    carers=min(placed, 2),
                    remote=visit.remote,
                )
            )
    if not extra:
        return built.problem, plan
    routes = []
    for route in plan.routes:
        added = stops.pop((route.carer, route.shift), [])
        routes.append(dataclasses.replace(route, stops=_in_order([*route.stops, *added])))
    routes += [Route(carer, shift, _in_order(added)) for (carer, shift), added in sorted(stops.items())]
    problem = dataclasses.replace(built.problem, visits=built.problem.visits + tuple(extra))
    return problem, dataclasses.replace(plan, routes=tuple(routes))


def _shift_at(problem: pm.Problem, carer_id: str, start: int) -> tuple[str, int] | None:
    """The (carer, shift index) of the carer's shift under way at minute ``start``, if any."""
    carer = problem.carer_by_id.get(carer_id)
    if carer is None or start < 0:
        return None
    index = next((k for k, s in enumerate(carer.shifts) if s.start <= start < s.end), None)
    return (carer.id, index) if index is not None else None


def _in_order(stops: list[Stop]) -> tuple[Stop, ...]:
    return tuple(sorted(stops, key=lambda stop: stop.start))


def carers_per_citizen_week(team: Team, day: dt.date) -> float:
    """Different carers per citizen over ``day``'s week (Monday–Sunday), from the visits' carers.

    The mean, over the team's citizens with a planned or delivered visit that has a carer, of the
    number of different carers on those visits; 0.0 when there is none. One query.
    """
    monday = monday_of(day)
    pairs = (
        Visit.carers.through.objects.filter(
            visit__citizen__team=team,
            visit__date__gte=monday,
            visit__date__lt=monday + dt.timedelta(days=7),
            visit__status__in=[VisitStatus.PLANNED, VisitStatus.DELIVERED],
        )
        .values_list("visit__citizen_id", "staffmember_id")
        .distinct()
    )
    carers: dict[int, int] = {}
    for citizen_pk, _staff_pk in pairs:
        carers[citizen_pk] = carers.get(citizen_pk, 0) + 1
    return sum(carers.values()) / len(carers) if carers else 0.0
