# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Asking the planning engine for free times and putting a booked visit into the plan in force.

Both go through the one bridge (``planning.problem_builder`` and ``planning.plan_store``): times are
offered by the engine's :func:`~naerhed.planner.slots.slots` without moving any other visit, and a
chosen time is inserted with the same board the engine uses, checked, and written by ``apply_plan``.
Help that needs two carers (``Grant.two_carers``) is offered as two carers who can both start at the
same minute, and booked into both routes at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant
from naerhed.planner import model as pm
from naerhed.planner.check import check
from naerhed.planner.eligibility import ShiftRef
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Plan, Route, VisitStop
from naerhed.planner.slots import SlotRequest, board_from_plan, slots
from naerhed.planning.plan_store import apply_plan, current_plan
from naerhed.planning.problem_builder import BuiltProblem, build_problem, from_minutes, to_minutes
from naerhed.visits.models import Visit
from naerhed.workforce.models import StaffMember

SEARCH_DAYS = 7


@dataclass(frozen=True)
class TimeOption:
    """A free time the citizen can choose: when, and who would come (two carers for help that
    needs two; ``preferred``: one of them is the carer the citizen asked for)."""

    start: dt.datetime
    staff_pk: int
    carer_first_name: str
    preferred: bool
    partner_pk: int | None = None
    partner_first_name: str = ""

    @property
    def token(self) -> str:
        staff = str(self.staff_pk) if self.partner_pk is None else f"{self.staff_pk}+{self.partner_pk}"
        return f"{staff}@{self.start.isoformat()}"

    @property
    def carer_names(self) -> str:
        """``"Sofie"`` or ``"Sofie og Jonas"``; empty when a name is unknown."""
        if self.partner_pk is None:
            return self.carer_first_name
        if not (self.carer_first_name and self.partner_first_name):
            return ""
        return _("%(names)s and %(last)s") % {"names": self.carer_first_name, "last": self.partner_first_name}


@dataclass(frozen=True)
class Choice:
    """A time the citizen chose: the carer (and for two-carer help the partner) and the start."""

    staff_pk: int
    partner_pk: int | None
    start: dt.datetime


def parse_token(token: str) -> Choice:
    """``"<staff pk>[+<partner pk>]@<ISO start>"`` back into its parts; ValidationError naming the
    field otherwise."""
    try:
        staff, start = token.split("@", 1)
        moment = dt.datetime.fromisoformat(start)
        if moment.tzinfo is None:
            raise ValueError("naive")
        first, plus, second = staff.partition("+")
        partner = int(second) if plus else None
        if partner == int(first):
            raise ValueError("the same carer twice")
        return Choice(int(first), partner, moment)
    except ValueError:
        raise ValidationError({"start": _("Choose one of the times shown.")}) from None


def preferred_carer(citizen: Citizen, built: BuiltProblem) -> str | None:
    """The citizen's first preferred carer in the engine's terms (the key person comes first)."""
    engine_citizen = built.problem.citizen_by_id.get(f"c-{citizen.pk}")
    if engine_citizen is None or not engine_citizen.preferred_carers:
        return None
    return engine_citizen.preferred_carers[0]


def without_visit(built: BuiltProblem, plan: Plan, vid: str) -> tuple[pm.Problem, Plan]:
    """The problem and plan with one visit taken out (a visit being moved frees its own place)."""
    problem = replace(built.problem, visits=tuple(v for v in built.problem.visits if v.id != vid))
    routes = tuple(
        replace(r, stops=tuple(s for s in r.stops if not (isinstance(s, VisitStop) and s.visit == vid)))
        for r in plan.routes
    )
    return problem, replace(
        plan, routes=routes, unassigned=tuple(u for u in plan.unassigned if u.visit != vid)
    )


def offer(
    *,
    grant: Grant,
    first: dt.date,
    days: int,
    windows: list[tuple[dt.datetime, dt.datetime]],
    prefer_carer: bool,
    moving: Visit | None = None,
    limit: int = 5,
) -> list[TimeOption]:
    """Up to ``limit`` free starts inside ``windows`` (aware start ranges), one per time, best first:
    the preferred carer (or key person) first when ``prefer_carer``, otherwise the earliest."""
    citizen = grant.citizen
    built = build_problem(team=citizen.team, start=first, days=days, extra_citizens=[citizen.pk])
    problem, plan = built.problem, current_plan(built)
    if moving is not None:
        problem, plan = without_visit(built, plan, f"v-{moving.pk}")
    pref = preferred_carer(citizen, built) if prefer_carer else None
    request = SlotRequest(
        citizen=f"c-{citizen.pk}",
        duration=grant.duration,
        windows=tuple((to_minutes(lo, first), to_minutes(hi, first)) for lo, hi in windows),
        competences=frozenset(c.code for c in grant.service.required_competences.all()),
        preferred_carer=pref,
        mode="best" if prefer_carer else "earliest",
        carers=2 if grant.two_carers else 1,
    )
    names = dict(StaffMember.objects.filter(team=citizen.team).values_list("pk", "first_name"))
    out: list[TimeOption] = []
    # Many options share a start (every free carer, or pair, in the same gap): ask for enough to
    # find ``limit`` different times; pairs repeat a start far more often than single carers.
    for option in slots(problem, plan, request, limit=limit * (8 if request.carers == 1 else 40)):
        start = from_minutes(option.start, first)
        if any(o.start == start for o in out):
            continue
        staff_pk = built.staff_ids[option.carer]
        partner_pk = None if option.partner is None else built.staff_ids[option.partner]
        out.append(
            TimeOption(
                start,
                staff_pk,
                names.get(staff_pk, ""),
                pref is not None and pref in option.carers,
                partner_pk,
                "" if partner_pk is None else names.get(partner_pk, ""),
            )
        )
        if len(out) == limit:
            break
    return out


def place(*, visit: Visit, staff_pk: int, start: dt.datetime, partner_pk: int | None = None) -> None:
    """Insert ``visit`` (already saved with its new window) into the route of ``staff_pk`` (and of
    ``partner_pk`` for a two-carer visit, at the same minute) at ``start`` and write it with
    ``apply_plan(source="booking")``. ValidationError if the time is no longer free."""
    taken = ValidationError({"start": _("Sorry, this time is no longer free. Please choose another time.")})
    staff = [staff_pk] if partner_pk is None else [staff_pk, partner_pk]
    if len(staff) != (2 if visit.two_carers else 1) or len(set(staff)) != len(staff):
        raise ValidationError({"start": _("Choose one of the times shown.")})
    # One insertion per route at a time; rows locked in one order so two bookings never deadlock.
    list(StaffMember.objects.select_for_update().filter(pk__in=staff).order_by("pk"))
    built = build_problem(team=visit.citizen.team, start=visit.date, days=1)
    vid, problem = f"v-{visit.pk}", built.problem
    cids = [f"s-{pk}" for pk in staff]
    if vid not in problem.visit_by_id or any(cid not in problem.carer_by_id for cid in cids):
        raise taken
    plan = current_plan(built)
    board = board_from_plan(problem, SolveParams(), plan)
    board.remove(vid)
    minute = to_minutes(start, built.start)
    engine_visit = problem.visit_by_id[vid]
    options = [board.options(engine_visit, _shifts_of(problem, cid), (minute, minute)) for cid in cids]
    if not all(options):
        raise taken
    for found in options:  # different carers, so different shifts: each insertion stands alone
        board.place(engine_visit, found[0], minute)
    routes = tuple(
        Route(problem.carers[ref.carer].id, ref.shift, stops)
        for ref, stops in sorted(board.stops.items(), key=lambda item: (item[0].carer, item[0].shift))
    )
    new_plan = replace(plan, routes=routes, unassigned=tuple(u for u in plan.unassigned if u.visit != vid))
    before = {(v.rule, v.visit, v.carer) for v in check(problem, plan)}
    broken = [v for v in check(problem, new_plan) if (v.rule, v.visit, v.carer) not in before]
    if any(v.visit == vid or v.carer in cids for v in broken):
        raise taken
    apply_plan(
        built,
        new_plan,
        by=None,
        source="booking",
        visit_ids=[vid],
        expected_versions={visit.pk: visit.version},
    )


def _shifts_of(problem: pm.Problem, cid: str) -> list[ShiftRef]:
    index = next(i for i, c in enumerate(problem.carers) if c.id == cid)
    return [ShiftRef(index, s) for s in range(len(problem.carers[index].shifts))]
