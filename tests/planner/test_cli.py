# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``naerhed plan``: exit codes, output, and one clear line per error."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from naerhed.planner.cli import main
from naerhed.planner.io import FormatError, load_plan, read_plan, read_problem
from naerhed.planner.model import Problem
from naerhed.planner.params import Progress, SolveParams
from naerhed.planner.plan import Plan
from naerhed.planner.schema import INSTANCE_SCHEMA
from tests.planner.builders import example_instance, example_plan

Output = tuple[int, str, str]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Any:
    """Run ``naerhed plan ARGS`` and return (exit code, stdout, stderr)."""

    def run(*args: str | Path) -> Output:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def instance(tmp_path: Path) -> Path:
    """The format's example instance: 1 carer, 1 citizen, 1 visit."""
    return write(tmp_path / "instance.json", example_instance())


@pytest.fixture
def good_plan(tmp_path: Path) -> Path:
    """A feasible plan for the example instance: the visit at 452, the break at 700."""
    return write(tmp_path / "plan.json", example_plan())


def test_validate_prints_ok_and_a_summary(run: Any, instance: Path) -> None:
    code, out, _ = run("validate", instance)
    assert code == 0
    assert out.startswith("OK ")
    assert "1 carers, 1 citizens, 1 visits, 1 shifts" in out


def test_validate_of_a_missing_file_says_so_with_exit_code_2(run: Any, tmp_path: Path) -> None:
    code, out, err = run("validate", tmp_path / "nowhere.json")
    assert (code, out) == (2, "")
    assert err == f"error: {tmp_path / 'nowhere.json'}: no such file\n"


def test_validate_of_invalid_json_names_line_and_column(run: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "naerhed-plan/1",\n "name": "x",,\n}')
    code, _, err = run("validate", bad)
    assert code == 2
    assert err.startswith(f"error: {bad}: line 2, column 14: invalid JSON: Expecting property name")


def test_validate_rejects_an_unknown_top_level_key(run: Any, tmp_path: Path) -> None:
    path = write(tmp_path / "i.json", example_instance() | {"colour": "blue"})
    code, _, err = run("validate", path)
    assert (code, err) == (2, f"error: {path}: colour: unknown top-level key\n")


def test_validate_names_the_window_whose_end_is_before_its_start(run: Any, tmp_path: Path) -> None:
    doc = example_instance()
    doc["visits"][0]["window"] = [480, 430]
    code, _, err = run("validate", write(tmp_path / "i.json", doc))
    assert code == 2
    assert "visits[0].window: end 430 is before start 480" in err


def test_validate_prints_each_error_on_its_own_line(run: Any, tmp_path: Path) -> None:
    doc = example_instance()
    doc["travel"]["car"]["minutes"] = [[0, 6, 1], [6, 0, 1]]
    doc["carers"][0]["transport"] = "boat"
    path = write(tmp_path / "i.json", doc)
    code, _, err = run("validate", path)
    assert code == 2
    assert err.splitlines() == [
        f"error: {path}: travel.car.minutes[0]: has length 3, expected 2, one per location",
        f"error: {path}: travel.car.minutes[1]: has length 3, expected 2, one per location",
        f"error: {path}: carers[0].transport: 'boat' is not a key of travel",
    ]


def test_check_of_a_feasible_plan_exits_0_and_prints_the_figures(
    run: Any, instance: Path, good_plan: Path
) -> None:
    code, out, _ = run("check", instance, good_plan)
    assert code == 0
    assert out.splitlines()[0] == "feasible"
    assert "travel_minutes               12" in out


def test_check_of_a_plan_breaking_a_rule_exits_1_and_names_the_rule(
    run: Any, instance: Path, tmp_path: Path
) -> None:
    doc = example_plan()
    doc["routes"][0]["stops"][1]["start"] = 760
    code, out, _ = run("check", instance, write(tmp_path / "late-break.json", doc))
    assert code == 1
    assert out.splitlines()[:2] == [
        "break_window: carer e-017 shift 0 starts the break at 760, outside [660, 750]",
        "infeasible: 1 violation(s)",
    ]


def test_check_json_prints_one_object(run: Any, instance: Path, good_plan: Path) -> None:
    code, out, _ = run("check", instance, good_plan, "--json")
    result = json.loads(out)
    assert (code, result["feasible"], result["violations"]) == (0, True, [])
    assert result["figures"]["travel_minutes"] == 12


def test_check_rejects_a_plan_naming_an_unknown_carer_as_a_bad_file(
    run: Any, instance: Path, tmp_path: Path
) -> None:
    doc = example_plan()
    doc["routes"][0]["carer"] = "e-999"
    path = write(tmp_path / "p.json", doc)
    code, _, err = run("check", instance, path)
    assert (code, err) == (2, f"error: {path}: routes[0].carer: 'e-999' is not a carer of the instance\n")


def test_a_command_line_without_a_command_exits_2(run: Any) -> None:
    code, _, err = run()
    assert code == 2
    assert "usage: naerhed plan" in err


def test_a_command_whose_engine_module_is_missing_says_so(
    run: Any, instance: Path, good_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "naerhed.planner.slots", None)  # makes the import fail
    code, _, err = run("slots", instance, good_plan, good_plan)
    assert (code, err) == (2, "error: this build has no naerhed.planner.slots, which the command needs\n")


def test_a_time_limit_that_is_not_positive_is_a_usage_error(run: Any, instance: Path, tmp_path: Path) -> None:
    code, _, err = run("solve", instance, "--time-limit", "0", "--out", tmp_path / "p.json")
    assert code == 2
    assert "argument --time-limit: 0 is not a positive number of seconds" in err


def test_schema_prints_the_instance_schema_as_json(run: Any) -> None:
    code, out, _ = run("schema", "instance")
    assert (code, json.loads(out)) == (0, INSTANCE_SCHEMA)


def fake_module(monkeypatch: pytest.MonkeyPatch, name: str, **functions: Any) -> None:
    """Stand in for another engine module, so these tests check only the command's side of its
    contract (and stay fast and independent of the solver's state)."""
    module = types.ModuleType(f"naerhed.planner.{name}")
    for attr, value in functions.items():
        setattr(module, attr, value)
    monkeypatch.setitem(sys.modules, module.__name__, module)


@dataclass(frozen=True)
class Item:
    """Something a command prints: a replan change or a slot option."""

    visit: str
    start: int


def test_solve_passes_limit_and_seed_reports_progress_and_writes_the_plan(
    run: Any, instance: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[float, int]] = []

    def solve(problem: Problem, params: SolveParams, *, seed: int, on_progress: Any) -> Plan:
        calls.append((params.time_limit, seed))
        on_progress(
            Progress(elapsed=0.5, objective=1234.0, unassigned=0, distinct_carers=1.0, travel_minutes=12)
        )
        return load_plan(example_plan())

    fake_module(monkeypatch, "solve", solve=solve)
    code, out, _ = run("solve", instance, "--time-limit", "7.5", "--seed", "3", "--out", tmp_path / "p.json")
    assert (code, calls) == (0, [(7.5, 3)])
    assert out.splitlines()[:3] == [
        "    0.5s  objective 1,234  unassigned 0  carers/citizen 1.00  travel 12 min",
        f"wrote {tmp_path / 'p.json'}",
        "feasible",
    ]
    assert read_plan(tmp_path / "p.json") == load_plan(example_plan())


def test_replan_prints_the_changes_and_writes_the_new_plan(
    run: Any, instance: Path, good_plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def replan(problem: Problem, plan: Plan, events: Any, params: SolveParams) -> Any:
        assert (events, params.time_limit) == ({"sick": ["e-017"]}, 10.0)
        return types.SimpleNamespace(problem=problem, plan=plan, changes=[Item("v-000123", 452)])

    fake_module(monkeypatch, "replan", load_events=lambda data, problem: data, replan=replan)
    events = write(tmp_path / "events.json", {"sick": ["e-017"]})
    code, out, _ = run("replan", instance, good_plan, events, "--out", tmp_path / "new.json")
    assert code == 0
    assert out.splitlines()[0] == '{"visit": "v-000123", "start": 452}'
    assert (tmp_path / "new.json").exists()


def test_replan_names_the_events_file_when_its_events_are_bad(
    run: Any, instance: Path, good_plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def load_events(data: Any, problem: Problem) -> Any:
        raise FormatError(["events[0].kind: 'flood' is not an event kind"])

    fake_module(monkeypatch, "replan", load_events=load_events, replan=None)
    events = write(tmp_path / "events.json", [{"kind": "flood"}])
    code, _, err = run("replan", instance, good_plan, events, "--out", tmp_path / "new.json")
    assert (code, err) == (2, f"error: {events}: events[0].kind: 'flood' is not an event kind\n")


def test_slots_prints_at_most_limit_options(
    run: Any, instance: Path, good_plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slots(problem: Problem, plan: Plan, request: Any, *, limit: int) -> list[Item]:
        return [Item(request["visit"], start) for start in (600, 620, 640)][:limit]

    fake_module(monkeypatch, "slots", load_request=lambda data, problem: data, slots=slots)
    request = write(tmp_path / "request.json", {"visit": "v-new"})
    code, out, _ = run("slots", instance, good_plan, request, "--limit", "2")
    assert (code, out.splitlines()) == (
        0,
        ['{"visit": "v-new", "start": 600}', '{"visit": "v-new", "start": 620}'],
    )


def test_generate_writes_a_valid_instance(run: Any, tmp_path: Path) -> None:
    out_file = tmp_path / "rural.json"
    code, out, _ = run("generate", "--family", "rural", "--citizens", "5", "--seed", "1", "--out", out_file)
    assert code == 0
    assert out.startswith(f"wrote {out_file}")
    assert len(read_problem(out_file).citizens) == 5
