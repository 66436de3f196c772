# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Instance documents in and out; the public names live in :mod:`naerhed.planner.io`.

The checks after the schema run on a document whose structure and types are
already right, so they can index freely. They repeat a few of the model's own
checks on purpose: the model says ``visit v-1: window end 430 is before start
480``, a document reader must say ``visits[17].window: end 430 is before start
480``. Anything the model still rejects is reported with the object's path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from naerhed.planner.model import (
    After,
    Break,
    Carer,
    Citizen,
    Horizon,
    Location,
    Problem,
    Shift,
    Team,
    TravelMatrix,
    Visit,
)
from naerhed.planner.schema import FORMAT, INSTANCE_SCHEMA, FormatError, schema_errors

T = TypeVar("T")
_LISTS = ("locations", "teams", "carers", "citizens", "visits")


@dataclass(frozen=True)
class _Ids:
    """The ids a document defines, for reference checks."""

    locations: frozenset[str]
    teams: frozenset[str]
    carers: frozenset[str]
    citizens: frozenset[str]
    visits: frozenset[str]
    modes: frozenset[str]


def _ids(data: dict[str, Any]) -> _Ids:
    def of(key: str) -> frozenset[str]:
        return frozenset(x["id"] for x in data[key])

    return _Ids(
        of("locations"), of("teams"), of("carers"), of("citizens"), of("visits"), frozenset(data["travel"])
    )


def load_problem(data: Any) -> Problem:
    """Build a :class:`Problem` from a parsed ``naerhed-plan/1`` instance document.

    Raises :class:`FormatError` listing every problem found, each naming its field.
    """
    FormatError.raise_if_any(schema_errors(data, INSTANCE_SCHEMA))
    errors: list[str] = []
    parts = _parts(data, errors)
    FormatError.raise_if_any(errors)
    problem = _build(errors, "document", Problem, data["name"], *parts, dict(data.get("meta", {})))
    FormatError.raise_if_any(errors)
    assert problem is not None
    return problem


def _parts(data: dict[str, Any], errors: list[str]) -> tuple[Any, ...]:
    """Horizon, locations, travel, teams, carers, citizens and visits, each checked on the way."""
    for key in _LISTS:
        _check_unique(data[key], key, errors)
    ids, n = _ids(data), len(data["locations"])
    start_date, days = data["horizon"]["start_date"], data["horizon"]["days"]
    return (
        _build(errors, "horizon", Horizon, dt.date.fromisoformat(start_date), days),
        tuple(
            _build(errors, f"locations[{i}]", Location, x["id"], float(x["lat"]), float(x["lon"]))
            for i, x in enumerate(data["locations"])
        ),
        {mode: _travel(raw, f"travel.{mode}", n, errors) for mode, raw in data["travel"].items()},
        tuple(_build(errors, f"teams[{i}]", Team, x["id"], x["name"]) for i, x in enumerate(data["teams"])),
        tuple(_carer(x, f"carers[{i}]", ids, errors) for i, x in enumerate(data["carers"])),
        tuple(_citizen(x, f"citizens[{i}]", ids, errors) for i, x in enumerate(data["citizens"])),
        tuple(_visit(x, f"visits[{i}]", ids, errors) for i, x in enumerate(data["visits"])),
    )


def _build(errors: list[str], path: str, factory: Callable[..., T], *args: Any) -> T | None:
    """``factory(*args)``, or None with the model's complaint recorded under ``path``."""
    try:
        return factory(*args)
    except ValueError as exc:
        errors.append(f"{path}: {exc}")
        return None


def _check_unique(items: list[dict[str, Any]], key: str, errors: list[str]) -> None:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if item["id"] in first:
            errors.append(f"{key}[{i}].id: {item['id']!r} is not unique (also {key}[{first[item['id']]}])")
        first.setdefault(item["id"], i)


def _ref(value: str, known: frozenset[str], what: str, path: str, errors: list[str]) -> None:
    if value not in known:
        errors.append(f"{path}: {value!r} is not {what}")


def _travel(raw: dict[str, Any], path: str, n: int, errors: list[str]) -> TravelMatrix | None:
    before = len(errors)
    for key in ("minutes", "km"):
        rows = raw[key]
        if len(rows) != n:
            errors.append(f"{path}.{key}: has length {len(rows)}, expected {n}, one row per location")
        errors.extend(
            f"{path}.{key}[{i}]: has length {len(row)}, expected {n}, one per location"
            for i, row in enumerate(rows)
            if len(row) != n
        )
    if len(errors) > before:
        return None
    matrix = (
        tuple(tuple(row) for row in raw["minutes"]),
        tuple(tuple(float(x) for x in row) for row in raw["km"]),
    )
    return _build(errors, path, TravelMatrix, *matrix)


def _carer(raw: dict[str, Any], path: str, ids: _Ids, errors: list[str]) -> Carer | None:
    before = len(errors)
    _ref(raw["team"], ids.teams, "a team id", f"{path}.team", errors)
    _ref(raw["transport"], ids.modes, "a key of travel", f"{path}.transport", errors)
    _ref(raw["start_location"], ids.locations, "a location id", f"{path}.start_location", errors)
    _ref(raw["end_location"], ids.locations, "a location id", f"{path}.end_location", errors)
    shifts = [_shift(s, f"{path}.shifts[{k}]", errors) for k, s in enumerate(raw["shifts"])]
    for k in range(1, len(raw["shifts"])):
        start, previous_end = raw["shifts"][k]["start"], raw["shifts"][k - 1]["end"]
        if start < previous_end:
            errors.append(
                f"{path}.shifts[{k}]: starts at {start}, before shifts[{k - 1}] ends at {previous_end}"
            )
    if len(errors) > before:
        return None
    return _build(
        errors,
        path,
        Carer,
        raw["id"],
        raw["team"],
        raw["profession"],
        frozenset(raw["competences"]),
        raw["transport"],
        raw["start_location"],
        raw["end_location"],
        tuple(s for s in shifts if s is not None),
    )


def _shift(raw: dict[str, Any], path: str, errors: list[str]) -> Shift | None:
    start, end, brk = raw["start"], raw["end"], raw.get("break")
    if end <= start:
        errors.append(f"{path}: end {end} is not after start {start}")
        return None
    if brk is None:
        return _build(errors, path, Shift, start, end)
    earliest, latest, duration = brk["earliest"], brk["latest"], brk["duration"]
    if latest < earliest:
        errors.append(f"{path}.break: latest {latest} is before earliest {earliest}")
        return None
    if earliest < start or latest + duration > end:
        errors.append(
            f"{path}.break: [{earliest}, {latest}] + {duration} minutes does not fit "
            f"inside the shift [{start}, {end}]"
        )
        return None
    return _build(errors, path, Shift, start, end, Break(earliest, latest, duration))


def _citizen(raw: dict[str, Any], path: str, ids: _Ids, errors: list[str]) -> Citizen | None:
    _ref(raw["location"], ids.locations, "a location id", f"{path}.location", errors)
    _ref(raw["team"], ids.teams, "a team id", f"{path}.team", errors)
    for key in ("preferred_carers", "blocked_carers"):
        for k, cid in enumerate(raw[key]):
            _ref(cid, ids.carers, "a carer id", f"{path}.{key}[{k}]", errors)
    both = sorted(set(raw["preferred_carers"]) & set(raw["blocked_carers"]))
    if both:
        errors.append(f"{path}.blocked_carers: {both} are also preferred carers")
        return None
    return _build(
        errors,
        path,
        Citizen,
        raw["id"],
        raw["location"],
        raw["team"],
        tuple(raw["preferred_carers"]),
        frozenset(raw["blocked_carers"]),
    )


def _visit(raw: dict[str, Any], path: str, ids: _Ids, errors: list[str]) -> Visit | None:
    _ref(raw["citizen"], ids.citizens, "a citizen id", f"{path}.citizen", errors)
    start, end = raw["window"]
    if end < start:
        errors.append(f"{path}.window: end {end} is before start {start}")
        return None
    after = _after(raw["after"], raw["id"], f"{path}.after", ids, errors) if "after" in raw else None
    return _build(
        errors,
        path,
        Visit,
        raw["id"],
        raw["citizen"],
        (start, end),
        raw["duration"],
        frozenset(raw["competences"]),
        raw["carers"],
        raw["remote"],
        raw["priority"],
        raw.get("late_allowed", 0),
        after,
    )


def _after(raw: dict[str, Any], visit_id: str, path: str, ids: _Ids, errors: list[str]) -> After | None:
    _ref(raw["visit"], ids.visits, "a visit id", f"{path}.visit", errors)
    if raw["visit"] == visit_id:
        errors.append(f"{path}.visit: a visit cannot come after itself")
    if raw["max_gap"] < raw["min_gap"]:
        errors.append(f"{path}: max_gap {raw['max_gap']} is below min_gap {raw['min_gap']}")
        return None
    return _build(errors, path, After, raw["visit"], raw["min_gap"], raw["max_gap"])


def dump_problem(problem: Problem) -> dict[str, Any]:
    """The ``naerhed-plan/1`` instance document of ``problem``, in canonical form."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "name": problem.name,
        "horizon": {"start_date": problem.horizon.start_date.isoformat(), "days": problem.horizon.days},
        "locations": [{"id": x.id, "lat": x.lat, "lon": x.lon} for x in problem.locations],
        "travel": {
            mode: {"minutes": [list(r) for r in m.minutes], "km": [list(r) for r in m.km]}
            for mode, m in problem.travel.items()
        },
        "teams": [{"id": t.id, "name": t.name} for t in problem.teams],
        "carers": [_dump_carer(c) for c in problem.carers],
        "citizens": [_dump_citizen(z) for z in problem.citizens],
        "visits": [_dump_visit(v) for v in problem.visits],
    }
    if problem.meta:
        doc["meta"] = dict(problem.meta)
    return doc


def _dump_carer(c: Carer) -> dict[str, Any]:
    return {
        "id": c.id,
        "team": c.team,
        "profession": c.profession,
        "competences": sorted(c.competences),
        "transport": c.transport,
        "start_location": c.start_location,
        "end_location": c.end_location,
        "shifts": [_dump_shift(s) for s in c.shifts],
    }


def _dump_shift(s: Shift) -> dict[str, Any]:
    out: dict[str, Any] = {"start": s.start, "end": s.end}
    if s.break_ is not None:
        out["break"] = {
            "earliest": s.break_.earliest,
            "latest": s.break_.latest,
            "duration": s.break_.duration,
        }
    return out


def _dump_citizen(z: Citizen) -> dict[str, Any]:
    return {
        "id": z.id,
        "location": z.location,
        "team": z.team,
        "preferred_carers": list(z.preferred_carers),
        "blocked_carers": sorted(z.blocked_carers),
    }


def _dump_visit(v: Visit) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": v.id,
        "citizen": v.citizen,
        "window": list(v.window),
        "duration": v.duration,
        "competences": sorted(v.competences),
        "carers": v.carers,
        "remote": v.remote,
        "priority": v.priority,
    }
    if v.late_allowed:
        out["late_allowed"] = v.late_allowed
    if v.after is not None:
        out["after"] = {"visit": v.after.visit, "min_gap": v.after.min_gap, "max_gap": v.after.max_gap}
    return out
