# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""docs/planning-format.md cannot go stale: its schemas and examples are checked against the code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from naerhed.planner.io import load_plan, load_problem
from naerhed.planner.schema import INSTANCE_SCHEMA, PLAN_SCHEMA, render_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "planning-format.md"


def json_block_after(heading: str) -> Any:
    """The first ```json block after the markdown ``heading`` line, parsed."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    match = re.compile(r"```json\n(.*?)\n```", re.DOTALL).search(text, start)
    assert match is not None, f"no JSON block after {heading!r}"
    return json.loads(match.group(1))


def test_the_instance_schema_in_the_doc_equals_the_python_schema() -> None:
    assert json_block_after("### Instance schema") == INSTANCE_SCHEMA


def test_the_plan_schema_in_the_doc_equals_the_python_schema() -> None:
    assert json_block_after("### Plan schema") == PLAN_SCHEMA


def test_the_doc_ends_with_the_rendered_schema_section() -> None:
    """If this fails, regenerate the end of the page with ``naerhed plan schema markdown``."""
    assert DOC.read_text(encoding="utf-8").endswith(render_markdown())


def test_the_doc_examples_are_valid_documents() -> None:
    instance = load_problem(json_block_after("## Instance"))
    plan = load_plan(json_block_after("## Plan"))
    assert plan.instance == instance.name
    assert plan.unassigned[0].reason == "no free carer has the competence compression"


def test_both_schemas_are_valid_draft_2020_12_schemas() -> None:
    for schema in (INSTANCE_SCHEMA, PLAN_SCHEMA):
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
