# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""JSON text for people and diffs, used for every document the planner writes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

_FLAT_WIDTH = 100


def dumps(document: Any) -> str:
    """JSON text for people and diffs: indented, but each list or object of plain values
    (a window, a matrix row, a location, a stop) on one line. Ends with a newline."""
    return _format(document, "") + "\n"


def _format(value: Any, indent: str) -> str:
    inner = indent + "  "
    flat = json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict) and _is_flat(list(value.values())) and len(flat) <= _FLAT_WIDTH:
        return flat
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_format(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value and not _is_flat(value):
        return "[\n" + ",\n".join(inner + _format(v, inner) for v in value) + "\n" + indent + "]"
    return flat


def _is_flat(values: Sequence[Any]) -> bool:
    return all(not isinstance(v, dict | list) for v in values)
