# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Planning the demo's week, when the planning app is installed."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable

from naerhed.accounts.models import User
from naerhed.organisation.models import Team

PLANNING_MODULE = "naerhed.planning.services"


def find_plan_week() -> Callable[..., object] | None:
    """``naerhed.planning.services.plan_week`` if that module exists, else None."""
    if (
        importlib.util.find_spec("naerhed.planning") is None
        or importlib.util.find_spec(PLANNING_MODULE) is None
    ):
        return None
    plan_week: Callable[..., object] | None = getattr(
        importlib.import_module(PLANNING_MODULE), "plan_week", None
    )
    return plan_week


def plan_teams(teams: list[Team], *, start: dt.date, by: User | None) -> list[str]:
    """Plan each team's week after the demo data is committed; one line per team saying what happened.

    ``plan_week`` manages its own transactions (a planning run is claimed and written in steps), so
    it is not wrapped in one here. A team whose planning fails is reported and skipped: the demo
    data stays useful without a plan.
    """
    plan_week = find_plan_week()
    if plan_week is None:
        return [f"{PLANNING_MODULE}.plan_week is not available; the week is not planned."]
    lines: list[str] = []
    for team in teams:
        try:
            result = plan_week(team=team, start=start, by=by)
        except Exception as exc:  # report it and go on with the other teams
            lines.append(f"{team}: planning failed: {type(exc).__name__}: {exc}")
        else:
            lines.append(f"{team}: {result}")
    return lines
