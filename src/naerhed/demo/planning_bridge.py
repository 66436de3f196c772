# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Planning the demo's week: one planning run per team, published at once."""

from __future__ import annotations

import datetime as dt

from naerhed.accounts.models import User
from naerhed.organisation.models import Team
from naerhed.planning.models import PlanningRun
from naerhed.planning.services import plan_week

#: Seconds the engine gets per team, so that `make demo` serves within a couple of minutes.
DEMO_TIME_LIMIT = 10.0


def plan_teams(teams: list[Team], *, start: dt.date, by: User | None) -> list[str]:
    """Plan each team's week after the demo data is committed; one line per team saying what happened.

    ``plan_week`` manages its own transactions (a planning run is claimed and written in steps), so
    it is not wrapped in one here. A team whose planning fails is reported and skipped: the demo
    data stays useful without a plan.
    """
    lines: list[str] = []
    for team in teams:
        try:
            run = plan_week(team=team, start=start, by=by, time_limit=DEMO_TIME_LIMIT)
        except Exception as exc:
            lines.append(f"{team}: planning failed: {type(exc).__name__}: {exc}")
        else:
            lines.append(f"{team}: {describe(run)}")
    return lines


def describe(run: PlanningRun) -> str:
    if run.error:
        return f"{run.get_status_display()}: {run.error}"
    figures = run.figures or {}
    return (
        f"{run.get_status_display()}; unplanned visits {figures.get('unassigned', '?')}, "
        f"distinct carers per citizen {figures.get('distinct_carers_per_citizen', 0):.2f}, "
        f"travel {figures.get('travel_minutes', '?')} min"
    )
