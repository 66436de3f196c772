# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``naerhed bench …``: the engine's benchmark commands.

``naerhed bench mankowska [--dir DIR] [--sizes 10,25,50] [--time-limit S]
[--instances GLOB] [--solver engine|ortools|both] [--out DIR] [--seed N]``
solves the Mankowska et al. (2014) instances, verifies every solution against
the original files and writes ``OUT/benchmarks-mankowska.md`` with the
solutions under ``OUT/benchmarks-mankowska/SOLVER/``.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from naerhed.planner.mankowska import bench
from naerhed.planner.mankowska.report import write_report


def main(argv: list[str] | None = None) -> int:
    """Run ``naerhed bench`` with ``argv`` (without the ``bench`` word); return the exit status."""
    words = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(words)
    if args.benchmark == "mankowska":
        return _mankowska(args, "naerhed bench " + shlex.join(words))
    return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="naerhed bench", description="Benchmarks of the planning engine.")
    sub = parser.add_subparsers(dest="benchmark", required=True)
    m = sub.add_parser("mankowska", help="Mankowska, Meisel & Bierwirth (2014) home health care instances")
    m.add_argument(
        "--dir",
        type=Path,
        default=None,
        help=f"instance directory (default: ${bench.ENV_DIR} or "
        "../shared/benchmarks/mankowska2014/instances beside the repository)",
    )
    m.add_argument("--sizes", type=_sizes, default=None, help="patient counts, e.g. 10,25,50 (default: all)")
    m.add_argument("--time-limit", type=float, default=30.0, help="seconds per instance and solver")
    m.add_argument("--instances", default="*.txt", help="file name pattern, e.g. '*_10_*'")
    m.add_argument("--solver", choices=("engine", "ortools", "both"), default="engine")
    m.add_argument(
        "--out", type=Path, default=None, help="output directory (default: the repository's docs/)"
    )
    m.add_argument("--seed", type=int, default=0, help="engine seed")
    return parser


def _sizes(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of numbers") from None


def _mankowska(args: argparse.Namespace, command: str) -> int:
    directory: Path = args.dir or bench.default_dir()
    paths = bench.find_instances(directory, args.sizes, args.instances)
    if not paths:
        print(f"no instances in {directory} match", file=sys.stderr)
        return 1
    out: Path = args.out or bench.repo_root() / "docs"
    solvers = bench.SOLVERS if args.solver == "both" else (args.solver,)
    rows = bench.run_bench(
        paths,
        solvers,
        args.time_limit,
        out / "benchmarks-mankowska",
        bench.read_best_known(directory),
        on_row=_print_row,
        seed=args.seed,
    )
    write_report(rows, out / "benchmarks-mankowska.md", time_limit=args.time_limit, command=command)
    print(f"wrote {out / 'benchmarks-mankowska.md'}")
    return 0 if all(r.verdict.ok for r in rows) else 1


def _print_row(row: bench.Row) -> None:
    v = row.verdict
    gap = "—" if row.gap is None else f"{row.gap:+.1f} %"
    status = "verified" if v.ok else f"NOT verified: {v.violations[0]} ({len(v.violations)} violations)"
    print(
        f"{row.instance:28} {row.solver:8} objective {v.objective:9.3f}  gap {gap:>9}  "
        f"{row.seconds:6.1f} s  {status}",
        flush=True,
    )
