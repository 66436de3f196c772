# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A plan: one route per carer shift with work, and the visits left unassigned."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class VisitStop:
    """The carer starts ``visit`` at minute ``start``."""

    visit: str
    start: int


@dataclass(frozen=True)
class BreakStop:
    """The shift's break, taken wherever the carer is."""

    start: int
    duration: int


Stop = VisitStop | BreakStop


@dataclass(frozen=True)
class Route:
    """The ordered stops of one carer in one shift (``shift`` indexes ``carer.shifts``)."""

    carer: str
    shift: int
    stops: tuple[Stop, ...]

    @property
    def visit_stops(self) -> tuple[VisitStop, ...]:
        return tuple(s for s in self.stops if isinstance(s, VisitStop))


@dataclass(frozen=True)
class Unassigned:
    """A visit the plan does not cover, and why in plain words."""

    visit: str
    reason: str = ""


@dataclass(frozen=True)
class Plan:
    instance: str
    routes: tuple[Route, ...]
    unassigned: tuple[Unassigned, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    def starts(self) -> dict[str, list[tuple[str, int]]]:
        """For each planned visit, the (carer, start) of each copy."""
        out: dict[str, list[tuple[str, int]]] = {}
        for route in self.routes:
            for stop in route.visit_stops:
                out.setdefault(stop.visit, []).append((route.carer, stop.start))
        return out
