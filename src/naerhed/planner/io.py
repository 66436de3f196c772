# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Read and write ``naerhed-plan/1`` instances and plans.

Loading checks a document in two passes: first the JSON Schema (structure and
types), then what a schema cannot say (unique ids, references, matrix sizes,
windows, breaks). Every problem found is collected and raised together as one
:class:`FormatError` whose lines name the field, e.g.
``visits[17].window: end 430 is before start 480``.

Dumping writes the canonical form: optional fields (``late_allowed`` when 0,
``after``, ``break``, an empty instance ``meta``) are left out, competences and
blocked carers are sorted. The format's plan lists unassigned visits by id;
their reasons travel in ``meta.unassigned_reasons`` as ``{visit_id: reason}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from naerhed.planner._instance_io import dump_problem, load_problem
from naerhed.planner.jsontext import dumps
from naerhed.planner.model import Problem
from naerhed.planner.plan import BreakStop, Plan, Route, Stop, Unassigned, VisitStop
from naerhed.planner.schema import FORMAT, PLAN_SCHEMA, FormatError, schema_errors

__all__ = [
    "FORMAT",
    "FormatError",
    "dump_plan",
    "dump_problem",
    "dumps",
    "load_plan",
    "load_problem",
    "read_json",
    "read_plan",
    "read_problem",
    "write_plan",
    "write_problem",
]

REASONS = "unassigned_reasons"


def load_plan(data: Any, problem: Problem | None = None) -> Plan:
    """Build a :class:`Plan` from a parsed ``naerhed-plan/1`` plan document.

    With ``problem``, also check that the plan names that instance and that every
    carer, shift index and visit it mentions exists there. Timing and the other
    planning rules are not checked here; that is :func:`naerhed.planner.check.check`.
    Raises :class:`FormatError` listing every problem found.
    """
    FormatError.raise_if_any(schema_errors(data, PLAN_SCHEMA))
    meta = dict(data.get("meta", {}))
    reasons: dict[str, str] = meta.pop(REASONS, {})
    unassigned_ids: list[str] = data["unassigned"]
    errors = [
        f"meta.{REASONS}.{vid}: {vid!r} is not in unassigned" for vid in reasons if vid not in unassigned_ids
    ]
    if problem is not None:
        errors += _reference_errors(data, problem)
    FormatError.raise_if_any(errors)
    routes = tuple(
        Route(carer=r["carer"], shift=r["shift"], stops=tuple(_load_stop(s) for s in r["stops"]))
        for r in data["routes"]
    )
    unassigned = tuple(Unassigned(vid, reasons.get(vid, "")) for vid in unassigned_ids)
    return Plan(instance=data["instance"], routes=routes, unassigned=unassigned, meta=meta)


def _load_stop(raw: dict[str, Any]) -> Stop:
    if "break" in raw:
        return BreakStop(start=raw["start"], duration=raw["duration"])
    return VisitStop(visit=raw["visit"], start=raw["start"])


def _reference_errors(data: dict[str, Any], problem: Problem) -> list[str]:
    errors = []
    if data["instance"] != problem.name:
        errors.append(f"instance: the plan is for {data['instance']!r}, not for {problem.name!r}")
    for i, raw in enumerate(data["routes"]):
        carer = problem.carer_by_id.get(raw["carer"])
        if carer is None:
            errors.append(f"routes[{i}].carer: {raw['carer']!r} is not a carer of the instance")
        elif raw["shift"] >= len(carer.shifts):
            errors.append(
                f"routes[{i}].shift: carer {carer.id!r} has no shift {raw['shift']} "
                f"(it has {len(carer.shifts)})"
            )
        for j, stop in enumerate(raw["stops"]):
            if "visit" in stop and stop["visit"] not in problem.visit_by_id:
                errors.append(
                    f"routes[{i}].stops[{j}].visit: {stop['visit']!r} is not a visit of the instance"
                )
    for k, vid in enumerate(data["unassigned"]):
        if vid not in problem.visit_by_id:
            errors.append(f"unassigned[{k}]: {vid!r} is not a visit of the instance")
    return errors


def dump_plan(plan: Plan) -> dict[str, Any]:
    """The ``naerhed-plan/1`` plan document of ``plan`` (reasons go to ``meta.unassigned_reasons``)."""
    meta = {k: v for k, v in plan.meta.items() if k != REASONS}
    reasons = {u.visit: u.reason for u in plan.unassigned if u.reason}
    if reasons:
        meta[REASONS] = reasons
    return {
        "format": FORMAT,
        "instance": plan.instance,
        "routes": [
            {"carer": r.carer, "shift": r.shift, "stops": [_dump_stop(s) for s in r.stops]}
            for r in plan.routes
        ],
        "unassigned": [u.visit for u in plan.unassigned],
        "meta": meta,
    }


def _dump_stop(stop: Stop) -> dict[str, Any]:
    if isinstance(stop, BreakStop):
        return {"break": True, "start": stop.start, "duration": stop.duration}
    return {"visit": stop.visit, "start": stop.start}


def read_json(path: str | Path) -> Any:
    """Parse the JSON file at ``path``.

    Raises ``OSError`` (e.g. ``FileNotFoundError``) if it cannot be read and
    :class:`FormatError` with the line and column if it is not JSON.
    """
    text = Path(path).read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError([f"line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"]) from exc


def read_problem(path: str | Path) -> Problem:
    """Read an instance file; see :func:`load_problem` and :func:`read_json` for the errors."""
    return load_problem(read_json(path))


def read_plan(path: str | Path, problem: Problem | None = None) -> Plan:
    """Read a plan file; see :func:`load_plan` and :func:`read_json` for the errors."""
    return load_plan(read_json(path), problem)


def write_problem(path: str | Path, problem: Problem) -> None:
    """Write ``problem`` as a ``naerhed-plan/1`` instance file (UTF-8, see :func:`dumps`)."""
    Path(path).write_text(dumps(dump_problem(problem)), encoding="utf-8")


def write_plan(path: str | Path, plan: Plan) -> None:
    """Write ``plan`` as a ``naerhed-plan/1`` plan file (UTF-8, see :func:`dumps`)."""
    Path(path).write_text(dumps(dump_plan(plan)), encoding="utf-8")
