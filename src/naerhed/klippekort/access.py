# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Who may correct a klippekort: the citizen's own team (as for the profile) and needs assessors."""

from __future__ import annotations

from naerhed.accounts.access import can_edit_profile, can_write_grants
from naerhed.accounts.models import User
from naerhed.citizens.models import Citizen


def can_correct(user: User, citizen: Citizen) -> bool:
    return can_edit_profile(user, citizen) or can_write_grants(user)
