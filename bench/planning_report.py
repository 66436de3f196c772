# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``docs/benchmarks.md`` from the planning benchmark's raw results."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

TARGET_SIZE = 200
TARGET_SECONDS = 120.0
ENGINE, BLIND, RELAXED = "naerhed", "ortools-blind", "pyvrp-relaxed"


def machine() -> dict[str, str]:
    """Where the benchmark ran: kernel, CPU, cores, memory, Python and library versions, commit."""
    info = {
        "uname": " ".join(platform.uname()),
        "cpu": _cpuinfo("model name"),
        "nproc": str(os.cpu_count()),
        "memory": _meminfo(),
        "python": platform.python_version(),
    }
    for lib in ("ortools", "pyvrp", "numpy"):
        try:
            info[lib] = importlib.metadata.version(lib)
        except importlib.metadata.PackageNotFoundError:
            info[lib] = "not installed"
    info["commit"] = _commit()
    return info


def _cpuinfo(key: str) -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _meminfo() -> str:
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        return f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        return "unknown"


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        )
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def render(doc: dict[str, Any]) -> str:
    """The whole report as Markdown."""
    results: list[dict[str, Any]] = doc["results"]
    parts = [_header(doc), _instances(results), _results(results), _targets(results), _notes()]
    return "\n\n".join(parts) + "\n"


def _header(doc: dict[str, Any]) -> str:
    m = doc["machine"]
    return "\n".join(
        [
            "# Planning benchmark",
            "",
            "This engine (`naerhed`) against a straightforward continuity-blind OR-Tools routing model",
            "(`ortools-blind`, `naerhed.planner.peers.ortools_blind`) and PyVRP on a relaxed problem",
            "(`pyvrp-relaxed`, `naerhed.planner.peers.pyvrp_reference`) on synthetic one-week instances",
            "built from Aabenraa's published figures (`naerhed.planner.generate`). Every run is its own",
            "subprocess with the same time limit; plans are checked with `naerhed.planner.check.check`.",
            "",
            f"- Command: `{doc['command']}`",
            f"- Date: {doc['started']}",
            f"- Machine: `{m['uname']}`",
            f"- CPU: {m['cpu']}, {m['nproc']} cores; memory {m['memory']}",
            f"- Python {m['python']}, OR-Tools {m['ortools']}, PyVRP {m['pyvrp']}, NumPy {m['numpy']}",
            f"- Commit: {m['commit']}",
            "- Raw results: `bench/results/`",
        ]
    )


def _instances(results: list[dict[str, Any]]) -> str:
    rows, seen = [], set()
    for r in results:
        inst = r.get("instance")
        if inst is None or inst["name"] in seen:
            continue
        seen.add(inst["name"])
        keys = ("teams", "carers", "shifts", "shift_hours", "visits", "visit_hours", "two_carer_visits")
        cells = [inst["name"], *(inst[k] for k in keys), inst["remote_visits"], inst["priority_1_visits"]]
        rows.append("| " + " | ".join(str(c) for c in cells) + " |")
    head = [
        "## Instances",
        "",
        "| instance | teams | carers | shifts | shift h | visits | visit h (× carers) | two-carer | remote "
        "| priority 1 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    return "\n".join(head + rows)


def _results(results: list[dict[str, Any]]) -> str:
    head = [
        "## Results",
        "",
        RESULTS_NOTE.strip(),
        "",
        "| instance | solver | feasible | unassigned | distinct carers | LB | own team | preferred "
        "| travel min | travel km | care time | solve s | peak MB | replan s | slots s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    reused = [
        f"- {r['instance']['name']} {r['solver']}: {r['reused_from']}" for r in results if "reused_from" in r
    ]
    if reused:
        head[2] += (
            "\n\n"
            + "Peer rows taken over from an earlier run of the same instances (`--reuse`):\n"
            + "\n".join(reused)
        )
    return "\n".join(head + [_row(r) for r in results])


RESULTS_NOTE = """
Unassigned is by priority 1/2/3. Distinct carers is the mean per citizen with a planned visit;
LB is a true lower bound for the same visits. `pyvrp-relaxed` rows are **a relaxation, not
plans**: no breaks, two-carer visits unsynchronised, remote visits free of travel, blocked
carers ignored — its travel is a reference only (and an optimistic one), its other figures are
not comparable.
"""


def _row(r: dict[str, Any]) -> str:
    name = r.get("instance", {}).get("name", f"{r['family']}-{r['citizens']}-s{r['seed']}")
    if "error" in r:
        return f"| {name} | {r['solver']} | error: {r['error']} |" + " |" * 12
    f = r["figures"]
    by = f["unassigned_by_priority"]
    feasible = (
        "relaxed" if r["relaxed"] else ("yes" if r["feasible"] else f"no ({sum(r['violations'].values())})")
    )
    return (
        f"| {name} | {r['solver']} | {feasible} | {f['unassigned']} ({by['1']}/{by['2']}/{by['3']}) "
        f"| {f['distinct_carers_per_citizen']:.2f} | {r['lower_bound_distinct_carers']:.2f} "
        f"| {f['own_team_share']:.1%} | {f['preferred_share']:.1%} | {f['travel_minutes']} "
        f"| {f['travel_km']:.0f} | {f['care_time_share']:.1%} | {r['solve_seconds']:.1f} "
        f"| {r['peak_memory_mb']:.0f} | {_opt(r, 'replan_seconds')} | {_opt(r, 'slots_seconds')} |"
    )


def _opt(r: dict[str, Any], key: str) -> str:
    return f"{r[key]:.2f}" if key in r else "—"


def _targets(results: list[dict[str, Any]]) -> str:
    ok = [r for r in results if "error" not in r]
    engine = [r for r in ok if r["solver"] == ENGINE and r["citizens"] == TARGET_SIZE]
    blind = {r["family"]: r for r in ok if r["solver"] == BLIND and r["citizens"] == TARGET_SIZE}
    limits = sorted({float(r["time_limit"]) for r in results})
    lines = [
        "## Targets",
        "",
        f"Stated for this engine on the {TARGET_SIZE}-citizen instances at {TARGET_SECONDS:.0f} s."
        + (
            ""
            if limits == [TARGET_SECONDS]
            else f" **This run used {', '.join(f'{x:g}' for x in limits)} s**,"
            " so the verdicts below are indicative only."
        ),
        "",
        "| target | instance | measured | verdict |",
        "| --- | --- | --- | --- |",
    ]
    if not engine:
        lines.append(f"| all | — | no `{ENGINE}` run at {TARGET_SIZE} citizens | not measured |")
    for r in engine:
        lines += _engine_targets(r, blind.get(r["family"]))
    lines += _scale_targets(ok)
    return "\n".join(lines)


def _engine_targets(r: dict[str, Any], peer: dict[str, Any] | None) -> list[str]:
    name, f = r["instance"]["name"], r["figures"]
    lb, dc = r["lower_bound_distinct_carers"], f["distinct_carers_per_citizen"]
    p1 = set(r["unassigned_priority_1"])
    shown = len(p1 & set(peer["planned"])) if peer else None
    out = [
        f"| feasible | {name} | {'yes' if r['feasible'] else r['violations']} | {_verdict(r['feasible'])} |",
        f"| no priority-1 visit unassigned where the instance allows it | {name} | {len(p1)} unassigned"
        + (f"; the blind model planned {shown} of them" if shown is not None else "")
        + f" | {_verdict(not p1 or shown == 0) if shown is not None else _verdict(not p1)} |",
        f"| distinct carers ≤ 1.25 × lower bound | {name} | {dc:.2f} vs LB {lb:.2f} "
        f"(×{dc / lb if lb else 0:.2f}) | {_verdict(lb > 0 and dc <= 1.25 * lb)} |",
    ]
    if peer is None or "figures" not in peer:
        return [*out, f"| vs blind OR-Tools | {name} | no `{BLIND}` run | not measured |"]
    pf = peer["figures"]
    pdc, ptr = pf["distinct_carers_per_citizen"], pf["travel_minutes"]
    cut = 1 - dc / pdc if pdc else 0.0
    extra = f["travel_minutes"] / ptr - 1 if ptr else 0.0
    return [
        *out,
        f"| distinct carers ≥ 40 % below the blind OR-Tools model | {name} | {dc:.2f} vs {pdc:.2f} "
        f"({cut:.0%} below) | {_verdict(cut >= 0.4)} |",
        f"| travel ≤ +10 % of the blind OR-Tools model | {name} | {f['travel_minutes']} vs {ptr} min "
        f"({extra:+.0%}) | {_verdict(extra <= 0.10)} |",
    ]


def _scale_targets(ok: list[dict[str, Any]]) -> list[str]:
    out = []
    big = [r for r in ok if r["solver"] == ENGINE and r["citizens"] == 400]
    for r in big:
        out.append(
            f"| peak memory < 2 GB at 400 citizens | {r['instance']['name']} | {r['peak_memory_mb']:.0f} MB "
            f"| {_verdict(r['peak_memory_mb'] < 2048)} |"
        )
    if not big:
        out.append(f"| peak memory < 2 GB at 400 citizens | — | no `{ENGINE}` run at 400 | not measured |")
    for key, what, limit in (
        ("replan_seconds", "replan of one absent carer < 10 s", 10.0),
        ("slots_seconds", "slots < 0.5 s", 0.5),
    ):
        runs = [r for r in ok if r["solver"] == ENGINE and key in r]
        if not runs:
            out.append(f"| {what} | — | not measured | not measured |")
        worst = max(runs, key=lambda r: r[key], default=None)
        if worst is not None:
            out.append(
                f"| {what} | worst: {worst['instance']['name']} | {worst[key]:.2f} s "
                f"| {_verdict(worst[key] < limit)} |"
            )
    return out


def _verdict(met: bool) -> str:
    return "met" if met else "**not met**"


def _notes() -> str:
    return NOTES.strip()


NOTES = """
## How to read this

- Instances: `generate(family, citizens, seed)` — Aabenraa's 2024 package mix turned into
  visits, delegated nursing only SSA and nurses may take, two-carer lifts, screen visits, the
  2023 staff and contract mix, day/evening/night shifts with breaks and a weekend rotation;
  shifts are sized to the visits so that a simple greedy can start every visit in its window
  (tight, but plannable).
- `ortools-blind` is one routing model per day and team (and one per night), vehicles = those
  shifts, competences and blocked carers as allowed vehicles, OR-Tools break intervals,
  two-carer visits as two copies with equal start cumuls, guided local search, objective
  travel only. Remote visits, which OR-Tools cannot express, are added afterwards into gaps of
  the timed routes; routes are re-timed exactly and what no longer fits is dropped, so its
  plans pass `check`.
- Replan: the carer with most visits on Wednesday is absent for that shift. Slots: a 30-minute
  visit on Thursday 10:00–14:00 for the citizen with most visits. Both for this engine only.
- Peak memory is the subprocess's `ru_maxrss`, instance generation included.
"""
