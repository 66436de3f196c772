# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``check`` applies every rule of naerhed-plan/1, and ``figures`` computes the shared figures."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naerhed.planner.check import Rule, Violation, check, figures
from naerhed.planner.model import Problem
from naerhed.planner.plan import Plan, Route, Stop, Unassigned
from tests.planner.builders import at, carer, citizen, pause, plan, problem, route, shift, visit

A, B, C = "e-a", "e-b", "e-c"


def week() -> Problem:
    """3 carers, 3 citizens, 7 visits: a two-carer visit, a remote visit, a visit that may be
    30 minutes late, a visit 5-15 minutes after another, a day-1 visit and one left unassigned.

    Carer A (team t1, medication and lifting) has a break and two shifts; B (t1, lifting
    only) and C (t2, everything, blocked by citizen c-1) work 07:00-15:00 on day 0.
    """
    return problem(
        carers=[
            carer(
                A,
                competences={"medication", "lifting"},
                shifts=[shift(420, 900, (660, 720, 30)), shift(1860, 2340)],
            ),
            carer(B, competences={"lifting"}),
            carer(C, team="t2", competences={"medication", "lifting"}),
        ],
        citizens=[
            citizen("c-1", "c1", preferred=[A], blocked=[C]),
            citizen("c-2", "c2", preferred=[B]),
            citizen("c-3", "c3", team="t2"),
        ],
        visits=[
            visit("v1", "c-1", (420, 480), 30, competences={"medication"}),
            visit("v2", "c-2", (500, 560), 20, competences={"lifting"}, carers=2),
            visit("v3", "c-2", (530, 700), 15, remote=True),
            visit("v4", "c-3", (700, 720), 30, late_allowed=30),
            visit("v5", "c-3", (700, 800), 10, after=("v4", 5, 15)),
            visit("v6", "c-1", (600, 900), 45, priority=3),
            visit("v7", "c-1", (1800, 2400), 20),
        ],
    )


def a_day(*changes: tuple[str, Stop]) -> Route:
    """Carer A's day-0 route, with ``(name, stop)`` replacing the stop of that name."""
    stops: dict[str, Stop] = {
        "v1": at("v1", 450),
        "v2": at("v2", 520),
        "v3": at("v3", 600),
        "break": pause(660, 30),
        "v4": at("v4", 730),
    }
    stops.update(changes)
    return route(A, *stops.values())


def feasible() -> Plan:
    """The baseline every broken plan below changes in one place."""
    return plan(
        a_day(),
        route(A, at("v7", 1900), shift=1),
        route(B, at("v2", 520), at("v5", 740)),
        unassigned=["v6"],
    )


def with_routes(*routes: Route, unassigned: tuple[str, ...] = ("v6",)) -> Plan:
    """The baseline's day-1 route for A plus ``routes``."""
    return plan(*routes, route(A, at("v7", 1900), shift=1), unassigned=unassigned)


BROKEN: dict[Rule, Callable[[], Plan]] = {
    Rule.COMPETENCE: lambda: with_routes(
        route(A, at("v2", 520), at("v3", 600), pause(660, 30), at("v4", 730)),
        route(B, at("v1", 450), at("v2", 520), at("v5", 740)),
    ),
    Rule.BLOCKED_CARER: lambda: with_routes(
        route(A, at("v2", 520), at("v3", 600), pause(660, 30), at("v4", 730)),
        route(B, at("v2", 520), at("v5", 740)),
        route(C, at("v1", 450)),
    ),
    Rule.WINDOW: lambda: with_routes(a_day(("v2", at("v2", 495))), route(B, at("v2", 495), at("v5", 740))),
    Rule.LATE_BEYOND_ALLOWED: lambda: with_routes(
        a_day(("v4", at("v4", 760))), route(B, at("v2", 520), at("v5", 770))
    ),
    Rule.SHIFT_START: lambda: replace(
        feasible(), routes=(*feasible().routes[::2], route(A, at("v7", 1850), shift=1))
    ),
    Rule.SHIFT_END: lambda: replace(
        feasible(), routes=(*feasible().routes[::2], route(A, at("v7", 2320), shift=1))
    ),
    Rule.TRAVEL_TIME: lambda: with_routes(
        a_day(("v1", at("v1", 425))), route(B, at("v2", 520), at("v5", 740))
    ),
    Rule.OVERLAP: lambda: with_routes(a_day(("v3", at("v3", 535))), route(B, at("v2", 520), at("v5", 740))),
    Rule.BREAK_MISSING: lambda: with_routes(
        route(A, at("v1", 450), at("v2", 520), at("v3", 600), at("v4", 730)),
        route(B, at("v2", 520), at("v5", 740)),
    ),
    Rule.BREAK_WINDOW: lambda: with_routes(
        a_day(("break", pause(640, 30))), route(B, at("v2", 520), at("v5", 740))
    ),
    Rule.BREAK_DURATION: lambda: with_routes(
        a_day(("break", pause(660, 20))), route(B, at("v2", 520), at("v5", 740))
    ),
    Rule.BREAK_EXTRA: lambda: with_routes(a_day(), route(B, at("v2", 520), pause(600, 30), at("v5", 740))),
    Rule.TWO_CARER_SAME_CARER: lambda: with_routes(
        route(A, at("v1", 450), at("v2", 520), at("v2", 545), at("v3", 600), pause(660, 30), at("v4", 730)),
        route(B, at("v5", 740)),
    ),
    Rule.TWO_CARER_START_MISMATCH: lambda: with_routes(a_day(), route(B, at("v2", 525), at("v5", 740))),
    Rule.VISIT_COPIES: lambda: with_routes(
        a_day(), route(B, at("v2", 520), at("v5", 740)), route(C, at("v3", 600))
    ),
    Rule.VISIT_BOTH_PLANNED_AND_UNASSIGNED: lambda: replace(
        feasible(), unassigned=(Unassigned("v6"), Unassigned("v1"))
    ),
    Rule.VISIT_MISSING: lambda: replace(feasible(), unassigned=()),
    Rule.UNKNOWN_VISIT: lambda: replace(feasible(), unassigned=(Unassigned("v6"), Unassigned("v-ghost"))),
    Rule.UNKNOWN_CARER: lambda: replace(feasible(), routes=(*feasible().routes, route("e-ghost"))),
    Rule.BAD_SHIFT_INDEX: lambda: replace(feasible(), routes=(*feasible().routes, route(C, shift=5))),
    Rule.DUPLICATE_ROUTE: lambda: replace(feasible(), routes=(*feasible().routes, route(B))),
    Rule.AFTER_GAP: lambda: with_routes(a_day(), route(B, at("v2", 520), at("v5", 760))),
    Rule.AFTER_PARTIAL: lambda: with_routes(a_day(), route(B, at("v2", 520)), unassigned=("v6", "v5")),
}


def test_the_baseline_plan_is_feasible() -> None:
    assert check(week(), feasible()) == []


def test_every_rule_has_a_broken_plan() -> None:
    assert set(BROKEN) == set(Rule)


@pytest.mark.parametrize("rule", list(BROKEN), ids=lambda r: r.value)
def test_a_plan_breaking_one_rule_is_rejected_with_exactly_that_rule(rule: Rule) -> None:
    violations = check(week(), BROKEN[rule]())
    assert {v.rule for v in violations} == {rule}, [str(v) for v in violations]


@pytest.mark.parametrize(
    ("rule", "visit", "carer"),
    [
        (Rule.COMPETENCE, "v1", B),
        (Rule.BLOCKED_CARER, "v1", C),
        (Rule.TRAVEL_TIME, "v1", A),
        (Rule.OVERLAP, "v3", A),
        (Rule.AFTER_GAP, "v5", None),
        (Rule.BREAK_MISSING, None, A),
    ],
    ids=lambda x: getattr(x, "value", x),
)
def test_a_violation_names_the_visit_and_carer_concerned(
    rule: Rule, visit: str | None, carer: str | None
) -> None:
    (violation,) = check(week(), BROKEN[rule]())
    assert (violation.visit, violation.carer) == (visit, carer)


def test_a_violation_reads_as_its_rule_and_a_plain_message() -> None:
    (violation,) = check(week(), BROKEN[Rule.TRAVEL_TIME]())
    assert str(violation) == "travel_time: carer e-a starts visit v1 at 425 but cannot arrive before 430"


def test_a_visit_started_after_its_window_without_late_allowed_breaks_the_window_rule() -> None:
    broken = with_routes(a_day(("v2", at("v2", 565))), route(B, at("v2", 565), at("v5", 740)))
    assert [v.rule for v in check(week(), broken)] == [Rule.WINDOW, Rule.WINDOW]


def test_a_two_carer_visit_planned_once_is_partly_planned() -> None:
    broken = with_routes(a_day(), route(B, at("v5", 740)))
    assert check(week(), broken) == [
        Violation(Rule.VISIT_COPIES, "visit v2 needs 2 carer(s) and is planned 1 times", "v2")
    ]


def test_a_second_break_in_a_shift_with_a_break_is_extra() -> None:
    broken = with_routes(
        route(A, at("v1", 450), at("v2", 520), at("v3", 600), pause(660, 30), at("v4", 730), pause(770, 30)),
        route(B, at("v2", 520), at("v5", 740)),
    )
    assert [v.rule for v in check(week(), broken)] == [Rule.BREAK_EXTRA]


def test_a_remote_visit_neither_travels_nor_moves_the_carer() -> None:
    """1 carer at the office, 1 citizen 40 minutes away at c4, 1 screen visit at 07:05."""
    screen = problem(
        carers=[carer(A, shifts=[shift(420, 480)])],
        citizens=[citizen("c-4", "c4")],
        visits=[visit("v", "c-4", (420, 480), 15, remote=True)],
    )
    by_screen = plan(route(A, at("v", 425)))
    assert check(screen, by_screen) == []
    assert (figures(screen, by_screen).travel_minutes, figures(screen, by_screen).travel_km) == (0, 0.0)


def test_a_plan_with_every_visit_unassigned_is_feasible() -> None:
    empty = plan(unassigned=[v.id for v in week().visits])
    assert check(week(), empty) == []


def test_figures_of_the_baseline_match_the_hand_computed_values() -> None:
    """Routes: A day 0 office→c1→c2→(remote)→c3→office, A day 1 office→c1→office,
    B office→c2→c3→office. 7 visit-carer pairs: A v1 v2 v3 v4 v7, B v2 v5."""
    numbers = figures(week(), feasible())
    assert numbers.unassigned == 1
    assert numbers.unassigned_by_priority == {1: 0, 2: 0, 3: 1}
    assert numbers.unassigned_minutes == 45
    assert numbers.travel_minutes == 60 + 20 + 60
    assert numbers.travel_km == pytest.approx(9.0 + 3.0 + 9.0)
    assert numbers.carers_by_citizen == {"c-1": 1, "c-2": 2, "c-3": 2}
    assert numbers.distinct_carers_per_citizen == pytest.approx(5 / 3)
    assert numbers.own_team_share == pytest.approx(5 / 7)  # v4 and v5 are for c-3 of team t2
    assert numbers.preferred_share == pytest.approx(3 / 7)  # A at c-1 twice, B at c-2 once
    assert numbers.care_time_share == pytest.approx((30 + 20 + 15 + 30 + 20 + 20 + 10) / (480 * 4))
    # A: 30 before v2, 60 before v3, 30 before v4 (first stops never wait); B: 190 before v5.
    assert numbers.waiting_minutes == 30 + 60 + 30 + 190
    assert (numbers.late_minutes, numbers.max_late) == (10, 10)


def test_figures_to_dict_is_plain_json() -> None:
    data = json.loads(json.dumps(figures(week(), feasible()).to_dict()))
    assert data["unassigned_by_priority"] == {"1": 0, "2": 0, "3": 1}
    assert data["travel_km"] == 21.0
    assert set(data) == {
        "unassigned",
        "unassigned_by_priority",
        "unassigned_minutes",
        "travel_minutes",
        "travel_km",
        "distinct_carers_per_citizen",
        "carers_by_citizen",
        "own_team_share",
        "preferred_share",
        "care_time_share",
        "waiting_minutes",
        "late_minutes",
        "max_late",
    }


def test_figures_of_an_empty_plan_are_zero_shares_and_everything_unassigned() -> None:
    numbers = figures(week(), plan(unassigned=[v.id for v in week().visits]))
    assert (numbers.unassigned, numbers.unassigned_minutes) == (7, 30 + 20 + 15 + 30 + 10 + 45 + 20)
    assert (numbers.own_team_share, numbers.preferred_share, numbers.care_time_share) == (0.0, 0.0, 0.0)
    assert (numbers.distinct_carers_per_citizen, numbers.travel_minutes, numbers.max_late) == (0.0, 0, 0)


stops = st.one_of(
    st.builds(
        at, st.sampled_from(["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v-ghost"]), st.integers(0, 2500)
    ),
    st.builds(pause, st.integers(0, 2500), st.integers(1, 60)),
)
routes = st.builds(
    lambda carer_id, shift_index, route_stops: route(carer_id, *route_stops, shift=shift_index),
    st.sampled_from([A, B, C, "e-ghost"]),
    st.integers(0, 2),
    st.lists(stops, max_size=6),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(routes, max_size=4), st.lists(st.sampled_from(["v1", "v2", "v5", "v6", "v7", "v-ghost"])))
def test_any_plan_is_checked_without_crashing_and_accepted_only_if_complete(
    plan_routes: list[Route], unassigned: list[str]
) -> None:
    candidate = plan(*plan_routes, unassigned=unassigned)
    violations = check(week(), candidate)
    figures(week(), candidate)
    if not violations:
        starts = candidate.starts()
        listed = [u.visit for u in candidate.unassigned]
        for v in week().visits:
            assert (len(starts.get(v.id, [])), listed.count(v.id)) in ((v.carers, 0), (0, 1))
