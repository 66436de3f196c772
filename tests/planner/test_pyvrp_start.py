# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""PyVRP's first routes for a routing model, on tiny instances."""

from __future__ import annotations

from naerhed.planner.eligibility import Eligibility, ShiftRef
from naerhed.planner.params import SolveParams
from naerhed.planner.pyvrp_start import _fitting, pyvrp_routes
from tests.planner.builders import carer, citizen, problem, shift, visit

PARAMS = SolveParams(time_limit=2.0)


def test_the_charge_sends_the_visits_to_the_free_carer() -> None:
    """Two equal carers; the citizen's visits cost a charge with the first: PyVRP gives them
    to the second, in window order."""
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c2")],
        visits=[visit("v1", "z1", (480, 540), 30), visit("v2", "z1", (600, 660), 30)],
    )
    refs = [ShiftRef(0, 0), ShiftRef(1, 0)]
    allowed = {v.id: refs for v in p.visits}
    charge = {("v1", 0): 50, ("v2", 0): 50}
    out = pyvrp_routes(p, PARAMS, refs, p.visits, allowed, charge, seconds=1.0)
    assert out == {ShiftRef(1, 0): ["v1", "v2"]}


def test_a_shift_that_may_not_take_a_visit_never_gets_it() -> None:
    """The citizen blocks one carer: the other gets the visit;
    a two-carer visit is left to OR-Tools."""
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c1", blocked=["e-a"])],
        visits=[visit("v1", "z1", (480, 540), 30), visit("v2", "z1", (600, 660), 30, carers=2)],
    )
    elig = Eligibility(p)
    refs = [ShiftRef(0, 0), ShiftRef(1, 0)]
    allowed = {v.id: list(elig.shifts[v.id]) for v in p.visits}
    out = pyvrp_routes(p, PARAMS, refs, p.visits, allowed, {}, seconds=1.0)
    assert out == {ShiftRef(1, 0): ["v1"]}


def test_a_visit_that_leaves_no_room_for_the_break_is_left_out() -> None:
    """The break (30 min, starting 08:00–08:20) fits neither before nor after a visit fixed at
    07:10 for 100 minutes; a visit open all day fits."""
    p = problem(
        carers=[carer("e-a", shifts=[shift(420, 900, (480, 500, 30))])],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (430, 430), 100), visit("v2", "z1", (420, 800), 30)],
    )
    window = {v.id: (v.window[0], v.latest_start) for v in p.visits}
    assert [v.id for v in _fitting(p, ShiftRef(0, 0), list(p.visits), window)] == ["v2"]


def test_a_pinned_two_carer_visit_starts_on_two_shifts() -> None:
    """Pinned at 08:20, the two copies of a two-carer visit go to the two carers, and both
    routes start with it; unpinned, it is left to OR-Tools."""
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c1")],
        visits=[visit("v1", "z1", (480, 540), 30, carers=2)],
    )
    refs = [ShiftRef(0, 0), ShiftRef(1, 0)]
    allowed = {"v1": refs}
    pinned = pyvrp_routes(p, PARAMS, refs, p.visits, allowed, {}, seconds=1.0, pinned={"v1": 500})
    assert pinned == {ShiftRef(0, 0): ["v1"], ShiftRef(1, 0): ["v1"]}
    assert pyvrp_routes(p, PARAMS, refs, p.visits, allowed, {}, seconds=1.0) == {}
