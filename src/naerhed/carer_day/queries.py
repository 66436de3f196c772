# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reads for the carer's pages: the day's route with a live estimate, a visit with its plan and
handovers, and the team's visit plans."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from naerhed.carer_day.models import HandoverNote, VisitExecution, VisitPlan, VisitPlanRevision
from naerhed.citizens.models import Citizen
from naerhed.planning.problem_builder import ROAD_FACTOR, SPEED_KMH, haversine_km
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import StaffMember, Transport

LATEST_HANDOVERS = 3
#: A carer who has not been with the citizen within this time meets them as a substitute.
FAMILIAR_WITHIN = dt.timedelta(weeks=8)

Point = tuple[float, float]


class StopState(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_DELIVERED = "not_delivered"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class StopEstimate:
    visit: Visit
    execution: VisitExecution | None
    state: StopState
    planned_start: dt.datetime
    estimated_start: dt.datetime
    delay_minutes: int
    partners: list[StaffMember]

    @property
    def maps_url(self) -> str:
        return maps_url(self.visit.citizen)


def maps_url(citizen: Citizen) -> str:
    """A link that opens the citizen's address in the phone's maps app (or the browser's)."""
    return f"https://maps.google.com/?q={citizen.lat:.6f},{citizen.lon:.6f}"


def day_route(staff: StaffMember, day: dt.date) -> list[Visit]:
    """The carer's visits of the day in route order, with the citizen, service, carers and own execution."""
    mine = VisitExecution.objects.filter(staff=staff)
    visits = (
        Visit.objects.filter(carers=staff, date=day)
        .exclude(status=VisitStatus.CANCELLED)
        .select_related("citizen", "service", "startup_conversation")
        .prefetch_related(
            Prefetch("carers", queryset=StaffMember.objects.order_by("first_name")),
            Prefetch("executions", queryset=mine, to_attr="my_executions"),
        )
    )
    return sorted(visits, key=lambda visit: (planned_start_of(visit), visit.pk))


def route_estimate(staff: StaffMember, day: dt.date, now: dt.datetime) -> list[StopEstimate]:
    """The day's route re-timed from what has happened: each stop not yet begun starts at the latest of
    its planned start, the previous stop's (actual or estimated) end plus travel, and now.
    Travel uses the planning bridge's approximation (straight line × road factor at the carer's speed);
    screen visits need none and leave the carer where they were."""
    position, free_at = _start_point(staff), None
    stops: list[StopEstimate] = []
    for visit in day_route(staff, day):
        execution = visit.my_executions[0] if visit.my_executions else None  # type: ignore[attr-defined]
        planned = planned_start_of(visit)
        state = _state(execution)
        travel = 0 if visit.remote else _travel_minutes(position, _point(visit.citizen), staff.transport)
        start = _estimated_start(state, execution, planned, free_at, travel, now)
        free_at = _free_at(state, execution, start, visit.duration, now)
        position = position if visit.remote else _point(visit.citizen)
        delay = max(0, math.ceil((start - planned).total_seconds() / 60))
        partners = [carer for carer in visit.carers.all() if carer.pk != staff.pk]
        stops.append(StopEstimate(visit, execution, state, planned, start, delay, partners))
    return stops


def planned_start_of(visit: Visit) -> dt.datetime:
    return visit.planned_start or visit.window_start


def _state(execution: VisitExecution | None) -> StopState:
    if execution is None:
        return StopState.UPCOMING
    if execution.not_delivered_at is not None:
        return StopState.NOT_DELIVERED
    if execution.checked_out_at is not None:
        return StopState.DONE
    return StopState.IN_PROGRESS if execution.checked_in_at is not None else StopState.UPCOMING


def _estimated_start(
    state: StopState,
    execution: VisitExecution | None,
    planned: dt.datetime,
    free_at: dt.datetime | None,
    travel: int,
    now: dt.datetime,
) -> dt.datetime:
    if execution is not None and execution.checked_in_at is not None:
        return execution.checked_in_at
    if state == StopState.NOT_DELIVERED:
        return planned
    earliest = [planned, now] if free_at is None else [planned, now, free_at + dt.timedelta(minutes=travel)]
    return max(earliest)


def _free_at(
    state: StopState, execution: VisitExecution | None, start: dt.datetime, duration: int, now: dt.datetime
) -> dt.datetime:
    """When the carer can leave the stop: the actual check-out, or the expected end (not before now)."""
    if execution is not None and state == StopState.DONE and execution.checked_out_at is not None:
        return execution.checked_out_at
    if execution is not None and state == StopState.NOT_DELIVERED and execution.not_delivered_at is not None:
        return execution.not_delivered_at
    end = start + dt.timedelta(minutes=duration)
    return max(end, now) if state == StopState.IN_PROGRESS else end


def _start_point(staff: StaffMember) -> Point | None:
    if staff.starts_from_home and staff.home_lat is not None and staff.home_lon is not None:
        return (staff.home_lat, staff.home_lon)
    team = staff.team
    return (
        (team.office_lat, team.office_lon)
        if team.office_lat is not None and team.office_lon is not None
        else None
    )


def _point(citizen: Citizen) -> Point:
    return (citizen.lat, citizen.lon)


def _travel_minutes(origin: Point | None, destination: Point, transport: str) -> int:
    """The bridge's travel time: road km (rounded as the bridge rounds them) at the transport's speed."""
    if origin is None:
        return 0
    km = round(haversine_km(origin, destination) * ROAD_FACTOR, 2)
    return math.ceil(km / SPEED_KMH[Transport(transport)] * 60)


@dataclass(frozen=True)
class VisitPage:
    visit: Visit
    plan: VisitPlan | None
    handovers: list[HandoverNote]
    first_time: bool
    execution: VisitExecution | None
    partners: list[StaffMember]

    @property
    def maps_url(self) -> str:
        return maps_url(self.visit.citizen)


def visit_for_page(pk: int) -> Visit | None:
    carers = Prefetch("carers", queryset=StaffMember.objects.order_by("first_name"))
    related = Visit.objects.select_related(
        "citizen", "citizen__key_person", "service", "startup_conversation"
    )
    return related.prefetch_related(carers).filter(pk=pk).first()


def visit_page(visit: Visit, staff: StaffMember, *, today: dt.date) -> VisitPage:
    """Everything the visit page shows for the carer, in a fixed number of queries."""
    return VisitPage(
        visit=visit,
        plan=VisitPlan.objects.filter(citizen_id=visit.citizen_id).first(),
        handovers=latest_handovers(visit.citizen),
        first_time=not has_visited_recently(staff, visit.citizen, today=today),
        execution=VisitExecution.objects.filter(visit=visit, staff=staff).first(),
        partners=[carer for carer in visit.carers.all() if carer.pk != staff.pk],
    )


def latest_handovers(citizen: Citizen, limit: int = LATEST_HANDOVERS) -> list[HandoverNote]:
    return list(
        citizen.handover_notes.select_related("visit", "visit__service").order_by("-created_at", "-id")[
            :limit
        ]
    )


def has_visited_recently(staff: StaffMember, citizen: Citizen, *, today: dt.date) -> bool:
    """Whether the carer delivered a visit to the citizen in the eight weeks before today."""
    since = today - FAMILIAR_WITHIN
    visits = Visit.objects.filter(citizen=citizen, carers=staff, date__gte=since, date__lt=today)
    return visits.filter(status=VisitStatus.DELIVERED).exists()


def team_plans(team_id: int, staff_id: int | None) -> QuerySet[Citizen]:
    """The team's current citizens with their visit plans; those the user is key person for first."""
    # When(key_person_id=None) would put the citizens without a key person first.
    mine: Case | Value = Value(1, output_field=IntegerField())
    if staff_id is not None:
        mine = Case(
            When(key_person_id=staff_id, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    citizens = Citizen.objects.filter(team_id=team_id, ended_on__isnull=True)
    related = citizens.select_related("key_person", "visit_plan", "visit_plan__updated_by")
    return related.annotate(mine=mine).order_by("mine", "last_name", "first_name")


def plan_history(plan: VisitPlan | None) -> list[VisitPlanRevision]:
    return list(plan.revisions.order_by("-version")) if plan is not None else []
