# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The test day itself passes every rule, so that a refusal in the other tests is the move's fault."""

from __future__ import annotations

from naerhed.planner.check import check
from naerhed.planning.plan_store import current_plan
from naerhed.planning.problem_builder import build_problem
from tests.board.day import DAY, BoardDay


def test_the_test_day_breaks_no_rule(day: BoardDay) -> None:
    built = build_problem(team=day.team, start=DAY, days=1)
    plan = current_plan(built)
    assert check(built.problem, plan) == []
    assert {u.visit for u in plan.unassigned} == {f"v-{day.tray.pk}", f"v-{day.long.pk}"}
