# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``slots`` for help that needs two carers at once: pairs of carers who can start together."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from naerhed.planner.check import check
from naerhed.planner.cli import main
from naerhed.planner.io import write_plan, write_problem
from naerhed.planner.model import Problem, Visit
from naerhed.planner.plan import Plan, Route, VisitStop
from naerhed.planner.schema import FormatError
from naerhed.planner.slots import SlotOption, SlotRequest, dump_request, load_request, slots
from tests.planner.builders import at, carer, citizen, plan, problem, route, visit


def two_free() -> tuple[Problem, Plan]:
    """Two carers, e-a and e-b, with nothing planned; z1 lives at c1."""
    p = problem(carers=[carer("e-a"), carer("e-b")], citizens=[citizen("z1", "c1")], visits=[])
    return p, plan()


def one_busy_at_ten() -> tuple[Problem, Plan]:
    """e-a is free; e-b visits z2 (at c3) from 10:00 to 11:00; z1 lives at c1."""
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c1"), citizen("z2", "c3")],
        visits=[visit("v2", "z2", (600, 600), 60)],
    )
    return p, plan(route("e-b", at("v2", 600)))


def three_with_lift() -> tuple[Problem, Plan]:
    """e-a and e-c may use the lift, e-b may not; z1 blocks e-c; e-b already visits z1 at 08:00."""
    p = problem(
        carers=[carer("e-a", competences=["lift"]), carer("e-b"), carer("e-c", competences=["lift"])],
        citizens=[citizen("z1", "c1", blocked=["e-c"]), citizen("z2", "c2")],
        visits=[visit("v1", "z1", (480, 480), 30)],
    )
    return p, plan(route("e-b", at("v1", 480)))


def gaps_apart() -> tuple[Problem, Plan]:
    """z1 lives at c2. e-a visits z4 (at c4) at 08:00 and is free after it from 08:50.
    e-b visits z2 and z3 (both at c4) at 08:20 and 11:40: the gap costing e-b no extra travel
    before 08:20 (07:20–07:30) is not when e-a is free, but the one after 11:40 is."""
    p = problem(
        carers=[carer("e-a"), carer("e-b")],
        citizens=[citizen("z1", "c2"), citizen("z2", "c4"), citizen("z3", "c4"), citizen("z4", "c4")],
        visits=[
            visit("v2", "z2", (500, 500), 30),
            visit("v3", "z3", (700, 700), 30),
            visit("v4", "z4", (480, 480), 30),
        ],
    )
    return p, plan(route("e-a", at("v4", 480)), route("e-b", at("v2", 500), at("v3", 700)))


def booked(p: Problem, pl: Plan, option: SlotOption, duration: int) -> tuple[Problem, Plan]:
    """The problem and plan with ``option`` taken: a visit for z1 in every route of the option."""
    new = Visit("new", "z1", (option.start, option.start), duration, carers=len(option.carers))
    routes = {(r.carer, r.shift): r for r in pl.routes}
    for key in option.shifts:
        old = routes[key].stops if key in routes else ()
        stops = tuple(sorted((*old, VisitStop("new", option.start)), key=lambda s: s.start))
        routes[key] = Route(key[0], key[1], stops)
    return replace(p, visits=(*p.visits, new)), replace(pl, routes=tuple(routes.values()))


def two(
    citizen_id: str,
    duration: int,
    window: tuple[int, int],
    *,
    competences: frozenset[str] = frozenset(),
    preferred_carer: str | None = None,
) -> SlotRequest:
    """A request for two carers in one window, best first."""
    return SlotRequest(citizen_id, duration, (window,), competences, preferred_carer, carers=2)


def test_two_free_carers_are_offered_together_at_ten() -> None:
    p, pl = two_free()
    options = slots(p, pl, two("z1", 45, (600, 600)))
    assert [(o.start, set(o.carers)) for o in options] == [(600, {"e-a", "e-b"})]
    assert options[0].partner is not None and options[0].partner_shift == 0


def test_no_option_when_only_one_carer_is_free() -> None:
    p, pl = one_busy_at_ten()
    assert slots(p, pl, two("z1", 30, (600, 600))) == []
    assert [o.carer for o in slots(p, pl, SlotRequest("z1", 30, ((600, 600),)))] == ["e-a"]


def test_a_blocked_carer_is_never_offered_and_both_need_the_competence() -> None:
    p, pl = three_with_lift()
    assert slots(p, pl, two("z1", 30, (540, 800), competences=frozenset({"lift"})), limit=20) == []
    options = slots(p, pl, two("z1", 30, (540, 800)), limit=20)
    assert options and all(set(o.carers) == {"e-a", "e-b"} for o in options)


def test_a_pair_respects_competences() -> None:
    p = replace(three_with_lift()[0], citizens=(citizen("z1", "c1"), citizen("z2", "c2")))
    pl = three_with_lift()[1]
    options = slots(p, pl, two("z2", 30, (540, 800), competences=frozenset({"lift"})), limit=20)
    assert options and all(set(o.carers) == {"e-a", "e-c"} for o in options)


def test_the_carer_the_citizen_already_has_comes_first_in_the_pair() -> None:
    p, pl = three_with_lift()
    best = slots(p, pl, two("z1", 30, (540, 800)))[0]
    assert (best.carer, best.partner, best.known_carer) == ("e-b", "e-a", True)
    assert best.cost == pytest.approx(sum(o.cost for o in slots(p, pl, SlotRequest("z1", 30, ((540, 800),)))))


def test_a_preferred_carer_asked_for_is_in_the_first_pair_and_named_first() -> None:
    p = replace(
        three_with_lift()[0],
        carers=(carer("e-a"), carer("e-b"), carer("e-c"), carer("e-d", team="t2")),
        citizens=(citizen("z1", "c1", preferred=["e-d"]), citizen("z2", "c2")),
    )
    pl = three_with_lift()[1]
    first = slots(p, pl, two("z1", 30, (540, 800), preferred_carer="e-d"))[0]
    assert first.carer == "e-d" and first.preferred_carer


def test_earliest_mode_ranks_pairs_by_start() -> None:
    p, pl = one_busy_at_ten()
    options = slots(
        p, pl, SlotRequest("z1", 30, ((420, 599), (600, 699), (700, 800)), carers=2, mode="earliest")
    )
    assert [o.start for o in options] == sorted(o.start for o in options)
    assert all(o.start + 30 + 20 <= 600 or o.start >= 660 + 20 for o in options), "never while e-b is at z2"


def test_a_pair_is_found_when_the_carers_cheapest_gaps_lie_apart() -> None:
    p, pl = gaps_apart()
    options = slots(p, pl, two("z1", 30, (420, 900)))
    assert [(o.start, set(o.carers)) for o in options] == [(750, {"e-a", "e-b"})]


@pytest.mark.parametrize("instance", [two_free, one_busy_at_ten, three_with_lift, gaps_apart])
def test_every_pair_offered_passes_check_when_booked(instance: Callable[[], tuple[Problem, Plan]]) -> None:
    p, pl = instance()
    options = slots(p, pl, two("z1", 30, (420, 850)), limit=50)
    assert options
    for option in options:
        assert len(set(option.carers)) == 2
        assert check(*booked(p, pl, option, 30)) == []


def test_load_request_reads_carers_and_dump_request_writes_them_back() -> None:
    p, _ = two_free()
    data = {"citizen": "z1", "duration": 30, "windows": [[480, 540]], "carers": 2}
    request = load_request(data, p)
    assert request.carers == 2
    assert load_request(dump_request(request), p) == request
    assert load_request({"citizen": "z1", "duration": 30, "windows": [[480, 540]]}, p).carers == 1


@pytest.mark.parametrize("carers", [0, 3, "2", 2.0, True, None, [2]])
def test_load_request_names_carers_when_it_is_not_1_or_2(carers: object) -> None:
    with pytest.raises(FormatError, match=r"carers: .* is not 1 or 2"):
        load_request({"citizen": "z1", "duration": 30, "windows": [[480, 540]], "carers": carers})


def test_a_request_for_three_carers_is_refused() -> None:
    with pytest.raises(ValueError, match="carers: 3 must be 1 or 2"):
        SlotRequest("z1", 30, ((480, 540),), carers=3)


def test_the_cli_offers_pairs_with_carers_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p, pl = two_free()
    write_problem(tmp_path / "i.json", p)
    write_plan(tmp_path / "p.json", pl)
    (tmp_path / "r.json").write_text(json.dumps({"citizen": "z1", "duration": 30, "windows": [[600, 600]]}))
    files = [str(tmp_path / name) for name in ("i.json", "p.json", "r.json")]
    assert main(["slots", *files, "--carers", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [{json.loads(line)["carer"], json.loads(line)["partner"]} for line in lines] == [{"e-a", "e-b"}]
