# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Read the original Mankowska et al. (2014) instance files.

A file is a sequence of sections, each a keyword line followed by values::

    nbNodes  N = patients + 2 (node 0 start depot, node N-1 end depot)
    nbVehi   K carers (vehicles)
    nbServi  q service types
    r        N x q 0/1: services required per node (the depots' rows are all 1)
    DS       1-based node numbers of the double-service patients (node i is number i+1)
    a        K x q 0/1: which services each carer is qualified for
    x, y     N coordinates each
    d        N x N distances; travel time equals distance
    p        processing times, N x K lines of q values (node-major), equal for every carer
    mind     N minimal gaps between the two services of a double-service patient
    maxd     N maximal gaps (0/0: both services start together)
    e, l     N earliest starts (hard) and due starts (soft, tardiness beyond)

Values are read as whitespace-separated tokens, so line breaks inside a
section do not matter. Patients are nodes ``1 .. N-2``; services are 0-based
indexes here and in every module of this package except the human-facing ids
and JSON (``s1`` is index 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

KEYWORDS = ("nbNodes", "nbVehi", "nbServi", "r", "DS", "a", "x", "y", "d", "p", "mind", "maxd", "e", "l")

Matrix = tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class MankowskaInstance:
    """One instance, as in the file; node-indexed sequences include both depots."""

    name: str
    n_nodes: int
    n_vehicles: int
    n_services: int
    required: tuple[tuple[bool, ...], ...]
    double: frozenset[int]
    qualified: tuple[tuple[bool, ...], ...]
    x: tuple[float, ...]
    y: tuple[float, ...]
    dist: Matrix
    proc: Matrix
    min_gap: tuple[float, ...]
    max_gap: tuple[float, ...]
    early: tuple[float, ...]
    late: tuple[float, ...]

    def __post_init__(self) -> None:
        n, k, q = self.n_nodes, self.n_vehicles, self.n_services
        _require(n >= 3 and k >= 1 and q >= 1, f"{self.name}: needs nbNodes >= 3, nbVehi >= 1, nbServi >= 1")
        _check_shape(self.name, "r", self.required, n, q)
        _check_shape(self.name, "a", self.qualified, k, q)
        _check_shape(self.name, "d", self.dist, n, n)
        _check_shape(self.name, "p", self.proc, n, q)
        for key in ("x", "y", "min_gap", "max_gap", "early", "late"):
            _require(len(getattr(self, key)) == n, f"{self.name}: {key} has {len(getattr(self, key))} values")
        for node in self.patients:
            count = len(self.services(node))
            want = 2 if node in self.double else 1
            _require(count == want, f"{self.name}: patient {node} requires {count} services, expected {want}")
            low, high = self.min_gap[node], self.max_gap[node]
            _require(
                low <= high or node not in self.double,
                f"{self.name}: patient {node}: mind {low} is above maxd {high}",
            )
        _require(
            all(0 < node < n - 1 for node in self.double), f"{self.name}: DS names a depot or an unknown node"
        )

    @property
    def end_depot(self) -> int:
        return self.n_nodes - 1

    @property
    def patients(self) -> range:
        """Patient nodes ``1 .. N-2``."""
        return range(1, self.n_nodes - 1)

    def services(self, node: int) -> tuple[int, ...]:
        """The services ``node`` requires, lowest index first (the first of a double service)."""
        return tuple(s for s, need in enumerate(self.required[node]) if need)

    @cached_property
    def tasks(self) -> tuple[tuple[int, int], ...]:
        """Every (patient, service) to be done, in patient then service order."""
        return tuple((i, s) for i in self.patients for s in self.services(i))

    def can_do(self, vehicle: int, service: int) -> bool:
        return self.qualified[vehicle][service]


def read_instance(path: str | Path) -> MankowskaInstance:
    """Read one instance file; the instance is named after the file's stem."""
    path = Path(path)
    return parse_instance(path.read_text(encoding="utf-8"), path.stem)


def parse_instance(text: str, name: str) -> MankowskaInstance:
    """Parse the text of an instance file; raise ``ValueError`` naming the section that is wrong."""
    sections = _sections(text, name)
    n, k, q = (_single_int(sections, key, name) for key in ("nbNodes", "nbVehi", "nbServi"))
    proc_rows = _rows(_numbers(sections, "p", name, n * k * q), q)
    proc = tuple(proc_rows[i * k] for i in range(n))
    for i in range(n):
        for v in range(1, k):
            _require(
                proc_rows[i * k + v] == proc[i],
                f"{name}: p: node {i} has different processing times for carer {v + 1}",
            )
    return MankowskaInstance(
        name=name,
        n_nodes=n,
        n_vehicles=k,
        n_services=q,
        required=_flags(_numbers(sections, "r", name, n * q), q),
        double=frozenset(int(t) - 1 for t in _numbers(sections, "DS", name, None)),
        qualified=_flags(_numbers(sections, "a", name, k * q), q),
        x=tuple(_numbers(sections, "x", name, n)),
        y=tuple(_numbers(sections, "y", name, n)),
        dist=_rows(_numbers(sections, "d", name, n * n), n),
        proc=proc,
        min_gap=tuple(_numbers(sections, "mind", name, n)),
        max_gap=tuple(_numbers(sections, "maxd", name, n)),
        early=tuple(_numbers(sections, "e", name, n)),
        late=tuple(_numbers(sections, "l", name, n)),
    )


def _sections(text: str, name: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        word = line.strip()
        if word in KEYWORDS:
            _require(word not in sections, f"{name}: section {word!r} appears twice")
            current = sections[word] = []
        elif word:
            _require(current is not None, f"{name}: line {number}: values before the first keyword")
            assert current is not None
            current.extend(word.split())
    missing = [key for key in KEYWORDS if key not in sections]
    _require(not missing, f"{name}: missing sections {missing}")
    return sections


def _numbers(sections: dict[str, list[str]], key: str, name: str, count: int | None) -> list[float]:
    tokens = sections[key]
    _require(count is None or len(tokens) == count, f"{name}: {key}: {len(tokens)} values, expected {count}")
    try:
        return [float(t) for t in tokens]
    except ValueError as exc:
        raise ValueError(f"{name}: {key}: {exc}") from None


def _single_int(sections: dict[str, list[str]], key: str, name: str) -> int:
    (value,) = _numbers(sections, key, name, 1)
    _require(value == int(value), f"{name}: {key}: {value} is not a whole number")
    return int(value)


def _rows(values: list[float], width: int) -> Matrix:
    return tuple(tuple(values[i : i + width]) for i in range(0, len(values), width))


def _flags(values: list[float], width: int) -> tuple[tuple[bool, ...], ...]:
    return tuple(tuple(v != 0 for v in row) for row in _rows(values, width))


def _check_shape(name: str, key: str, matrix: tuple[tuple[object, ...], ...], rows: int, cols: int) -> None:
    _require(
        len(matrix) == rows and all(len(row) == cols for row in matrix),
        f"{name}: {key} is not {rows} x {cols}",
    )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)
