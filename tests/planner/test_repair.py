# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Repair insertion (:mod:`naerhed.planner.repair`) on tiny instances.

Places are on the builders' line: ``office``, ``c1`` … ``c4``, 10 minutes apart by car.
"""

from __future__ import annotations

from naerhed.planner.check import check
from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.params import SolveParams
from naerhed.planner.plan import Plan, Route, VisitStop
from naerhed.planner.repair import Board, insert_group, linked_group
from tests.planner.builders import carer, citizen, problem, visit


def test_a_synchronised_pair_that_does_not_fit_one_after_the_other_is_inserted_together() -> None:
    """e-a (s1) is busy at c1 08:00–09:00, e-b (s2) at 09:00–10:00. The pair at c1 must start
    together (gap 0–0): e-a's cheapest start, 09:00, is taken by e-b, so the pair goes to
    10:00, after both."""
    p = problem(
        carers=[carer("e-a", competences=["s1"]), carer("e-b", competences=["s2"])],
        citizens=[citizen("z1", "c1")],
        visits=[
            visit("x", "z1", (480, 480), 60, competences=["s1"]),
            visit("y", "z1", (540, 540), 60, competences=["s2"]),
            visit("p1", "z1", (480, 700), 20, competences=["s1"]),
            visit("p2", "z1", (480, 700), 20, competences=["s2"], after=("p1", 0, 0)),
        ],
    )
    a, b = ShiftRef(0, 0), ShiftRef(1, 0)
    board = Board(p, SolveParams(), {a: (VisitStop("x", 480),), b: (VisitStop("y", 540),)})
    group = linked_group(p, p.visit_by_id["p1"], {"p1", "p2"})
    assert insert_group(p, board, group, Eligibility(p).shifts)
    assert board.start["p1"] == board.start["p2"] == 600
    routes = tuple(Route(p.carers[r.carer].id, r.shift, stops) for r, stops in board.stops.items())
    assert check(p, Plan(p.name, routes, ())) == []

