# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's care quality data: every quality page of the home team has something to show, once."""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.demo.builder import build_demo, demo_teams
from naerhed.demo.quality import build_quality_demo
from naerhed.quality import queries
from naerhed.quality.models import LocalActivity, StartupConversation

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def test_the_demo_fills_the_board_conversations_and_wellbeing_pages_once() -> None:
    build_demo(today=TODAY)
    assert "loaded" in build_quality_demo(today=TODAY)
    home = demo_teams()[0]
    agenda = queries.board_agenda(home, TODAY)
    assert {"red", "yellow", "discharged", "adverse-event", "observation", "function-level"} <= {
        reason for item in agenda.items for reason in item.reasons
    }
    assert agenda.overdue_actions and agenda.rehab_board
    assert queries.overdue_conversations(home, TODAY).exists()
    assert queries.score_changes([home])
    assert any(row.last is not None for row in queries.wellbeing_rows(home))
    before = StartupConversation.objects.count()
    assert "already" in build_quality_demo(today=TODAY)
    assert StartupConversation.objects.count() == before and LocalActivity.objects.count() == 6
