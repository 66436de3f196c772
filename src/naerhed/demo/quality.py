# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Care quality in the demo: triage colours, a board meeting with actions, hospital stays, observations and
TOBS, start-up conversations with scores near Hedensted's figures, rehab goals, wellbeing conversations and
a catalogue of local activities. Built once per demo municipality; the same seed gives the same data."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from naerhed.accounts.models import User
from naerhed.citizens.fsiii import function_areas
from naerhed.citizens.models import Citizen, FunctionLevel
from naerhed.demo.builder import MUNICIPALITY_CODE, demo_teams
from naerhed.lib.dates import aware
from naerhed.organisation.models import Municipality, Team
from naerhed.quality import rules
from naerhed.quality.models import (
    AdverseEvent,
    BoardAction,
    BoardMeeting,
    ConversationReason,
    ConversationScore,
    ConversationStatus,
    GoalKind,
    HospitalStay,
    LocalActivity,
    Observation,
    Referral,
    RehabGoal,
    ScorePhase,
    StartupConversation,
    TobsMeasurement,
    TriageAssessment,
    WellbeingConversation,
    WellbeingPlan,
)
from naerhed.workforce.models import Profession, StaffMember

SEED = 7
#: Hedensted's baseline and measured averages of the four questions (seeds/000): start, follow-up.
HEDENSTED = ((5.77, 7.23), (6.00, 7.77), (5.69, 8.08), (6.15, 8.46))
ACTIVITIES = [
    (
        "Besøgsvenner",
        "visiting-friend",
        "Frivillige, der kommer på besøg en gang om ugen til en snak og en kop kaffe.",
    ),
    ("Spisevenner", "visiting-friend", "Fællesspisning med en frivillig, hjemme eller på aktivitetscentret."),
    ("Seniorklubben", "association", "Kortspil, sang og udflugter hver tirsdag eftermiddag."),
    ("Aktivitetscentret", "activity-centre", "Træning, værksted og café på hverdage; kørsel kan bestilles."),
    ("Gå-holdet", "association", "Korte gåture i roligt tempo med rollator-venlige ruter."),
    ("Nabohjælp", "neighbour", "Naboer, der hjælper med indkøb, post og et dagligt tjek."),
]


@transaction.atomic
def build_quality_demo(*, today: dt.date) -> str:
    """Fill the care quality pages of the demo municipality (once); returns a line for the command."""
    municipality = Municipality.objects.filter(code=MUNICIPALITY_CODE).first()
    if municipality is None or LocalActivity.objects.filter(municipality=municipality).exists():
        return "Care quality: already loaded."
    rng = random.Random(SEED)
    activities = [
        LocalActivity.objects.create(
            municipality=municipality, name=name, kind=kind, description=text, area="Aabenraa"
        )
        for name, kind, text in ACTIVITIES
    ]
    leader = User.objects.filter(username="teamleader").first()
    for team in demo_teams():
        citizens = list(Citizen.objects.filter(team=team, ended_on__isnull=True).order_by("pk"))
        staff = list(
            StaffMember.objects.filter(team=team, employed_until__isnull=True).order_by("employee_number")
        )
        if len(citizens) < 12 or len(staff) < 3:
            continue
        by = leader if leader is not None and leader.team_id == team.pk else None
        _triage_and_board(team, citizens, staff, today, by)
        _conversations(rng, team, citizens, today)
        _wellbeing(rng, citizens, activities, today, by)
    return "Care quality: board meetings, triage, start-up conversations and wellbeing loaded."


def _name(by: User | None) -> str:
    return (by.get_full_name() or by.username) if by else "Demo"


def _triage_and_board(
    team: Team, citizens: list[Citizen], staff: list[StaffMember], today: dt.date, by: User | None
) -> None:
    """Yesterday's board meeting: two yellow and one red citizen, actions (one overdue), a discharge."""
    yesterday = today - dt.timedelta(days=1)
    meeting = BoardMeeting.objects.create(
        team=team,
        date=yesterday,
        captain=staff[1],
        note_taker=staff[2],
        notes="Gennemgang af gule og røde borgere.",
        created_by=by,
    )
    reasons = [
        ("yellow", "Drikker for lidt, mere træt end vanligt"),
        ("yellow", "Vægttab 2 kg på en måned"),
        ("red", "Feber og forvirring, TOBS 4"),
    ]
    for citizen, (colour, reason) in zip(citizens[:3], reasons, strict=True):
        TriageAssessment.objects.create(
            citizen=citizen,
            colour="green",
            set_at=aware(today - dt.timedelta(days=20), dt.time(9)),
            set_by_name=_name(by),
        )
        TriageAssessment.objects.create(
            citizen=citizen,
            colour=colour,
            reason=reason,
            set_at=aware(yesterday, dt.time(9, 10)),
            meeting=meeting,
            set_by=by,
            set_by_name=_name(by),
        )
    nurse = next((s for s in staff if s.profession == Profession.NURSE), staff[0])
    BoardAction.objects.create(
        meeting=meeting,
        citizen=citizens[0],
        text="Væskeskema i tre døgn",
        owner=staff[1],
        due_date=today + dt.timedelta(days=2),
        created_by=by,
    )
    BoardAction.objects.create(
        meeting=meeting,
        citizen=citizens[2],
        text="Ring til egen læge om urinprøve",
        owner=nurse,
        due_date=yesterday,
        created_by=by,
    )
    observed_at = aware(yesterday, dt.time(8, 30))
    Observation.objects.create(
        citizen=citizens[0],
        area="eating",
        text="Spiste kun halvdelen af morgenmaden og drak ét glas vand.",
        observed_at=observed_at,
        author_name=staff[0].full_name,
    )
    values = {
        "pulse": 104,
        "temperature": Decimal("38.6"),
        "systolic_bp": 112,
        "respiration": 22,
        "consciousness": "habitual",
    }
    score = rules.tobs_score(**values)  # type: ignore[arg-type]
    TobsMeasurement.objects.create(
        citizen=citizens[2],
        measured_at=observed_at,
        **values,
        pulse_points=score.pulse,
        temperature_points=score.temperature,
        systolic_bp_points=score.systolic_bp,
        respiration_points=score.respiration,
        consciousness_points=score.consciousness,
        total=score.total,
        advice=score.advice.value,
        author_name=nurse.full_name,
    )
    HospitalStay.objects.create(
        citizen=citizens[3],
        admitted_on=today - dt.timedelta(days=6),
        discharged_on=yesterday,
        loss_of_function=True,
        note="Hoftenær fraktur; genoptræning efter SUL §140",
    )
    HospitalStay.objects.create(
        citizen=citizens[4],
        admitted_on=today - dt.timedelta(days=2),
        loss_of_function=True,
        note="Lungebetændelse",
    )
    AdverseEvent.objects.create(
        citizen=citizens[5],
        occurred_on=yesterday,
        description="Aftenmedicin ikke givet; opdaget ved morgenbesøget.",
    )
    previous = FunctionLevel.objects.filter(citizen=citizens[6]).order_by("-assessed_on").first()
    if previous is None:
        previous = FunctionLevel.objects.create(
            citizen=citizens[6],
            fsiii_code=next(iter(function_areas())),
            level=1,
            assessed_on=citizens[6].started_on,
            assessor_name=staff[0].full_name,
        )
    code, level = previous.fsiii_code, 3 if previous.level != 3 else 2
    FunctionLevel.objects.create(
        citizen=citizens[6],
        fsiii_code=code,
        level=level,
        assessed_on=today,
        assessor_name=staff[0].full_name,
    )


def _conversations(rng: random.Random, team: Team, citizens: list[Citizen], today: dt.date) -> None:
    """One overdue and one planned conversation, and six held ones with both scores near Hedensted's."""

    def make(
        citizen: Citizen, triggered: dt.date, reason: str = ConversationReason.NEW_CITIZEN
    ) -> StartupConversation:
        window = rules.conversation_window(triggered)
        return StartupConversation.objects.create(
            citizen=citizen,
            team=team,
            reason=reason,
            triggered_on=triggered,
            earliest_date=window.earliest,
            due_date=window.due,
            key_person=citizen.key_person,
        )

    make(citizens[6], today - dt.timedelta(days=10), ConversationReason.FUNCTION_LEVEL)
    planned = make(citizens[7], today - dt.timedelta(days=2), ConversationReason.FUNCTION_LEVEL)
    planned.status, planned.planned_start = (
        ConversationStatus.PLANNED,
        aware(today + dt.timedelta(days=1), dt.time(13)),
    )
    planned.save(update_fields=["status", "planned_start"])
    for k, citizen in enumerate(citizens[8:14]):
        held = today - dt.timedelta(days=10 + 9 * k)
        conversation = make(citizen, held - dt.timedelta(days=rng.randint(1, 8)))
        conversation.status, conversation.held_at = ConversationStatus.HELD, aware(held, dt.time(10))
        conversation.nursing_assessment = "Stabil; let nedsat gangfunktion."
        conversation.manages_alone = "Klarer selv morgenmad og påklædning af overkroppen."
        conversation.goals = "Kunne gå til postkassen med rollator."
        conversation.relatives_network = "Datter handler ind om lørdagen."
        conversation.who_does_what = (
            "Hjemmeplejen: bad to gange om ugen. Datter: indkøb. Terapeut: træning i tre uger."
        )
        conversation.save()
        for phase, index in ((ScorePhase.START, 0), (ScorePhase.FOLLOW_UP, 1)):
            values = [min(10, max(1, round(pair[index] + rng.uniform(-1.2, 1.2)))) for pair in HEDENSTED]
            ConversationScore.objects.create(
                conversation=conversation,
                phase=phase,
                recorded_on=held + dt.timedelta(days=42 * index),
                **dict(zip(("seen_heard", "coherent", "own_abilities", "overall"), values, strict=True)),
            )
        kind = GoalKind.DEVELOPING if k % 3 else GoalKind.MAINTAINING
        RehabGoal.objects.create(
            citizen=citizen,
            conversation=conversation,
            text=conversation.goals,
            kind=kind,
            set_on=held,
            target_date=held + dt.timedelta(days=42),
        )


def _wellbeing(
    rng: random.Random,
    citizens: list[Citizen],
    activities: list[LocalActivity],
    today: dt.date,
    by: User | None,
) -> None:
    """Quarterly plans for the first citizens living alone; some held conversations and referrals."""
    alone = [c for c in citizens if c.lives_alone][:6]
    for k, citizen in enumerate(alone):
        last = today - dt.timedelta(days=20 + 25 * k) if k < 4 else None
        WellbeingPlan.objects.create(
            citizen=citizen,
            interval_months=3,
            next_due=rules.next_wellbeing_due(last, 3, today),
            created_by=by,
        )
        if last is None:
            continue
        answers = [rng.randint(1, 3) for _ in range(3)]
        WellbeingConversation.objects.create(
            citizen=citizen,
            held_on=last,
            lacks_companionship=answers[0],
            left_out=answers[1],
            isolated=answers[2],
            loneliness_score=sum(answers),
            note="Talte om hverdagen og hvem der kommer på besøg.",
            held_by=by,
            held_by_name=_name(by),
        )
        if rules.screens_lonely(sum(answers)):
            Referral.objects.create(
                citizen=citizen, activity=activities[k % 2], referred_on=last, referred_by=by
            )
