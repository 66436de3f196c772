# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Who sees and who moves the cards of which team's board; scope from :mod:`naerhed.accounts.access`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from naerhed.accounts.access import can_move_board_cards, can_view_board, teams_visible_to
from naerhed.accounts.models import User
from naerhed.organisation.models import Team


def get_board_team(user: User, team_id: int) -> Team:
    """The team, if the user may look at its board; PermissionDenied otherwise (also for unknown ids)."""
    team = teams_visible_to(user).filter(pk=team_id).first() if can_view_board(user) else None
    if team is None:
        raise PermissionDenied("board outside your scope")
    return team


def check_may_move(user: User) -> None:
    if not can_move_board_cards(user):
        raise PermissionDenied("your role looks at the board but does not move cards")
