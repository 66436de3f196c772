# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The pure rules: when a start-up conversation is due, TOBS points by the published table and the advice
that follows, what a triage colour asks, the loneliness screening and wellbeing dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from naerhed.lib.dates import aware
from naerhed.quality import rules
from naerhed.quality.rules import TobsAdvice


def test_a_conversation_triggered_on_a_monday_is_due_from_tuesday_to_the_next_monday() -> None:
    window = rules.conversation_window(dt.date(2026, 11, 16))
    assert window == rules.ConversationWindow(earliest=dt.date(2026, 11, 17), due=dt.date(2026, 11, 23))


@pytest.mark.parametrize(
    ("started_on", "new"),
    [
        (dt.date(2026, 11, 16), True),
        (dt.date(2026, 11, 2), True),
        (dt.date(2026, 11, 1), False),
        (dt.date(2026, 11, 17), False),
    ],
)
def test_a_citizen_is_new_when_help_started_at_most_two_weeks_before_the_first_visit(
    started_on: dt.date, new: bool
) -> None:
    assert rules.is_new_citizen(started_on, dt.date(2026, 11, 16)) is new


@pytest.mark.parametrize(
    ("pulse", "points"),
    [
        (30, 2),
        (39, 2),
        (40, 1),
        (49, 1),
        (50, 0),
        (89, 0),
        (90, 1),
        (109, 1),
        (110, 2),
        (129, 2),
        (130, 3),
        (180, 3),
    ],
)
def test_pulse_points_follow_the_tobs_table(pulse: int, points: int) -> None:
    assert rules.pulse_points(pulse) == points


@pytest.mark.parametrize(
    ("temperature", "points"),
    [
        ("33.9", 3),
        ("34.0", 2),
        ("35.9", 2),
        ("36.0", 0),
        ("37.9", 0),
        ("38.0", 1),
        ("38.9", 1),
        ("39.0", 2),
        ("39.9", 2),
        ("40.0", 3),
    ],
)
def test_temperature_points_follow_the_tobs_table(temperature: str, points: int) -> None:
    assert rules.temperature_points(Decimal(temperature)) == points


@pytest.mark.parametrize(
    ("systolic", "points"),
    [(60, 3), (69, 3), (70, 2), (79, 2), (80, 1), (99, 1), (100, 0), (199, 0), (200, 2), (230, 2)],
)
def test_systolic_blood_pressure_points_follow_the_tobs_table(systolic: int, points: int) -> None:
    assert rules.systolic_bp_points(systolic) == points


@pytest.mark.parametrize(
    ("respiration", "points"),
    [(6, 3), (8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2), (25, 3), (32, 3)],
)
def test_respiration_points_follow_the_tobs_table(respiration: int, points: int) -> None:
    assert rules.respiration_points(respiration) == points


def _score(**kw: object) -> rules.TobsScore:
    values: dict[str, object] = {
        "pulse": 72,
        "temperature": Decimal("37.0"),
        "systolic_bp": 130,
        "respiration": 16,
        "consciousness": "habitual",
    }
    values.update(kw)
    return rules.tobs_score(**values)  # type: ignore[arg-type]


def test_habitual_values_score_zero_and_advise_repeating_by_judgement() -> None:
    score = _score()
    assert (score.total, score.advice) == (0, TobsAdvice.REPEAT_BY_JUDGEMENT)


def test_a_slight_fever_scores_one_and_advises_looking_for_causes() -> None:
    assert (_score(temperature=Decimal("38.4")).total, _score(temperature=Decimal("38.4")).advice) == (
        1,
        TobsAdvice.LOOK_FOR_CAUSES,
    )


def test_fever_and_a_fast_pulse_score_two_and_call_the_nurse() -> None:
    score = _score(temperature=Decimal("38.4"), pulse=95)
    assert (score.total, score.advice) == (2, TobsAdvice.CALL_NURSE)


def test_one_value_scored_three_calls_the_doctor_even_when_the_total_is_three() -> None:
    score = _score(respiration=26)
    assert (score.respiration, score.total, score.advice) == (3, 3, TobsAdvice.CALL_DOCTOR)


def test_a_total_of_four_calls_the_doctor() -> None:
    score = _score(temperature=Decimal("39.2"), pulse=115)
    assert (score.total, score.advice) == (4, TobsAdvice.CALL_DOCTOR)


def test_a_total_of_five_or_more_is_an_emergency() -> None:
    score = _score(temperature=Decimal("39.2"), pulse=115, consciousness="voice")
    assert (score.consciousness, score.total, score.advice) == (1, 5, TobsAdvice.EMERGENCY)


def test_an_unknown_level_of_consciousness_is_refused() -> None:
    with pytest.raises(ValueError, match="consciousness"):
        _score(consciousness="sleepy")


def test_yellow_asks_for_action_within_48_hours_and_daily_follow_up() -> None:
    set_at = aware(dt.date(2026, 11, 23), dt.time(9, 15))
    assert rules.triage_follow_up("yellow", set_at) == rules.TriageFollowUp(
        act_by=aware(dt.date(2026, 11, 25), dt.time(9, 15)), review_daily=True
    )


def test_red_asks_for_action_the_same_day() -> None:
    set_at = aware(dt.date(2026, 11, 23), dt.time(9, 15))
    follow_up = rules.triage_follow_up("red", set_at)
    assert follow_up.act_by == aware(dt.date(2026, 11, 23), dt.time(23, 59)) and follow_up.review_daily


def test_red_set_late_in_the_evening_is_due_by_the_end_of_the_copenhagen_day_not_the_utc_day() -> None:
    set_at = dt.datetime(
        2026, 11, 23, 22, 30, tzinfo=dt.UTC
    )  # 23:30 in Copenhagen, as the database returns it
    assert rules.triage_follow_up("red", set_at).act_by == aware(dt.date(2026, 11, 23), dt.time(23, 59))


def test_green_is_habitual_and_asks_nothing_more() -> None:
    assert rules.triage_follow_up("green", aware(dt.date(2026, 11, 23), dt.time(9))) == rules.TriageFollowUp(
        None, False
    )


@pytest.mark.parametrize(
    ("answers", "score", "lonely"),
    [((1, 1, 1), 3, False), ((2, 2, 1), 5, False), ((2, 2, 2), 6, True), ((3, 3, 3), 9, True)],
)
def test_the_three_item_loneliness_scale_screens_six_or_more_as_lonely(
    answers: tuple[int, int, int], score: int, lonely: bool
) -> None:
    assert rules.loneliness_score(*answers) == score
    assert rules.screens_lonely(score) is lonely


def test_a_loneliness_answer_outside_one_to_three_is_refused() -> None:
    with pytest.raises(ValueError):
        rules.loneliness_score(1, 4, 1)


def test_quarterly_wellbeing_follows_three_months_after_the_last_and_keeps_to_short_months() -> None:
    today = dt.date(2026, 11, 23)
    assert rules.next_wellbeing_due(dt.date(2026, 11, 30), 3, today) == dt.date(2027, 2, 28)
    assert rules.next_wellbeing_due(dt.date(2026, 8, 10), 6, today) == dt.date(2027, 2, 10)
    assert rules.next_wellbeing_due(None, 3, today) == dt.date(2026, 11, 30)
