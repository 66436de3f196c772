# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reads for the quality pages: open and overdue start-up conversations, score changes per team, current
triage colours, the board meeting's agenda and rehab board, and who is due a wellbeing conversation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.models import Citizen, FunctionLevel
from naerhed.lib.dates import aware
from naerhed.organisation.models import Team
from naerhed.quality import rules
from naerhed.quality.models import (
    OPEN_CONVERSATION,
    SCORE_FIELDS,
    AdverseEvent,
    BoardAction,
    BoardMeeting,
    ConversationStatus,
    HospitalStay,
    Observation,
    ScorePhase,
    StartupConversation,
    TobsMeasurement,
    TriageAssessment,
    TriageColour,
    WellbeingConversation,
)

#: How far back the agenda looks for new citizens, discharges, changes and events.
AGENDA_DAYS = 7
#: The rehab board keeps a discharged citizen for this long.
REHAB_BOARD_DAYS = 14


def open_conversations(team: Team) -> QuerySet[StartupConversation]:
    return (
        StartupConversation.objects.filter(team=team, status__in=OPEN_CONVERSATION)
        .select_related("citizen", "key_person")
        .order_by("due_date", "pk")
    )


def conversations_of(staff_id: int | None, team_id: int | None) -> QuerySet[StartupConversation]:
    """The open conversations of the user's team that the staff member holds or joins, soonest due first."""
    if staff_id is None or team_id is None:
        return StartupConversation.objects.none()
    mine = StartupConversation.objects.filter(team_id=team_id, status__in=OPEN_CONVERSATION)
    mine = mine.filter(Q(key_person_id=staff_id) | Q(other_staff=staff_id)).distinct()
    return mine.select_related("citizen").order_by("due_date", "pk")


def overdue_conversations(team: Team, today: dt.date) -> QuerySet[StartupConversation]:
    return open_conversations(team).filter(due_date__lt=today)


def held_conversations(team: Team, limit: int = 20) -> QuerySet[StartupConversation]:
    held = StartupConversation.objects.filter(team=team, status=ConversationStatus.HELD)
    return held.select_related("citizen").prefetch_related("scores").order_by("-held_at")[:limit]


@dataclass
class ScoreChange:
    """Average answers at the start and at follow-up for the conversations that have both."""

    team: Team
    month: dt.date
    conversations: int
    start: dict[str, float]
    follow_up: dict[str, float]

    @property
    def change(self) -> dict[str, float]:
        return {name: round(self.follow_up[name] - self.start[name], 2) for name in SCORE_FIELDS}

    @property
    def questions(self) -> list[tuple[str, float, float, float]]:
        """(question, start, follow-up, change) in the survey's order."""
        change = self.change
        return [(name, self.start[name], self.follow_up[name], change[name]) for name in SCORE_FIELDS]


def score_changes(teams: Iterable[Team]) -> list[ScoreChange]:
    """Per team and month the conversation was held: the four questions at start and follow-up."""
    teams_by_pk = {team.pk: team for team in teams}
    held = StartupConversation.objects.filter(team_id__in=teams_by_pk, status=ConversationStatus.HELD)
    sums: dict[tuple[int, dt.date], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for conversation in held.prefetch_related("scores"):
        by_phase = {score.phase: score for score in conversation.scores.all()}
        if (
            ScorePhase.START not in by_phase
            or ScorePhase.FOLLOW_UP not in by_phase
            or conversation.held_at is None
        ):
            continue
        key = (conversation.team_id, conversation.held_at.date().replace(day=1))
        for phase, score in by_phase.items():
            for name in SCORE_FIELDS:
                sums[key][f"{phase}:{name}"].append(getattr(score, name))
    out = []
    for (team_id, month), values in sorted(sums.items(), key=lambda item: (item[0][0], item[0][1])):

        def mean(phase: str, name: str, values: dict[str, list[int]] = values) -> float:
            numbers = values[f"{phase}:{name}"]
            return round(sum(numbers) / len(numbers), 2)

        count = len(values[f"{ScorePhase.START}:overall"])
        out.append(
            ScoreChange(
                team=teams_by_pk[team_id],
                month=month,
                conversations=count,
                start={name: mean(ScorePhase.START, name) for name in SCORE_FIELDS},
                follow_up={name: mean(ScorePhase.FOLLOW_UP, name) for name in SCORE_FIELDS},
            )
        )
    return out


def with_current_colour(citizens: QuerySet[Citizen]) -> QuerySet[Citizen]:
    """The citizens annotated with ``colour``, ``colour_reason`` and ``colour_set_at`` (their latest)."""
    latest = TriageAssessment.objects.filter(citizen=OuterRef("pk")).order_by("-set_at", "-pk")
    return citizens.annotate(
        colour=Subquery(latest.values("colour")[:1]),
        colour_reason=Subquery(latest.values("reason")[:1]),
        colour_set_at=Subquery(latest.values("set_at")[:1]),
    )


#: Why a citizen is on the agenda, in the words the page shows.
AGENDA_REASONS = {
    "red": _("Red"),
    "yellow": _("Yellow"),
    "new": _("New citizen"),
    "discharged": _("Discharged from hospital"),
    "function-level": _("Function level changed"),
    "adverse-event": _("Adverse event"),
    "observation": _("New observation"),
}


@dataclass
class AgendaItem:
    citizen: Citizen
    reasons: list[str] = field(default_factory=list)
    follow_up: rules.TriageFollowUp | None = None

    @property
    def reason_labels(self) -> list[str]:
        """Why, besides the colour (which the page shows as a badge of its own)."""
        return [str(AGENDA_REASONS[reason]) for reason in self.reasons if reason not in ("red", "yellow")]


@dataclass
class Agenda:
    """The board meeting's agenda, built from the records: each citizen once, with why they are on it."""

    items: list[AgendaItem]
    overdue_actions: list[BoardAction]
    open_actions: list[BoardAction]
    rehab_board: list[HospitalStay]
    since: dt.date


def board_agenda(team: Team, day: dt.date) -> Agenda:
    """Yellow and red citizens, new citizens, discharged citizens, changed function levels, adverse events
    and new observations of the last week (or since the team's previous meeting, if later)."""
    previous = BoardMeeting.objects.filter(team=team, date__lt=day).order_by("-date").first()
    since = max(day - dt.timedelta(days=AGENDA_DAYS), previous.date if previous else dt.date.min)
    citizens = with_current_colour(Citizen.objects.filter(team=team, ended_on__isnull=True)).select_related(
        "key_person"
    )
    by_pk = {citizen.pk: citizen for citizen in citizens}
    reasons: dict[int, list[str]] = defaultdict(list)
    for citizen in citizens:
        if citizen.colour in (TriageColour.RED, TriageColour.YELLOW):  # type: ignore[attr-defined]
            reasons[citizen.pk].append(citizen.colour)  # type: ignore[attr-defined]
        if since <= citizen.started_on <= day:
            reasons[citizen.pk].append("new")
    for pk in _discharged(team, since, day):
        reasons[pk].append("discharged")
    for pk in _changed_function_level(team, since, day):
        reasons[pk].append("function-level")
    for pk in AdverseEvent.objects.filter(
        citizen__team=team, occurred_on__gte=since, occurred_on__lte=day
    ).values_list("citizen_id", flat=True):
        reasons[pk].append("adverse-event")
    start, end = aware(since, dt.time.min), aware(day + dt.timedelta(days=1), dt.time.min)
    for model in (Observation, TobsMeasurement):
        time_field = "observed_at" if model is Observation else "measured_at"
        rows = model.objects.filter(
            citizen__team=team, **{f"{time_field}__gte": start, f"{time_field}__lt": end}
        )  # type: ignore[attr-defined]
        for pk in rows.values_list("citizen_id", flat=True):
            reasons[pk].append("observation")
    items = [_item(by_pk[pk], reasons[pk]) for pk in _agenda_order(by_pk, reasons)]
    actions = list(
        BoardAction.objects.filter(meeting__team=team, done_at__isnull=True)
        .select_related("owner", "citizen", "meeting")
        .order_by("due_date", "pk")
    )
    return Agenda(
        items=items,
        overdue_actions=[a for a in actions if a.due_date < day],
        open_actions=[a for a in actions if a.due_date >= day],
        rehab_board=rehab_board(team, day),
        since=since,
    )


REASON_LABELS_ORDER = {TriageColour.RED: 0, TriageColour.YELLOW: 1}


def _agenda_order(by_pk: dict[int, Citizen], reasons: dict[int, list[str]]) -> list[int]:
    """Red first, then yellow, then the rest; by name within each."""

    def key(pk: int) -> tuple[int, str, str]:
        citizen = by_pk[pk]
        rank = REASON_LABELS_ORDER.get(citizen.colour, 2)  # type: ignore[attr-defined]
        return rank, citizen.last_name, citizen.first_name

    return sorted((pk for pk in reasons if pk in by_pk), key=key)


def _item(citizen: Citizen, reasons: list[str]) -> AgendaItem:
    colour, set_at = citizen.colour, citizen.colour_set_at  # type: ignore[attr-defined]
    follow_up = rules.triage_follow_up(colour, set_at) if colour else None
    return AgendaItem(citizen=citizen, reasons=list(dict.fromkeys(reasons)), follow_up=follow_up)


def _discharged(team: Team, since: dt.date, day: dt.date) -> list[int]:
    stays = HospitalStay.objects.filter(citizen__team=team, discharged_on__gte=since, discharged_on__lte=day)
    return list(stays.values_list("citizen_id", flat=True))


def _changed_function_level(team: Team, since: dt.date, day: dt.date) -> set[int]:
    """Citizens with an assessment in the period whose level differs from the area's previous one."""
    recent = FunctionLevel.objects.filter(citizen__team=team, assessed_on__gte=since, assessed_on__lte=day)
    changed: set[int] = set()
    for assessment in recent:
        previous = (
            FunctionLevel.objects.filter(
                citizen_id=assessment.citizen_id,
                fsiii_code=assessment.fsiii_code,
                assessed_on__lte=assessment.assessed_on,
            )
            .exclude(pk=assessment.pk)
            .order_by("-assessed_on", "-pk")
            .first()
        )
        if previous is not None and previous.level != assessment.level:
            changed.add(assessment.citizen_id)
    return changed


def rehab_board(team: Team, day: dt.date) -> list[HospitalStay]:
    """Newly discharged citizens (the last two weeks) and every citizen admitted with loss of function."""
    recent = day - dt.timedelta(days=REHAB_BOARD_DAYS)
    stays = HospitalStay.objects.filter(citizen__team=team, admitted_on__lte=day).select_related("citizen")
    return [
        stay
        for stay in stays.order_by("-admitted_on")
        if (stay.discharged_on is not None and recent <= stay.discharged_on <= day)
        or (stay.loss_of_function and (stay.discharged_on is None or stay.discharged_on >= recent))
    ]


@dataclass
class WellbeingRow:
    citizen: Citizen
    next_due: dt.date | None
    interval_months: int | None
    last: WellbeingConversation | None

    def is_overdue(self, today: dt.date) -> bool:
        return self.next_due is not None and self.next_due < today

    @property
    def lonely(self) -> bool:
        return self.last is not None and rules.screens_lonely(self.last.loneliness_score)


def wellbeing_rows(team: Team) -> list[WellbeingRow]:
    """Citizens living alone or without active relatives (the vulnerable group), and anyone with a plan."""
    current = Citizen.objects.filter(team=team, ended_on__isnull=True)
    pks = list(
        current.filter(Q(lives_alone=True) | Q(wellbeing_plan__active=True)).values_list("pk", flat=True)
    )
    rows = []
    latest: dict[int, WellbeingConversation] = {}
    for conversation in WellbeingConversation.objects.filter(citizen_id__in=pks).order_by("held_on", "pk"):
        latest[conversation.citizen_id] = conversation
    for citizen in (
        Citizen.objects.filter(pk__in=pks)
        .select_related("wellbeing_plan")
        .order_by("last_name", "first_name")
    ):
        plan = getattr(citizen, "wellbeing_plan", None)
        active = plan is not None and plan.active
        rows.append(
            WellbeingRow(
                citizen=citizen,
                next_due=plan.next_due if active and plan else None,
                interval_months=plan.interval_months if active and plan else None,
                last=latest.get(citizen.pk),
            )
        )
    return rows


def colour_counts(team: Team) -> dict[str, int]:
    """How many of the team's current citizens have each colour now."""
    counts: dict[str, int] = defaultdict(int)
    for citizen in with_current_colour(Citizen.objects.filter(team=team, ended_on__isnull=True)):
        if citizen.colour:  # type: ignore[attr-defined]
            counts[citizen.colour] += 1  # type: ignore[attr-defined]
    return dict(counts)
