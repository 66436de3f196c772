# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The markdown report of a Mankowska benchmark run: one row per instance and solver, then means."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from statistics import mean

from naerhed.planner.mankowska.bench import Row, instance_size

HEADER = (
    "| instance | solver | D | T | Tmax | objective | own times | best known | gap % | seconds "
    "| verified | unserved |\n"
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
)


def render(rows: Sequence[Row], *, time_limit: float, command: str) -> str:
    """The report as markdown, a section the lead can merge into ``docs/benchmarks.md``."""
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "## Mankowska, Meisel & Bierwirth (2014) home health care instances",
        "",
        f"Run {when} on {os.cpu_count()} cores with `{command}`; time limit {time_limit:g} s per "
        "instance and solver, seed 0. Objective (D + T + Tmax) / 3 with D the travel distance, T the "
        "total and Tmax the largest tardiness, all recomputed in double precision from the original "
        "files by an independent verifier (`naerhed.planner.mankowska.verify`). Start times are the "
        "earliest the solver's route orders allow (`mankowska.timing`); *own times* is the objective "
        "with the solver's own whole-minute times. Gap to the best known total cost "
        "(Ceschia et al. 2024). A row with unserved services is not verified.",
        "",
        HEADER,
        *(_row(r) for r in rows),
        "",
        *_summary(rows),
        *_failures(rows),
    ]
    return "\n".join(parts) + "\n"


def write_report(rows: Sequence[Row], path: Path, *, time_limit: float, command: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(rows, time_limit=time_limit, command=command), encoding="utf-8")


def _row(r: Row) -> str:
    v, best = r.verdict, r.best
    cells = [
        r.instance,
        r.solver,
        f"{v.distance:.3f}",
        f"{v.total_tardiness:.3f}",
        f"{v.max_tardiness:.3f}",
        f"{v.objective:.3f}",
        f"{r.own.objective:.3f}",
        "—" if best is None else f"{best.cost:.3f}",
        "—" if r.gap is None else f"{r.gap:+.1f}",
        f"{r.seconds:.1f}",
        "yes" if v.ok else "no",
        str(v.unserved),
    ]
    return "| " + " | ".join(cells) + " |"


def _summary(rows: Sequence[Row]) -> list[str]:
    groups: dict[tuple[str, int], list[Row]] = defaultdict(list)
    for r in rows:
        groups[(r.solver, instance_size(Path(r.instance))[0])].append(r)
    lines = [
        "| solver | patients | instances | verified | mean gap % | worst gap % | unserved |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for (solver, size), group in sorted(groups.items()):
        gaps = [r.gap for r in group if r.gap is not None and r.verdict.ok]
        lines.append(
            f"| {solver} | {size} | {len(group)} | {sum(r.verdict.ok for r in group)} | "
            f"{_fmt(mean(gaps) if gaps else None)} | {_fmt(max(gaps, default=None))} | "
            f"{sum(r.verdict.unserved for r in group)} |"
        )
    return lines


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


def _failures(rows: Sequence[Row]) -> list[str]:
    failed = [r for r in rows if not r.verdict.ok]
    if not failed:
        return []
    lines = ["", "Not verified (first violation, and how many):", ""]
    lines += [
        f"- {r.instance} / {r.solver}: {r.verdict.violations[0]} ({len(r.verdict.violations)})"
        for r in failed
    ]
    return lines
