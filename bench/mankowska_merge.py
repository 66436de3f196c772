# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Merge the reports of several ``naerhed bench mankowska`` runs into one section.

    python -m bench.mankowska_merge --out SECTION.md RUN1.md RUN2.md ...

The 70 instances at 60 s per solver take over two hours, so they are run in parts (by size or
by solver, possibly in parallel); each part writes its own report. This reads their tables, puts
the solvers' rows for each instance side by side, and adds the mean gap per size and solver with
the issue's targets (<= 5 % on 10-75 patients, <= 10 % on 100-300, every service planned).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from statistics import mean

HEADER_LINE = "| instance | solver |"
_SIZE = re.compile(r"_(\d+)_(\d+)$")
TARGETS = {10: 5.0, 25: 5.0, 50: 5.0, 75: 5.0, 100: 10.0, 200: 10.0, 300: 10.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.mankowska_merge", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("reports", type=Path, nargs="+")
    args = parser.parse_args(argv)
    runs = [_read(path) for path in args.reports]
    args.out.write_text(render(runs), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _read(path: Path) -> tuple[str, list[list[str]]]:
    """The run's description line and its table rows (cells as text)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    described = next(line for line in lines if line.startswith("Run "))
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in lines
        if line.startswith("| Instanz")
    ]
    return described, rows


def _key(instance: str) -> tuple[int, int]:
    match = _SIZE.search(instance)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def render(runs: list[tuple[str, list[list[str]]]]) -> str:
    rows = sorted((row for _, table in runs for row in table), key=lambda r: (_key(r[0]), r[1]))
    out = ["## Mankowska, Meisel & Bierwirth (2014) home health care instances", ""]
    out += ["Merged from these runs (each row is one solver on one instance):", ""]
    out += [f"- {described}" for described, _ in runs]
    out += ["", *_summary(rows), "", "### Every instance", ""]
    out += [
        "| instance | solver | D | T | Tmax | objective | own times | best known | gap % | seconds "
        "| verified | unserved |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def _summary(rows: list[list[str]]) -> list[str]:
    by: dict[tuple[int, str], list[list[str]]] = defaultdict(list)
    for row in rows:
        by[(_key(row[0])[0], row[1])].append(row)
    solvers = sorted({row[1] for row in rows})
    out = [
        "### Mean gap to the best known, per size",
        "",
        "Mean over the verified instances of the size; *verified* counts instances with every service "
        "planned and every rule kept. Target for this engine: every instance verified, mean gap "
        "<= 5 % on 10-75 patients and <= 10 % on 100-300.",
        "",
        "| patients | "
        + " | ".join(f"{s} mean gap % | {s} verified | {s} mean s" for s in solvers)
        + " | target |",
        "|---:|" + "---:|---:|---:|" * len(solvers) + "---|",
    ]
    for size in sorted({size for size, _ in by}):
        cells = [str(size)]
        for solver in solvers:
            group = by.get((size, solver), [])
            verified = [r for r in group if r[10] == "yes" and r[8] not in ("—", "")]
            gap = f"{mean(float(r[8]) for r in verified):+.1f}" if verified else "—"
            seconds = f"{mean(float(r[9]) for r in group):.0f}" if group else "—"
            cells += [gap, f"{len(verified)}/{len(group)}", seconds]
        cells.append(f"<= {TARGETS.get(size, 10.0):g} %")
        out.append("| " + " | ".join(cells) + " |")
    return out


if __name__ == "__main__":
    sys.exit(main())
