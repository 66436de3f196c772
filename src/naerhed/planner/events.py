# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Things that happen to a published plan, and reading them from JSON.

``{"type": "absence", "carer": "e-1", "from": 3300, "to": 3900}`` or
``{"type": "absence", "carer": "e-1", "shift": 2}``; ``{"type": "late",
"carer": "e-1", "at": 420, "minutes": 30}``; ``{"type": "added", "visit":
{…a visit object…}}``; ``{"type": "cancelled", "visit": "v-1"}``;
``{"type": "moved", "visit": "v-1", "window": [480, 540]}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from naerhed.planner.model import After, Problem, Visit
from naerhed.planner.schema import FormatError


@dataclass(frozen=True)
class Absence:
    """The carer cannot work from ``start`` to ``end`` (a sick call, or ``late``: minutes from a time).

    An absence for a whole shift may name ``shift`` instead; :func:`resolve` turns
    it into the shift's times.
    """

    carer: str
    start: int = 0
    end: int = 0
    shift: int | None = None


@dataclass(frozen=True)
class VisitAdded:
    """A new visit to plan."""

    visit: Visit


@dataclass(frozen=True)
class VisitCancelled:
    """A visit that no longer takes place."""

    visit: str


@dataclass(frozen=True)
class VisitMoved:
    """A visit whose start window changed."""

    visit: str
    window: tuple[int, int]


Event = Absence | VisitAdded | VisitCancelled | VisitMoved


def _int(raw: Mapping[str, Any], key: str, path: str, errors: list[str]) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        errors.append(f"{path}.{key}: expected whole minutes, got {value!r}")
        return 0
    return value


def _carer(raw: Mapping[str, Any], path: str, problem: Problem | None, errors: list[str]) -> str:
    cid = raw.get("carer")
    if not isinstance(cid, str) or (problem is not None and cid not in problem.carer_by_id):
        errors.append(f"{path}.carer: unknown carer {cid!r}")
        return ""
    return cid


def _absence(raw: Mapping[str, Any], path: str, problem: Problem | None, errors: list[str]) -> Event | None:
    cid = _carer(raw, path, problem, errors)
    if "shift" in raw:
        k = _int(raw, "shift", path, errors)
        if cid and problem is not None and not 0 <= k < len(problem.carer_by_id[cid].shifts):
            errors.append(f"{path}.shift: carer {cid!r} has no shift {k}")
        return Absence(cid, shift=k)
    start, end = _int(raw, "from", path, errors), _int(raw, "to", path, errors)
    if end <= start:
        errors.append(f"{path}.to: {end} is not after from {start}")
    return Absence(cid, start, end)


def _late(raw: Mapping[str, Any], path: str, problem: Problem | None, errors: list[str]) -> Event | None:
    cid = _carer(raw, path, problem, errors)
    at, minutes = _int(raw, "at", path, errors), _int(raw, "minutes", path, errors)
    if minutes <= 0:
        errors.append(f"{path}.minutes: {minutes} must be positive")
    return Absence(cid, at, at + minutes)


def _visit_ref(raw: Mapping[str, Any], path: str, problem: Problem | None, errors: list[str]) -> str:
    vid = raw.get("visit")
    if not isinstance(vid, str) or (problem is not None and vid not in problem.visit_by_id):
        errors.append(f"{path}.visit: unknown visit {vid!r}")
        return ""
    return vid


def _added(raw: Mapping[str, Any], path: str, problem: Problem | None, errors: list[str]) -> Event | None:
    v = raw.get("visit")
    if not isinstance(v, Mapping):
        errors.append(f"{path}.visit: expected a visit object")
        return None
    try:
        after = v.get("after")
        visit = Visit(
            str(v["id"]),
            str(v["citizen"]),
            (int(v["window"][0]), int(v["window"][1])),
            int(v["duration"]),
            frozenset(v.get("competences", ())),
            int(v.get("carers", 1)),
            bool(v.get("remote", False)),
            int(v.get("priority", 1)),
            int(v.get("late_allowed", 0)),
            After(str(after["visit"]), int(after["min_gap"]), int(after["max_gap"])) if after else None,
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        errors.append(f"{path}.visit: {exc}")
        return None
    if problem is not None and visit.citizen not in problem.citizen_by_id:
        errors.append(f"{path}.visit.citizen: unknown citizen {visit.citizen!r}")
    if problem is not None and visit.id in problem.visit_by_id:
        errors.append(f"{path}.visit.id: {visit.id!r} already exists")
    return VisitAdded(visit)


def _moved(raw: Mapping[str, Any], path: str, problem: Problem | None, errors: list[str]) -> Event | None:
    vid, w = _visit_ref(raw, path, problem, errors), raw.get("window")
    if (
        not isinstance(w, list | tuple)
        or len(w) != 2
        or not all(isinstance(x, int) for x in w)
        or w[1] < w[0]
    ):
        errors.append(f"{path}.window: expected [earliest_start, latest_start], got {w!r}")
        return None
    return VisitMoved(vid, (int(w[0]), int(w[1])))


_READERS = {
    "absence": _absence,
    "late": _late,
    "added": _added,
    "cancelled": lambda raw, path, problem, errors: VisitCancelled(_visit_ref(raw, path, problem, errors)),
    "moved": _moved,
}


def load_events(data: Sequence[Mapping[str, Any]], problem: Problem | None = None) -> list[Event]:
    """Events from JSON-like data, with references checked against ``problem`` when given.

    Raises :class:`FormatError` listing every problem with its field, e.g.
    ``events[2].carer: unknown carer 'x'``.
    """
    errors: list[str] = []
    out: list[Event] = []
    for i, raw in enumerate(data):
        path = f"events[{i}]"
        reader = _READERS.get(raw.get("type", "")) if isinstance(raw, Mapping) else None
        if reader is None:
            kind = raw.get("type") if isinstance(raw, Mapping) else raw
            errors.append(f"{path}.type: {kind!r} is not one of {', '.join(sorted(_READERS))}")
            continue
        event = reader(raw, path, problem, errors)
        if event is not None:
            out.append(event)
    FormatError.raise_if_any(errors)
    return out


def resolve(problem: Problem, events: Sequence[Event]) -> list[Event]:
    """``events`` with every whole-shift absence turned into the shift's start and end."""
    out: list[Event] = []
    for e in events:
        if isinstance(e, Absence) and e.shift is not None:
            shift = problem.carer_by_id[e.carer].shifts[e.shift]
            e = Absence(e.carer, shift.start, shift.end)
        out.append(e)
    return out
