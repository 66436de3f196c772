# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``naerhed plan``: the planning engine on the command line, without Django.

Exit codes: 0 success (for ``check``: the plan is feasible), 1 the plan breaks
a rule, 2 a file is missing or is not a valid ``naerhed-plan/1`` document (or
the command line is wrong). Errors go to stderr, one per line, each starting
with the file it is about.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from naerhed.planner.check import Figures, check, figures
from naerhed.planner.io import FormatError, load_plan, load_problem, read_json, write_plan, write_problem
from naerhed.planner.jsontext import dumps
from naerhed.planner.model import Problem
from naerhed.planner.plan import Plan
from naerhed.planner.schema import INSTANCE_SCHEMA, PLAN_SCHEMA, render_markdown

if TYPE_CHECKING:
    from naerhed.planner.params import Progress

EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT = 0, 1, 2


class InputError(Exception):
    """A file the command cannot use; ``lines`` are printed to stderr, one each."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


def main(argv: list[str] | None = None) -> int:
    """Run ``naerhed plan`` with ``argv`` (without the ``plan`` word) and return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except InputError as exc:
        for line in exc.lines:
            print(f"error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("naerhed.planner."):
            raise
        print(f"error: this build has no {exc.name}, which the command needs", file=sys.stderr)
        return EXIT_BAD_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="naerhed plan", description="The Nærhed planning engine.")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    _command(sub, cmd_validate, "check that an instance file is valid naerhed-plan/1", "instance")
    cmd = _command(sub, cmd_schema, "print the JSON Schema of an instance or a plan, or both as markdown")
    cmd.add_argument("which", choices=("instance", "plan", "markdown"))
    cmd = _command(
        sub, cmd_check, "check a plan against its instance and print its figures", "instance", "plan"
    )
    cmd.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    cmd = _command(sub, cmd_solve, "plan an instance", "instance")
    cmd.add_argument("--time-limit", type=_seconds, required=True, metavar="S", help="seconds")
    cmd.add_argument("--seed", type=int, default=0)
    cmd.add_argument("--out", type=Path, required=True, metavar="PLAN.json")
    cmd = _command(sub, cmd_generate, "write a synthetic instance")
    cmd.add_argument("--family", choices=("rural", "urban"), required=True)
    cmd.add_argument("--citizens", type=_count, required=True)
    cmd.add_argument("--seed", type=int, default=0)
    cmd.add_argument("--out", type=Path, required=True, metavar="INSTANCE.json")
    cmd = _command(
        sub, cmd_replan, "repair a plan after events (sickness, new visits)", "instance", "plan", "events"
    )
    cmd.add_argument("--out", type=Path, required=True, metavar="NEWPLAN.json")
    cmd.add_argument("--time-limit", type=_seconds, default=10.0, metavar="S", help="seconds (default 10)")
    cmd = _command(
        sub, cmd_slots, "offer times for a new visit in an existing plan", "instance", "plan", "request"
    )
    cmd.add_argument("--limit", type=_count, default=10, metavar="N", help="at most N options (default 10)")
    cmd.add_argument(
        "--carers", type=int, choices=(1, 2), help="carers who come together (default: the request's, or 1)"
    )
    return parser


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number of seconds")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    function: Callable[[argparse.Namespace], int],
    description: str,
    *files: str,
) -> argparse.ArgumentParser:
    """Add the subcommand that ``function`` (``cmd_NAME``) runs, with its file arguments."""
    cmd = sub.add_parser(function.__name__.removeprefix("cmd_"), help=description)
    for name in files:
        cmd.add_argument(name, type=Path)
    cmd.set_defaults(command=function)
    return cmd


def cmd_validate(args: argparse.Namespace) -> int:
    """``validate INSTANCE``: print a one-line summary of a valid instance."""
    problem = _read_problem(args.instance)
    shifts = sum(len(c.shifts) for c in problem.carers)
    print(
        f"OK {args.instance}: {problem.name!r}, {problem.horizon.days} days from "
        f"{problem.horizon.start_date}: {len(problem.carers)} carers, {len(problem.citizens)} citizens, "
        f"{len(problem.visits)} visits, {shifts} shifts"
    )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """``schema instance|plan|markdown``: print a schema, or both as docs/planning-format.md ends."""
    schemas = {"instance": INSTANCE_SCHEMA, "plan": PLAN_SCHEMA}
    print(render_markdown() if args.which == "markdown" else dumps(schemas[args.which]), end="")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """``check INSTANCE PLAN [--json]``: print the violations and the figures."""
    problem = _read_problem(args.instance)
    plan = _read_plan(args.plan, problem)
    if args.json:
        violations = check(problem, plan)
        print(
            dumps(
                {
                    "feasible": not violations,
                    "violations": [
                        {"rule": v.rule.value, "message": v.message, "visit": v.visit, "carer": v.carer}
                        for v in violations
                    ],
                    "figures": figures(problem, plan).to_dict(),
                }
            ),
            end="",
        )
        return EXIT_VIOLATIONS if violations else EXIT_OK
    return _report(problem, plan)


def cmd_solve(args: argparse.Namespace) -> int:
    """``solve INSTANCE --time-limit S [--seed N] --out PLAN``: plan and write the plan."""
    from naerhed.planner.params import SolveParams
    from naerhed.planner.solve import solve

    problem = _read_problem(args.instance)
    plan = solve(problem, SolveParams(time_limit=args.time_limit), seed=args.seed, on_progress=print_progress)
    write_plan(args.out, plan)
    print(f"wrote {args.out}")
    return _report(problem, plan)


def cmd_generate(args: argparse.Namespace) -> int:
    """``generate --family F --citizens N --seed K --out FILE``: write a synthetic instance."""
    from naerhed.planner.generate import generate

    problem = generate(args.family, args.citizens, args.seed)
    write_problem(args.out, problem)
    print(
        f"wrote {args.out}: {len(problem.carers)} carers, {len(problem.citizens)} citizens, "
        f"{len(problem.visits)} visits"
    )
    return EXIT_OK


def cmd_replan(args: argparse.Namespace) -> int:
    """``replan INSTANCE PLAN EVENTS --out NEWPLAN [--time-limit S]``: repair a plan after events."""
    from naerhed.planner.params import SolveParams
    from naerhed.planner.replan import load_events, replan

    problem = _read_problem(args.instance)
    plan = _read_plan(args.plan, problem)
    events = _load(args.events, lambda data: load_events(data, problem))
    result = replan(problem, plan, events, SolveParams(time_limit=args.time_limit))
    for change in result.changes:
        print(_describe(change))
    write_plan(args.out, result.plan)
    print(f"wrote {args.out}")
    # Events may change the instance (a new visit); judge the plan by the one it was made for.
    return _report(result.problem, result.plan)


def cmd_slots(args: argparse.Namespace) -> int:
    """``slots INSTANCE PLAN REQUEST [--limit N] [--carers 1|2]``: print the best times for a
    requested visit (a two-carer option names both carers: ``carer`` and ``partner``)."""
    from naerhed.planner.slots import load_request, slots

    problem = _read_problem(args.instance)
    plan = _read_plan(args.plan, problem)
    request = _load(args.request, lambda data: load_request(data, problem))
    if args.carers is not None:
        request = dataclasses.replace(request, carers=args.carers)
    options = slots(problem, plan, request, limit=args.limit)
    for option in options:
        print(_describe(option))
    if not options:
        print("no slot found")
    return EXIT_OK


def print_progress(progress: Progress, out: TextIO | None = None) -> None:
    """One line per solver progress report."""
    print(
        f"{progress.elapsed:7.1f}s  objective {progress.objective:,.0f}  unassigned {progress.unassigned}  "
        f"carers/citizen {progress.distinct_carers:.2f}  travel {progress.travel_minutes} min",
        file=out or sys.stdout,
    )


def print_figures(numbers: Figures, out: TextIO | None = None) -> None:
    """The figures as aligned ``name  value`` lines (the per-citizen counts are left out)."""
    for name, value in numbers.to_dict().items():
        if name == "carers_by_citizen":
            continue
        if isinstance(value, float):
            value = f"{value:.3f}"
        elif isinstance(value, dict):
            value = ", ".join(f"priority {k}: {n}" for k, n in value.items())
        print(f"{name:<28} {value}", file=out or sys.stdout)


def _report(problem: Problem, plan: Plan) -> int:
    """Print the violations, whether the plan is feasible, and its figures; return the exit code."""
    violations = check(problem, plan)
    for violation in violations:
        print(violation)
    print("feasible" if not violations else f"infeasible: {len(violations)} violation(s)")
    print_figures(figures(problem, plan))
    return EXIT_VIOLATIONS if violations else EXIT_OK


def _describe(item: object) -> str:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return json.dumps(dataclasses.asdict(item), ensure_ascii=False, default=str)
    return str(item)


def _read(path: Path) -> Any:
    try:
        return read_json(path)
    except FileNotFoundError:
        raise InputError([f"{path}: no such file"]) from None
    except OSError as exc:
        raise InputError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    except (FormatError, UnicodeDecodeError) as exc:
        raise InputError([f"{path}: {exc}"]) from None


def _load(path: Path, loader: Callable[[Any], Any]) -> Any:
    data = _read(path)
    try:
        return loader(data)
    except FormatError as exc:
        raise InputError([f"{path}: {line}" for line in exc.errors]) from None
    except ValueError as exc:
        raise InputError([f"{path}: {exc}"]) from None


def _read_problem(path: Path) -> Problem:
    problem: Problem = _load(path, load_problem)
    return problem


def _read_plan(path: Path, problem: Problem) -> Plan:
    plan: Plan = _load(path, lambda data: load_plan(data, problem))
    return plan
