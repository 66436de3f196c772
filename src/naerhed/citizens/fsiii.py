# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The Fælles Sprog III function areas (KL's 'Kommunale pleje- og omsorgstilstande')."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("fsiii_function_areas.json")


@dataclass(frozen=True)
class FunctionArea:
    code: str
    name: str
    group: str
    definition: str


@cache
def function_areas() -> dict[str, FunctionArea]:
    """Every function area by its FSIII code, in the catalogue's order."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return {
        area["code"]: FunctionArea(area["code"], area["name"], group["name"], area["definition"])
        for group in data["groups"]
        for area in group["areas"]
    }


def is_function_area(code: str) -> bool:
    return code in function_areas()


def area_name(code: str) -> str:
    area = function_areas().get(code)
    return area.name if area else code


def area_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form's select."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for area in function_areas().values():
        groups.setdefault(area.group, []).append((area.code, area.name))
    return list(groups.items())
