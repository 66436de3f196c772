# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The figures read from naerhed.quality, on the fixed week plus a few conversations and goals:

  C1 Inger, due Sun 22 Nov, held Fri 20 Nov            → in time; scores start 5/6/5/6, follow-up 8/8/9/9
  C2 Svend, due Wed 18 Nov, held Thu 19 Nov            → late;   scores start 4/4/4/4, follow-up 6/7/8/8
  C3 Svend, due Sat 21 Nov, not held                   → not held
  C4 Inger, due Thu 19 Nov, cancelled                  → not counted
  C5 Inger, due Mon 23 Nov (next week), held in time   → not in this week
Rehab goals: Inger a developing goal open all week; Svend a maintaining goal closed on 10 November
(before the week), so of team A's two citizens with help one has a goal and it is developing."""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.lib.dates import aware
from naerhed.management.figures import quality
from naerhed.management.figures.base import FigureContext, Row
from naerhed.management.figures.registry import registered_figures
from naerhed.management.period import PeriodKind, period_containing
from naerhed.management.scope import scope_for
from naerhed.quality.models import (
    ConversationReason,
    ConversationScore,
    ConversationStatus,
    GoalKind,
    RehabGoal,
    ScorePhase,
    StartupConversation,
)
from tests.management.dataset import MONDAY, Week
from tests.personas import World

pytestmark = pytest.mark.usefixtures("english")


def conversation(
    week: Week, citizen: str, due: int, *, held: int | None = None, status: str = ConversationStatus.DUE
) -> StartupConversation:
    who = week.inger if citizen == "inger" else week.svend
    due_date = MONDAY + dt.timedelta(days=due)
    return StartupConversation.objects.create(
        citizen=who,
        team=who.team,
        reason=ConversationReason.NEW_CITIZEN,
        triggered_on=due_date - dt.timedelta(days=7),
        earliest_date=due_date - dt.timedelta(days=6),
        due_date=due_date,
        status=ConversationStatus.HELD if held is not None else status,
        held_at=aware(MONDAY + dt.timedelta(days=held), dt.time(10, 0)) if held is not None else None,
    )


def scores(c: StartupConversation, phase: str, values: tuple[int, int, int, int], day: int) -> None:
    ConversationScore.objects.create(
        conversation=c,
        phase=phase,
        seen_heard=values[0],
        coherent=values[1],
        own_abilities=values[2],
        overall=values[3],
        recorded_on=MONDAY + dt.timedelta(days=day),
    )


@pytest.fixture
def context(world: World, week: Week) -> FigureContext:
    c1 = conversation(week, "inger", 6, held=4)
    c2 = conversation(week, "svend", 2, held=3)
    conversation(week, "svend", 5)
    conversation(week, "inger", 3, status=ConversationStatus.CANCELLED)
    conversation(week, "inger", 7, held=7)
    scores(c1, ScorePhase.START, (5, 6, 5, 6), -30)
    scores(c1, ScorePhase.FOLLOW_UP, (8, 8, 9, 9), 4)
    scores(c2, ScorePhase.START, (4, 4, 4, 4), -40)
    scores(c2, ScorePhase.FOLLOW_UP, (6, 7, 8, 8), 3)
    RehabGoal.objects.create(
        citizen=week.inger, text="Gå til købmanden", kind=GoalKind.DEVELOPING, set_on=dt.date(2026, 11, 1)
    )
    RehabGoal.objects.create(
        citizen=week.svend,
        text="Tage strømper på",
        kind=GoalKind.MAINTAINING,
        set_on=dt.date(2026, 10, 1),
        closed_on=dt.date(2026, 11, 10),
    )
    scope = scope_for(world.user("teamleader"), None)
    return FigureContext(scope=scope, period=period_containing(PeriodKind.WEEK, MONDAY))


def test_the_registry_lists_the_quality_figures_while_the_app_is_installed() -> None:
    keys = [f.key for f in registered_figures()]
    assert {"startup_conversations", "conversation_scores", "rehab_goals"} <= set(keys)


def test_conversations_due_in_the_week_are_held_in_time_late_or_not_at_all(context: FigureContext) -> None:
    result = quality.startup_conversations(context)
    assert result.total == Row("Total", (3.0, 1.0, 1.0, 33.3))


def test_scores_compare_the_same_citizens_at_start_and_follow_up(context: FigureContext) -> None:
    result = quality.conversation_scores(context)
    assert [r.values[:3] for r in result.rows] == [
        (4.5, 7.0, 2.5),
        (5.0, 7.5, 2.5),
        (4.5, 8.5, 4.0),
        (5.0, 8.5, 3.5),
    ]
    assert result.headlines[0].value == 2.0


def test_citizens_with_rehab_goals_are_counted_among_those_with_help(
    context: FigureContext, world: World
) -> None:
    result = quality.citizens_with_rehab_goals(context)
    assert result.total == Row("Total", (2.0, 1.0, 50.0, 50.0))
