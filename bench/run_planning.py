# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The planning benchmark: this engine against a blind OR-Tools model and a PyVRP relaxation.

    python -m bench.run_planning [--time-limit 120] [--sizes 80,200,400] [--families rural,urban]
                                 [--solvers naerhed,ortools-blind,pyvrp-relaxed] [--seed 1]

Generates the synthetic Aabenraa-like weeks (:mod:`naerhed.planner.generate`), runs
every solver on every instance in a fresh subprocess with the same time limit, checks
each plan with :func:`naerhed.planner.check.check`, measures its figures, solve time and
peak memory (``ru_maxrss`` of the subprocess), and for this engine also the replan time
for one absent carer and the time to offer booking slots. Writes raw results to
``bench/results/planning-<UTC time>.json`` and the report to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import planning_child, planning_report  # noqa: E402
from naerhed.planner.generate import generate  # noqa: E402

SOLVERS = ("naerhed", "ortools-blind", "pyvrp-relaxed")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the process exit status."""
    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["--child"]:
        print(json.dumps(planning_child.run(json.loads(words[1]))))
        return 0
    args = _parser().parse_args(words)
    started = dt.datetime.now(dt.UTC)
    earlier = [(path.name, json.loads(path.read_text())) for path in args.reuse]
    results = []
    for family in args.families:
        for size in args.sizes:
            for solver in args.solvers:
                spec = {
                    "family": family,
                    "citizens": size,
                    "seed": args.seed,
                    "solver": solver,
                    "time_limit": args.time_limit,
                }
                reused = _reusable(spec, earlier)
                print(
                    f"{family} {size} {solver} {'(reused)' if reused else '...'}", file=sys.stderr, flush=True
                )
                results.append(reused or _run_child(spec))
    document = {
        "command": "python -m bench.run_planning " + shlex.join(words),
        "started": started.isoformat(timespec="seconds"),
        "machine": planning_report.machine(),
        "results": results,
    }
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    args.results_dir.mkdir(parents=True, exist_ok=True)
    (args.results_dir / f"planning-{stamp}.json").write_text(json.dumps(document, indent=1) + "\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(planning_report.render(document))
    print(f"wrote {args.out} and {args.results_dir / f'planning-{stamp}.json'}", file=sys.stderr)
    return 0


def _reusable(spec: dict[str, Any], earlier: list[tuple[str, dict[str, Any]]]) -> dict[str, Any] | None:
    """A peer's earlier result for the same instance, seed and time limit, marked with where it came from.

    Only peers (never this engine, whose code is what is being measured), and only when the instance
    generated now is the one the earlier run solved (same generator version and sizes).
    """
    if spec["solver"] == "naerhed" or not earlier:
        return None
    current = planning_child.instance_summary(generate(spec["family"], spec["citizens"], spec["seed"]))
    for name, doc in earlier:
        for result in doc["results"]:
            same = all(result.get(k) == spec[k] for k in ("family", "citizens", "seed", "solver"))
            same = same and float(result["time_limit"]) == float(spec["time_limit"])
            if same and result.get("instance") == current and "error" not in result:
                return {
                    **result,
                    "reused_from": f"{name} ({doc['started']}, commit {doc['machine']['commit']})",
                }
    return None


def _run_child(spec: dict[str, Any]) -> dict[str, Any]:
    """One solver on one instance in a fresh interpreter, so memory and imports are its own."""
    timeout = 3 * float(spec["time_limit"]) + 600
    command = [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {**spec, "error": f"no answer within {timeout:.0f} s"}
    if done.returncode != 0 or not done.stdout.strip():
        return {**spec, "error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run_planning", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per solver and instance")
    parser.add_argument("--sizes", type=_ints, default=[80, 200, 400], help="citizens, e.g. 80,200")
    parser.add_argument("--families", type=_words, default=["rural", "urban"], help="e.g. rural,urban")
    parser.add_argument("--solvers", type=_words, default=list(SOLVERS), help=", ".join(SOLVERS))
    parser.add_argument("--seed", type=int, default=1, help="instance and solver seed")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--results-dir", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument(
        "--reuse",
        type=Path,
        action="append",
        default=[],
        help="an earlier results file whose peer rows (same instance, seed and time limit) are taken over "
        "instead of solved again; may be given more than once",
    )
    return parser


def _ints(text: str) -> list[int]:
    try:
        return [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of numbers") from None


def _words(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


if __name__ == "__main__":
    sys.exit(main())
