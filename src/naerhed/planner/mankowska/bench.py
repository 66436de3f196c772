# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Run solvers over the Mankowska instances, verify independently, write a table.

For each instance file and solver: solve (the engine through
:func:`mapping.to_problem`, or the OR-Tools peer on the instance itself),
recompute the start times of the solver's route orders in double precision
(:func:`timing.retime`), verify with :func:`verify.verify` against the original
file, write the solution JSON, and add a row to a markdown table with the gap
to the best known total cost (``best_known.md`` in the instance directory or
its parent).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from naerhed.planner.mankowska.mapping import engine_params, to_problem
from naerhed.planner.mankowska.reader import MankowskaInstance, read_instance
from naerhed.planner.mankowska.solution import MankowskaSolution, from_plan, write_solution
from naerhed.planner.mankowska.timing import retime
from naerhed.planner.mankowska.verify import Verdict, verify
from naerhed.planner.peers.ortools_mankowska import solve_ortools
from naerhed.planner.solve import SOLVER as ENGINE_SOLVER
from naerhed.planner.solve import solve

SOLVERS = ("engine", "ortools")
ENV_DIR = "NAERHED_MANKOWSKA_DIR"
_SIZE = re.compile(r"_(\d+)_(\d+)$")


@dataclass(frozen=True)
class BestKnown:
    distance: float
    total_tardiness: float
    max_tardiness: float
    cost: float


@dataclass(frozen=True)
class Row:
    """One solver on one instance; ``verdict`` is for the retimed solution, ``own`` for the solver's times."""

    instance: str
    solver: str
    verdict: Verdict
    own: Verdict
    seconds: float
    best: BestKnown | None

    @property
    def gap(self) -> float | None:
        """Per cent above the best known total cost; ``None`` for a solution that is not verified."""
        if self.best is None or self.best.cost <= 0 or not self.verdict.ok:
            return None
        return 100 * (self.verdict.objective - self.best.cost) / self.best.cost


def repo_root() -> Path:
    """The source checkout holding this package (``pyproject.toml``), else the working directory."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file():
            return parent
    return Path.cwd()


def default_dir() -> Path:
    """``$NAERHED_MANKOWSKA_DIR``, else ``../shared/benchmarks/mankowska2014/instances`` beside the repo."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    return repo_root().parent / "shared" / "benchmarks" / "mankowska2014" / "instances"


def instance_size(path: Path) -> tuple[int, int]:
    """(patients, number) from a name like ``InstanzCPLEX_HCSRP_25_3``."""
    match = _SIZE.search(path.stem)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def find_instances(directory: Path, sizes: Iterable[int] | None = None, pattern: str = "*.txt") -> list[Path]:
    """Instance files in ``directory`` matching ``pattern`` and ``sizes``, smallest first."""
    wanted = set(sizes) if sizes is not None else None
    paths = [p for p in directory.glob("*.txt") if fnmatch.fnmatch(p.name, pattern)]
    paths = [p for p in paths if wanted is None or instance_size(p)[0] in wanted]
    return sorted(paths, key=lambda p: (instance_size(p), p.name))


def read_best_known(directory: Path) -> dict[str, BestKnown]:
    """Best known results by instance stem, from ``best_known.md`` in ``directory`` or its parent."""
    for candidate in (directory / "best_known.md", directory.parent / "best_known.md"):
        if candidate.is_file():
            return _parse_best_known(candidate.read_text(encoding="utf-8"))
    return {}


def _parse_best_known(text: str) -> dict[str, BestKnown]:
    out: dict[str, BestKnown] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 5 or not cells[0].startswith("Instanz"):
            continue
        distance, max_late, total_late, cost = (float(c) for c in cells[1:5])
        out[Path(cells[0]).stem] = BestKnown(distance, total_late, max_late, cost)
    return out


def run_solver(inst: MankowskaInstance, solver: str, time_limit: float, seed: int = 0) -> MankowskaSolution:
    """Solve ``inst`` with ``solver`` (``engine`` or ``ortools``)."""
    if solver == "engine":
        params = engine_params(time_limit)
        plan = solve(to_problem(inst), params, seed=seed)
        return from_plan(inst, plan, ENGINE_SOLVER).with_meta({"params": dataclasses.asdict(params)})
    if solver == "ortools":
        return solve_ortools(inst, time_limit)
    raise ValueError(f"unknown solver {solver!r}; choose from {SOLVERS}")


def run_instance(
    path: Path, solver: str, time_limit: float, out_dir: Path, best: BestKnown | None, seed: int = 0
) -> Row:
    """Solve, retime, verify and write one solution; return its table row."""
    inst = read_instance(path)
    started = time.monotonic()
    try:
        own = run_solver(inst, solver, time_limit, seed)
    except Exception as exc:  # one failing run must not end a 70-instance table
        own = _failed(inst, f"{solver} failed: {type(exc).__name__}: {exc}")
    seconds = time.monotonic() - started
    own_verdict = verify(inst, own)
    timed = retime(inst, own)
    final, verdict = (own, own_verdict) if timed is None else (timed, verify(inst, timed))
    if "error" in own.meta:
        verdict = dataclasses.replace(verdict, violations=(str(own.meta["error"]), *verdict.violations))
    figures = {
        "distance": verdict.distance,
        "total_tardiness": verdict.total_tardiness,
        "max_tardiness": verdict.max_tardiness,
        "objective": verdict.objective,
        "verified": verdict.ok,
        "violations": list(verdict.violations),
        "seconds": seconds,
        "objective_own_times": own_verdict.objective,
    }
    write_solution(final.with_meta({"figures": figures}), out_dir / solver / f"{inst.name}.json")
    return Row(inst.name, solver, verdict, own_verdict, seconds, best)


def run_bench(
    paths: Sequence[Path],
    solvers: Sequence[str],
    time_limit: float,
    out_dir: Path,
    best_known: dict[str, BestKnown],
    on_row: Callable[[Row], None] | None = None,
    seed: int = 0,
) -> list[Row]:
    """Every solver on every instance, in order; ``on_row`` is told of each row as it is done."""
    rows: list[Row] = []
    for path in paths:
        for solver in solvers:
            row = run_instance(path, solver, time_limit, out_dir, best_known.get(path.stem), seed)
            rows.append(row)
            if on_row is not None:
                on_row(row)
    return rows


def _failed(inst: MankowskaInstance, error: str) -> MankowskaSolution:
    """An empty solution (every service unserved) recording why the solver gave none."""
    empty = tuple(() for _ in range(inst.n_vehicles))
    return MankowskaSolution(inst.name, empty, inst.tasks, meta={"error": error})
