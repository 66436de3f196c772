# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``slots`` offers feasible starts for a new visit without touching other visits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from naerhed.planner.check import check
from naerhed.planner.model import Problem, Visit
from naerhed.planner.plan import Plan, Route, VisitStop
from naerhed.planner.schema import FormatError
from naerhed.planner.slots import SlotOption, SlotRequest, load_request, slots
from tests.planner.builders import at, carer, citizen, plan, problem, route, visit


def day() -> tuple[Problem, Plan]:
    """e-a visits z1 at 08:00; e-b (other team) visits z2 at 08:00; e-c is blocked by z1."""
    p = problem(
        carers=[carer("e-a"), carer("e-b", team="t2"), carer("e-c")],
        citizens=[citizen("z1", "c1", blocked=["e-c"]), citizen("z2", "c3", team="t2")],
        visits=[visit("v1", "z1", (480, 480), 30), visit("v2", "z2", (480, 480), 30)],
    )
    return p, plan(route("e-a", at("v1", 480)), route("e-b", at("v2", 480)))


def booked(p: Problem, pl: Plan, option: SlotOption, duration: int) -> tuple[Problem, Plan]:
    """The problem and plan with the option taken."""
    new = Visit("new", "z1", (option.start, option.start), duration)
    routes = [r for r in pl.routes if (r.carer, r.shift) != (option.carer, option.shift)]
    old = next((r.stops for r in pl.routes if (r.carer, r.shift) == (option.carer, option.shift)), ())
    stops = tuple(sorted((*old, VisitStop("new", option.start)), key=lambda s: s.start))
    return replace(p, visits=(*p.visits, new)), replace(
        pl, routes=(*routes, Route(option.carer, option.shift, stops))
    )


def test_best_slot_goes_to_the_carer_the_citizen_already_has() -> None:
    p, pl = day()
    options = slots(p, pl, SlotRequest("z1", 30, ((540, 720),)))
    assert options[0].carer == "e-a" and options[0].known_carer
    assert all(o.carer != "e-c" for o in options)


def test_every_offered_slot_is_feasible_when_booked() -> None:
    p, pl = day()
    for option in slots(p, pl, SlotRequest("z1", 45, ((420, 800),)), limit=10):
        assert check(*booked(p, pl, option, 45)) == []


def test_earliest_mode_ranks_by_start() -> None:
    p, pl = day()
    options = slots(p, pl, SlotRequest("z1", 30, ((420, 800),), mode="earliest"), limit=10)
    assert [o.start for o in options] == sorted(o.start for o in options)


def test_preferred_carer_comes_first() -> None:
    p, pl = day()
    options = slots(p, pl, SlotRequest("z1", 30, ((540, 720),), preferred_carer="e-b"))
    assert options[0].carer == "e-b"


def test_no_slot_when_the_window_is_outside_every_shift() -> None:
    p, pl = day()
    assert slots(p, pl, SlotRequest("z1", 30, ((1000, 1100),))) == []


def test_load_request_names_the_bad_field() -> None:
    p, _ = day()
    with pytest.raises(FormatError, match=r"windows\[1\]"):
        load_request({"citizen": "z1", "duration": 30, "windows": [[480, 540], [1]]}, p)
    with pytest.raises(FormatError, match="citizen: unknown citizen 'zz'"):
        load_request({"citizen": "zz", "duration": 30, "windows": [[480, 540]]}, p)
    assert load_request({"citizen": "z1", "duration": 30, "windows": [[480, 540]]}, p).windows == (
        (480, 540),
    )
