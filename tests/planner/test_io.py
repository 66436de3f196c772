# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Reading and writing naerhed-plan/1 documents, and the field-naming errors for bad ones."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from naerhed.planner.io import (
    FormatError,
    dump_plan,
    dump_problem,
    dumps,
    load_plan,
    load_problem,
    read_json,
    read_plan,
    read_problem,
    write_plan,
    write_problem,
)
from naerhed.planner.model import After, Break, Problem
from naerhed.planner.plan import BreakStop, Plan, Unassigned, VisitStop
from tests.planner.builders import (
    at,
    carer,
    citizen,
    example_instance,
    example_plan,
    pause,
    problem,
    route,
    shift,
    visit,
)

Doc = dict[str, Any]


def two_carers_four_visits() -> Problem:
    """2 carers (one by bike, one with a break and two shifts), 2 citizens, 4 visits using
    every optional field: a two-carer visit, a remote one, late_allowed and after."""
    return problem(
        carers=[
            carer(
                "e-1",
                competences={"medication", "eye-drops"},
                shifts=[shift(420, 900, (660, 720, 30)), shift(1860, 2340)],
            ),
            carer("e-2", team="t2", transport="bike"),
        ],
        citizens=[
            citizen("c-1", "c1", preferred=["e-1", "e-2"]),
            citizen("c-2", "c3", team="t2", blocked=["e-1"]),
        ],
        visits=[
            visit("v1", "c-1", (450, 540), 25, competences={"medication", "eye-drops"}, late_allowed=60),
            visit("v2", "c-1", (455, 560), 5, competences={"eye-drops"}, after=("v1", 5, 15)),
            visit("v3", "c-2", (500, 560), 20, carers=2, priority=2),
            visit("v4", "c-2", (1900, 1960), 15, remote=True, priority=3),
        ],
    )


def test_the_format_example_loads_into_the_model() -> None:
    loaded = load_problem(example_instance())
    assert loaded.name == "aabenraa-syd-week-47"
    assert loaded.horizon.start_date == dt.date(2026, 11, 16)
    assert loaded.travel["bike"].minutes == ((0, 13), (13, 0))
    assert loaded.carers[0].shifts[0].break_ == Break(660, 750, 30)
    assert loaded.carers[0].competences == {"medication", "compression", "eye-drops"}
    assert loaded.visits[0].window == (450, 540)
    assert (loaded.visits[0].late_allowed, loaded.visits[0].after) == (0, None)


def test_an_instance_survives_a_round_trip_through_its_document() -> None:
    original = two_carers_four_visits()
    again = load_problem(json.loads(dumps(dump_problem(original))))
    assert again == original
    assert again.visits[1].after == After("v1", 5, 15)
    assert dump_problem(again) == dump_problem(original)


def test_a_dumped_instance_leaves_out_optional_fields_at_their_defaults() -> None:
    doc = dump_problem(two_carers_four_visits())
    assert "meta" not in doc
    assert "break" not in doc["carers"][0]["shifts"][1]
    assert "late_allowed" not in doc["visits"][1] and "after" not in doc["visits"][0]


def test_instance_meta_is_kept_free_form() -> None:
    doc = example_instance() | {"meta": {"source": "hand-made", "nested": {"x": [1]}}}
    assert dump_problem(load_problem(doc))["meta"] == {"source": "hand-made", "nested": {"x": [1]}}


def test_a_plan_survives_a_round_trip_with_its_unassigned_reasons() -> None:
    original = Plan(
        "tiny",
        (route("e-1", at("v1", 452), pause(700, 30)),),
        (Unassigned("v3", "no carer with lifting is free"), Unassigned("v4")),
        {"solver": "test"},
    )
    doc = dump_plan(original)
    assert doc["unassigned"] == ["v3", "v4"]
    assert doc["meta"] == {"solver": "test", "unassigned_reasons": {"v3": "no carer with lifting is free"}}
    assert load_plan(json.loads(dumps(doc))) == original


def test_the_format_example_plan_loads_with_its_break_stop() -> None:
    loaded = load_plan(example_plan(), load_problem(example_instance()))
    assert loaded.routes[0].stops == (VisitStop("v-000123", 452), BreakStop(700, 30))
    assert loaded.meta == {"solver": "naerhed 0.1", "seconds": 12.4}


def test_files_are_written_and_read_back(tmp_path: Path) -> None:
    original = two_carers_four_visits()
    write_problem(tmp_path / "instance.json", original)
    write_plan(tmp_path / "plan.json", Plan("tiny", (), (Unassigned("v1"),)))
    assert read_problem(tmp_path / "instance.json") == original
    assert read_plan(tmp_path / "plan.json", original).unassigned == (Unassigned("v1"),)


def test_written_json_keeps_each_matrix_row_on_one_line() -> None:
    text = dumps(dump_problem(two_carers_four_visits()))
    assert "\n        [0, 10, 20, 30, 40],\n" in text
    assert '{"visit": "v1", "min_gap": 5, "max_gap": 15}' in text


def test_reading_text_that_is_not_json_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{\n  "format": "naerhed-plan/1",\n  "name": \n}\n')
    with pytest.raises(FormatError, match=r"line 4, column 1: invalid JSON: Expecting value"):
        read_json(tmp_path / "bad.json")


def set_in(path: str, value: Any) -> Callable[[Doc], None]:
    """A change to a document: set the field at ``path`` (``visits.0.window``) to ``value``."""

    def change(doc: Doc) -> None:
        *parents, last = (int(p) if p.isdigit() else p for p in path.split("."))
        target: Any = doc
        for part in parents:
            target = target[part]
        target[last] = value

    return change


def delete(path: str) -> Callable[[Doc], None]:
    """A change to a document: remove the field at ``path``."""

    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return change


def add_second_visit(doc: Doc) -> None:
    doc["visits"].append(dict(doc["visits"][0]))


BAD_INSTANCES: list[tuple[str, Callable[[Doc], None], str]] = [
    ("unknown top-level key", set_in("colour", "blue"), "colour: unknown top-level key"),
    (
        "unknown nested field",
        set_in("carers.0.shifts.0.colour", 1),
        "carers[0].shifts[0].colour: unknown field",
    ),
    (
        "other format",
        set_in("format", "naerhed-plan/2"),
        "format: expected \"naerhed-plan/1\", got 'naerhed-plan/2'",
    ),
    ("missing field", delete("visits.0.duration"), "visits[0].duration: required field is missing"),
    (
        "string for integer",
        set_in("visits.0.duration", "25"),
        "visits[0].duration: expected integer, got string '25'",
    ),
    (
        "float minutes",
        set_in("visits.0.window", [450.0, 540]),
        "visits[0].window[0]: expected integer, got number 450.0",
    ),
    ("boolean for integer", set_in("horizon.days", True), "horizon.days: expected integer, got boolean true"),
    (
        "window end before start",
        set_in("visits.0.window", [480, 430]),
        "visits[0].window: end 430 is before start 480",
    ),
    ("window of three", set_in("visits.0.window", [1, 2, 3]), "visits[0].window: has 3 entries, expected 2"),
    ("three carers", set_in("visits.0.carers", 3), "visits[0].carers: 3 is not one of 1, 2"),
    (
        "negative minute",
        set_in("carers.0.shifts.0.start", -5),
        "carers[0].shifts[0].start: -5 is below the minimum 0",
    ),
    ("latitude", set_in("locations.0.lat", 91), "locations[0].lat: 91 is above the maximum 90"),
    ("empty id", set_in("teams.0.id", ""), "teams[0].id: must not be empty"),
    (
        "bad date",
        set_in("horizon.start_date", "2026-13-01"),
        "horizon.start_date: '2026-13-01' is not a date (YYYY-MM-DD)",
    ),
    (
        "duplicate competence",
        set_in("visits.0.competences", ["a", "a"]),
        "visits[0].competences: has duplicate entries",
    ),
    ("duplicate id", add_second_visit, "visits[1].id: 'v-000123' is not unique (also visits[0])"),
    (
        "unknown transport",
        set_in("carers.0.transport", "boat"),
        "carers[0].transport: 'boat' is not a key of travel",
    ),
    ("unknown team", set_in("carers.0.team", "x"), "carers[0].team: 'x' is not a team id"),
    (
        "unknown location",
        set_in("carers.0.end_location", "home"),
        "carers[0].end_location: 'home' is not a location id",
    ),
    ("unknown citizen", set_in("visits.0.citizen", "c-9"), "visits[0].citizen: 'c-9' is not a citizen id"),
    (
        "unknown carer",
        set_in("citizens.0.blocked_carers", ["e-9"]),
        "citizens[0].blocked_carers[0]: 'e-9' is not a carer id",
    ),
    (
        "preferred and blocked",
        set_in("citizens.0.blocked_carers", ["e-017"]),
        "citizens[0].blocked_carers: ['e-017'] are also preferred carers",
    ),
    (
        "matrix rows",
        set_in("travel.car.minutes", [[0, 6], [6, 0], [1, 1]]),
        "travel.car.minutes: has length 3, expected 2, one row per location",
    ),
    (
        "matrix row",
        set_in("travel.bike.km.1", [2.9]),
        "travel.bike.km[1]: has length 1, expected 2, one per location",
    ),
    (
        "shift end",
        set_in("carers.0.shifts.0.end", 400),
        "carers[0].shifts[0]: end 400 is not after start 420",
    ),
    (
        "shift order",
        lambda d: d["carers"][0]["shifts"].append({"start": 800, "end": 1000}),
        "carers[0].shifts[1]: starts at 800, before shifts[0] ends at 900",
    ),
    (
        "break order",
        set_in("carers.0.shifts.0.break.latest", 600),
        "carers[0].shifts[0].break: latest 600 is before earliest 660",
    ),
    (
        "break fit",
        set_in("carers.0.shifts.0.break.latest", 880),
        "carers[0].shifts[0].break: [660, 880] + 30 minutes does not fit inside the shift [420, 900]",
    ),
    (
        "after unknown",
        set_in("visits.0.after", {"visit": "v-9", "min_gap": 0, "max_gap": 5}),
        "visits[0].after.visit: 'v-9' is not a visit id",
    ),
    (
        "after itself",
        set_in("visits.0.after", {"visit": "v-000123", "min_gap": 0, "max_gap": 5}),
        "visits[0].after.visit: a visit cannot come after itself",
    ),
    (
        "after gaps",
        set_in("visits.0.after", {"visit": "v-000123", "min_gap": 10, "max_gap": 5}),
        "visits[0].after: max_gap 5 is below min_gap 10",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"), [c[1:] for c in BAD_INSTANCES], ids=[c[0] for c in BAD_INSTANCES]
)
def test_a_bad_instance_is_rejected_with_a_message_naming_the_field(
    change: Callable[[Doc], None], message: str
) -> None:
    doc = example_instance()
    change(doc)
    with pytest.raises(FormatError) as caught:
        load_problem(doc)
    assert message in caught.value.errors


def test_every_error_in_an_instance_is_reported_not_just_the_first() -> None:
    doc = example_instance()
    for change in (
        set_in("visits.0.window", [480, 430]),
        set_in("carers.0.transport", "boat"),
        set_in("travel.car.km.0", [0.0]),
    ):
        change(doc)
    with pytest.raises(FormatError) as caught:
        load_problem(doc)
    assert caught.value.errors == [
        "travel.car.km[0]: has length 1, expected 2, one per location",
        "carers[0].transport: 'boat' is not a key of travel",
        "visits[0].window: end 430 is before start 480",
    ]
    assert str(caught.value) == "\n".join(caught.value.errors)


def test_a_format_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="document: expected object, got array"):
        load_problem([])


BAD_PLANS: list[tuple[str, Callable[[Doc], None], str]] = [
    ("unknown top-level key", set_in("score", 3), "score: unknown top-level key"),
    ("missing unassigned", delete("unassigned"), "unassigned: required field is missing"),
    (
        "break stop without duration",
        delete("routes.0.stops.1.duration"),
        "routes[0].stops[1].duration: required field is missing",
    ),
    (
        "break that is false",
        set_in("routes.0.stops.1.break", False),
        "routes[0].stops[1].break: expected true, got false",
    ),
    (
        "visit stop with a duration",
        set_in("routes.0.stops.0.duration", 5),
        "routes[0].stops[0].duration: unknown field",
    ),
    (
        "unknown carer",
        set_in("routes.0.carer", "e-999"),
        "routes[0].carer: 'e-999' is not a carer of the instance",
    ),
    ("shift index", set_in("routes.0.shift", 1), "routes[0].shift: carer 'e-017' has no shift 1 (it has 1)"),
    (
        "unknown visit",
        set_in("routes.0.stops.0.visit", "v-9"),
        "routes[0].stops[0].visit: 'v-9' is not a visit of the instance",
    ),
    (
        "unknown unassigned",
        set_in("unassigned", ["v-9"]),
        "unassigned[0]: 'v-9' is not a visit of the instance",
    ),
    (
        "other instance",
        set_in("instance", "x"),
        "instance: the plan is for 'x', not for 'aabenraa-syd-week-47'",
    ),
    (
        "reason for a planned visit",
        set_in("meta.unassigned_reasons", {"v-000123": "x"}),
        "meta.unassigned_reasons.v-000123: 'v-000123' is not in unassigned",
    ),
    (
        "reason not text",
        set_in("meta.unassigned_reasons", {"v-000123": 1}),
        "meta.unassigned_reasons.v-000123: expected string, got integer 1",
    ),
]


@pytest.mark.parametrize(("change", "message"), [c[1:] for c in BAD_PLANS], ids=[c[0] for c in BAD_PLANS])
def test_a_bad_plan_is_rejected_with_a_message_naming_the_field(
    change: Callable[[Doc], None], message: str
) -> None:
    doc = example_plan()
    change(doc)
    with pytest.raises(FormatError) as caught:
        load_plan(doc, load_problem(example_instance()))
    assert message in caught.value.errors


def test_a_plan_read_without_its_instance_is_not_checked_for_references() -> None:
    doc = example_plan()
    doc["routes"][0]["carer"] = "e-999"
    assert load_plan(doc).routes[0].carer == "e-999"


@pytest.mark.skipif(importlib.util.find_spec("naerhed.planner.generate") is None, reason="no generator yet")
@pytest.mark.parametrize("family", ["rural", "urban"])
def test_a_generated_instance_survives_a_round_trip_through_its_document(family: str) -> None:
    from naerhed.planner.generate import generate

    original = generate(family, 8, seed=2)
    assert load_problem(json.loads(dumps(dump_problem(original)))) == original
