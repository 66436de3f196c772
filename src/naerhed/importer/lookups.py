# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Finding the records an import row names (teams by name, staff by number), loaded once per file."""

from __future__ import annotations

from naerhed.accounts.models import User
from naerhed.importer.core import Row
from naerhed.organisation.models import Team
from naerhed.workforce.models import StaffMember


class TeamsByName:
    """The teams of the importing user's municipality (all teams if the user has none), by name."""

    def __init__(self, by: User | None) -> None:
        teams = Team.objects.select_related("district")
        if by is not None and by.municipality_id is not None:
            teams = teams.filter(district__municipality_id=by.municipality_id)
        self._teams: dict[str, list[Team]] = {}
        for team in teams:
            self._teams.setdefault(team.name.strip().lower(), []).append(team)

    def find(self, row: Row, column: str) -> Team | None:
        name = row.text(column)
        if not name:
            return None
        found = self._teams.get(name.lower(), [])
        if len(found) == 1:
            return found[0]
        if found:
            districts = ", ".join(t.district.name for t in found)
            row.error(column, f"several teams are named {name!r} (in {districts})")
        else:
            row.error(column, f"no team named {name!r}")
        return None


class StaffByNumber:
    def __init__(self) -> None:
        self._staff = {s.employee_number: s for s in StaffMember.objects.all()}

    def find(self, row: Row, column: str, *, required: bool) -> StaffMember | None:
        number = row.text(column, required=required)
        if not number:
            return None
        member = self._staff.get(number)
        if member is None:
            row.error(column, f"no staff member with employee number {number!r}")
        return member
