# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""JSON Schemas (draft 2020-12) of the ``naerhed-plan/1`` instance and plan.

The schemas say what the structure and the types are; :mod:`naerhed.planner.io`
adds the checks a schema cannot express (references, matrix sizes, windows).
:func:`schema_errors` turns schema violations into messages that name the
field (``visits[3].duration: expected integer, got string '20'``), and
:func:`render_markdown` renders both schemas for ``docs/planning-format.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from jsonschema import Draft202012Validator, ValidationError, validators

from naerhed.planner.jsontext import dumps

FORMAT: Final = "naerhed-plan/1"
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

_ID: Final[dict[str, Any]] = {"type": "string", "minLength": 1}
_MINUTE: Final[dict[str, Any]] = {"type": "integer", "minimum": 0}
_DURATION: Final[dict[str, Any]] = {"type": "integer", "minimum": 1}
_IDS: Final[dict[str, Any]] = {"type": "array", "items": {"$ref": "#/$defs/id"}, "uniqueItems": True}
_STRINGS: Final[dict[str, Any]] = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}


def _record(required: list[str], properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    """An object with exactly these properties (unknown keys are an error)."""
    out: dict[str, Any] = {"type": "object"}
    if description:
        out["description"] = description
    out.update({"required": required, "additionalProperties": False, "properties": properties})
    return out


def _list_of(ref: str) -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": f"#/$defs/{ref}"}}


def _matrix(cell: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "array", "items": {"type": cell, "minimum": 0}}}


_SHIFT: Final = _record(
    ["start", "end"],
    {
        "start": {"$ref": "#/$defs/minute"},
        "end": {"$ref": "#/$defs/minute"},
        "break": _record(
            ["earliest", "latest", "duration"],
            {
                "earliest": {"$ref": "#/$defs/minute"},
                "latest": {"$ref": "#/$defs/minute"},
                "duration": {"$ref": "#/$defs/duration"},
            },
        ),
    },
)

_VISIT: Final = _record(
    ["id", "citizen", "window", "duration", "competences", "carers", "remote", "priority"],
    {
        "id": {"$ref": "#/$defs/id"},
        "citizen": {"$ref": "#/$defs/id"},
        "window": {
            "type": "array",
            "prefixItems": [{"$ref": "#/$defs/minute"}, {"$ref": "#/$defs/minute"}],
            "minItems": 2,
            "maxItems": 2,
        },
        "duration": {"$ref": "#/$defs/duration"},
        "competences": _STRINGS,
        "carers": {"enum": [1, 2]},
        "remote": {"type": "boolean"},
        "priority": {"enum": [1, 2, 3]},
        "late_allowed": {"type": "integer", "minimum": 0},
        "after": _record(
            ["visit", "min_gap", "max_gap"],
            {
                "visit": {"$ref": "#/$defs/id"},
                "min_gap": {"type": "integer", "minimum": 0},
                "max_gap": {"type": "integer", "minimum": 0},
            },
        ),
    },
)

INSTANCE_SCHEMA: Final[dict[str, Any]] = {
    "$schema": DIALECT,
    "title": "naerhed-plan/1 instance",
    **_record(
        ["format", "name", "horizon", "locations", "travel", "teams", "carers", "citizens", "visits"],
        {
            "format": {"const": FORMAT},
            "name": {"$ref": "#/$defs/id"},
            "horizon": _record(
                ["start_date", "days"],
                {
                    "start_date": {"type": "string", "format": "date"},
                    "days": {"type": "integer", "minimum": 1},
                },
            ),
            "locations": _list_of("location"),
            "travel": {"type": "object", "additionalProperties": {"$ref": "#/$defs/travel_mode"}},
            "teams": _list_of("team"),
            "carers": _list_of("carer"),
            "citizens": _list_of("citizen"),
            "visits": _list_of("visit"),
            "meta": {"type": "object"},
        },
        "One home-care planning problem. Times are minutes from 00:00 on day 0 of the horizon.",
    ),
    "$defs": {
        "id": _ID,
        "minute": _MINUTE,
        "duration": _DURATION,
        "location": _record(
            ["id", "lat", "lon"],
            {
                "id": {"$ref": "#/$defs/id"},
                "lat": {"type": "number", "minimum": -90, "maximum": 90},
                "lon": {"type": "number", "minimum": -180, "maximum": 180},
            },
        ),
        "travel_mode": _record(["minutes", "km"], {"minutes": _matrix("integer"), "km": _matrix("number")}),
        "team": _record(["id", "name"], {"id": {"$ref": "#/$defs/id"}, "name": {"type": "string"}}),
        "carer": _record(
            [
                "id",
                "team",
                "profession",
                "competences",
                "transport",
                "start_location",
                "end_location",
                "shifts",
            ],
            {
                "id": {"$ref": "#/$defs/id"},
                "team": {"$ref": "#/$defs/id"},
                "profession": {"type": "string"},
                "competences": _STRINGS,
                "transport": {"type": "string"},
                "start_location": {"$ref": "#/$defs/id"},
                "end_location": {"$ref": "#/$defs/id"},
                "shifts": _list_of("shift"),
            },
        ),
        "shift": _SHIFT,
        "citizen": _record(
            ["id", "location", "team", "preferred_carers", "blocked_carers"],
            {
                "id": {"$ref": "#/$defs/id"},
                "location": {"$ref": "#/$defs/id"},
                "team": {"$ref": "#/$defs/id"},
                "preferred_carers": _IDS,
                "blocked_carers": _IDS,
            },
        ),
        "visit": _VISIT,
    },
}

PLAN_SCHEMA: Final[dict[str, Any]] = {
    "$schema": DIALECT,
    "title": "naerhed-plan/1 plan",
    **_record(
        ["format", "instance", "routes", "unassigned"],
        {
            "format": {"const": FORMAT},
            "instance": {"$ref": "#/$defs/id"},
            "routes": _list_of("route"),
            "unassigned": _IDS,
            "meta": {
                "type": "object",
                "properties": {
                    "unassigned_reasons": {"type": "object", "additionalProperties": {"type": "string"}}
                },
            },
        },
        "One answer to an instance: a route per carer shift with work, and the visits left out.",
    ),
    "$defs": {
        "id": _ID,
        "minute": _MINUTE,
        "route": _record(
            ["carer", "shift", "stops"],
            {
                "carer": {"$ref": "#/$defs/id"},
                "shift": {"type": "integer", "minimum": 0},
                "stops": {
                    "type": "array",
                    "items": {
                        "if": {"type": "object", "required": ["break"]},
                        "then": {"$ref": "#/$defs/break_stop"},
                        "else": {"$ref": "#/$defs/visit_stop"},
                    },
                },
            },
        ),
        "visit_stop": _record(
            ["visit", "start"], {"visit": {"$ref": "#/$defs/id"}, "start": {"$ref": "#/$defs/minute"}}
        ),
        "break_stop": _record(
            ["break", "start", "duration"],
            {
                "break": {"const": True},
                "start": {"$ref": "#/$defs/minute"},
                "duration": {"type": "integer", "minimum": 1},
            },
        ),
    },
}

Draft202012Validator.check_schema(INSTANCE_SCHEMA)
Draft202012Validator.check_schema(PLAN_SCHEMA)
# JSON Schema counts 3.0 as an integer; minutes are counted in whole numbers, so we don't.
_Validator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, x: isinstance(x, int) and not isinstance(x, bool)
    ),
)
_JSON_TYPES: Final = {
    dict: "object",
    list: "array",
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
}


class FormatError(ValueError):
    """A document that breaks ``naerhed-plan/1``; ``errors`` holds one ``field.path: message`` line each."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))

    @classmethod
    def raise_if_any(cls, errors: Sequence[str]) -> None:
        """Raise with ``errors`` if there are any."""
        if errors:
            raise cls(errors)


def schema_errors(document: Any, schema: Mapping[str, Any]) -> list[str]:
    """Every way ``document`` breaks ``schema``, as ``field.path: message`` lines in document order."""
    validator = _Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: [_sort_key(p) for p in e.absolute_path])
    messages: dict[str, None] = {}
    for error in errors:
        messages.update(dict.fromkeys(_messages(error)))
    return list(messages)


def field_path(parts: Iterable[str | int]) -> str:
    """``["visits", 17, "window"]`` → ``visits[17].window``; the empty path is ``document``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "document"


def _sort_key(part: str | int) -> tuple[int, str]:
    return (part, "") if isinstance(part, int) else (0, part)


def _messages(error: ValidationError) -> list[str]:
    parts = list(error.absolute_path)
    path = field_path(parts)
    value: Any = error.instance
    expected: Any = error.validator_value
    schema: Any = error.schema
    kind = error.validator
    if kind == "required":
        return [f"{field_path([*parts, k])}: required field is missing" for k in expected if k not in value]
    if kind == "additionalProperties":
        what = "unknown top-level key" if not parts else "unknown field"
        known = schema.get("properties", {})
        return [f"{field_path([*parts, k])}: {what}" for k in value if k not in known]
    return [f"{path}: {_describe(str(kind), value, expected, error.message)}"]


def _describe(kind: str, value: Any, expected: Any, fallback: str) -> str:
    if kind == "type":
        return f"expected {expected}, got {_JSON_TYPES.get(type(value), 'null')} {_short(value)}"
    if kind == "const":
        return f"expected {json.dumps(expected)}, got {_short(value)}"
    if kind == "enum":
        return f"{_short(value)} is not one of {', '.join(json.dumps(x) for x in expected)}"
    if kind == "minimum":
        return f"{value} is below the minimum {expected}"
    if kind == "maximum":
        return f"{value} is above the maximum {expected}"
    if kind == "minLength":
        return "must not be empty"
    if kind in ("minItems", "maxItems") and isinstance(value, list):
        return f"has {len(value)} entries, expected 2" if expected == 2 else fallback
    if kind == "uniqueItems":
        return "has duplicate entries"
    if kind == "format":
        return f"{_short(value)} is not a date (YYYY-MM-DD)"
    return fallback


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def render_markdown() -> str:
    """Both schemas as a markdown section, exactly as ``docs/planning-format.md`` ends."""
    return "\n".join(
        [
            "## JSON Schema",
            "",
            "Both schemas are generated from `naerhed.planner.schema`, and `naerhed plan schema",
            "markdown` prints this section; a test keeps this page equal to the code.",
            "",
            "### Instance schema",
            "",
            "```json",
            dumps(INSTANCE_SCHEMA).rstrip(),
            "```",
            "",
            "### Plan schema",
            "",
            "```json",
            dumps(PLAN_SCHEMA).rstrip(),
            "```",
            "",
        ]
    )
