# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The rules of care quality as pure functions: when a start-up conversation is due, TOBS points and the
advice that follows, what a triage colour asks of the team, loneliness screening and wellbeing dates.

No database and no clock here: callers pass the day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from naerhed.lib.dates import COPENHAGEN

#: A start-up conversation is held 1–7 days after the first visit or the change of function level.
CONVERSATION_EARLIEST_DAYS = 1
CONVERSATION_DUE_DAYS = 7
#: A planned conversation's visit may start this many minutes either side of the agreed time.
CONVERSATION_TOLERANCE_MINUTES = 10
#: A citizen counts as new when the help started at most this many days before the first planned visit.
NEW_CITIZEN_DAYS = 14


@dataclass(frozen=True)
class ConversationWindow:
    earliest: dt.date
    due: dt.date


def conversation_window(triggered_on: dt.date) -> ConversationWindow:
    """The days within which the start-up conversation should be held."""
    return ConversationWindow(
        earliest=triggered_on + dt.timedelta(days=CONVERSATION_EARLIEST_DAYS),
        due=triggered_on + dt.timedelta(days=CONVERSATION_DUE_DAYS),
    )


def is_new_citizen(started_on: dt.date, first_visit_on: dt.date) -> bool:
    """Whether a citizen whose first visit is on ``first_visit_on`` is new to home care then."""
    return first_visit_on - dt.timedelta(days=NEW_CITIZEN_DAYS) <= started_on <= first_visit_on


# --- TOBS ------------------------------------------------------------------------------------------------
# The published municipal TOBS table (Tidlig Opsporing af Begyndende Sygdom), each value scored 0–3.


def pulse_points(pulse: int) -> int:
    if pulse >= 130:
        return 3
    if pulse >= 110:
        return 2
    if pulse >= 90:
        return 1
    if pulse >= 50:
        return 0
    if pulse >= 40:
        return 1
    return 2


def temperature_points(temperature: Decimal) -> int:
    """Temperature in °C to one decimal (measured rectally, or corrected: oral +0.5, armpit +1)."""
    if temperature >= Decimal("40.0"):
        return 3
    if temperature >= Decimal("39.0"):
        return 2
    if temperature >= Decimal("38.0"):
        return 1
    if temperature >= Decimal("36.0"):
        return 0
    if temperature >= Decimal("34.0"):
        return 2
    return 3


def systolic_bp_points(systolic: int) -> int:
    if systolic >= 200:
        return 2
    if systolic >= 100:
        return 0
    if systolic >= 80:
        return 1
    if systolic >= 70:
        return 2
    return 3


def respiration_points(respiration: int) -> int:
    if respiration >= 25:
        return 3
    if respiration >= 21:
        return 2
    if respiration >= 12:
        return 0
    if respiration >= 9:
        return 1
    return 3


CONSCIOUSNESS_POINTS = {"habitual": 0, "agitated": 1, "voice": 1, "pain": 2, "none": 3}


class TobsAdvice(StrEnum):
    """The action algorithm's response for the total score."""

    REPEAT_BY_JUDGEMENT = "repeat"  # 0
    LOOK_FOR_CAUSES = "causes"  # 1
    CALL_NURSE = "nurse"  # 2
    CALL_DOCTOR = "doctor"  # 3–4, or any single value scored 3
    EMERGENCY = "emergency"  # 5 or more


@dataclass(frozen=True)
class TobsScore:
    pulse: int
    temperature: int
    systolic_bp: int
    respiration: int
    consciousness: int

    @property
    def total(self) -> int:
        return self.pulse + self.temperature + self.systolic_bp + self.respiration + self.consciousness

    @property
    def advice(self) -> TobsAdvice:
        total = self.total
        if total >= 5:
            return TobsAdvice.EMERGENCY
        highest = max(self.pulse, self.temperature, self.systolic_bp, self.respiration, self.consciousness)
        if total >= 3 or highest == 3:
            return TobsAdvice.CALL_DOCTOR
        return [TobsAdvice.REPEAT_BY_JUDGEMENT, TobsAdvice.LOOK_FOR_CAUSES, TobsAdvice.CALL_NURSE][total]


def tobs_score(
    *, pulse: int, temperature: Decimal, systolic_bp: int, respiration: int, consciousness: str
) -> TobsScore:
    """Score the five measured values; ``consciousness`` is one of CONSCIOUSNESS_POINTS' keys."""
    if consciousness not in CONSCIOUSNESS_POINTS:
        raise ValueError(f"unknown level of consciousness: {consciousness!r}")
    return TobsScore(
        pulse=pulse_points(pulse),
        temperature=temperature_points(temperature),
        systolic_bp=systolic_bp_points(systolic_bp),
        respiration=respiration_points(respiration),
        consciousness=CONSCIOUSNESS_POINTS[consciousness],
    )


# --- Triage ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TriageFollowUp:
    act_by: dt.datetime | None  # None: nothing to do beyond the usual
    review_daily: bool


def triage_follow_up(colour: str, set_at: dt.datetime) -> TriageFollowUp:
    """What a colour asks: green is habitual; yellow needs action within 48 hours and daily follow-up;
    red is serious: act the same (Copenhagen) day and follow up daily."""
    if colour == "yellow":
        return TriageFollowUp(act_by=set_at + dt.timedelta(hours=48), review_daily=True)
    if colour == "red":
        end_of_day = set_at.astimezone(COPENHAGEN).replace(hour=23, minute=59, second=0, microsecond=0)
        return TriageFollowUp(act_by=end_of_day, review_daily=True)
    if colour == "green":
        return TriageFollowUp(act_by=None, review_daily=False)
    raise ValueError(f"unknown triage colour: {colour!r}")


# --- Wellbeing -------------------------------------------------------------------------------------------

#: The three-item UCLA loneliness scale: a total of 6 or more (of 3–9) screens as lonely.
LONELY_FROM = 6


def loneliness_score(*answers: int) -> int:
    if len(answers) != 3 or any(a not in (1, 2, 3) for a in answers):
        raise ValueError("the loneliness screening takes three answers of 1, 2 or 3")
    return sum(answers)


def screens_lonely(score: int) -> bool:
    return score >= LONELY_FROM


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_wellbeing_due(last_held: dt.date | None, interval_months: int, today: dt.date) -> dt.date:
    """The next wellbeing conversation: an interval after the last, or within a week if none was held."""
    if interval_months not in (3, 6):
        raise ValueError("wellbeing conversations are quarterly (3) or half-yearly (6)")
    if last_held is None:
        return today + dt.timedelta(days=7)
    return add_months(last_held, interval_months)
