# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The synthetic instance generator: deterministic, Aabenraa's proportions, every feature present."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter

import pytest

from naerhed.planner.generate import GENERATOR_VERSION, generate
from naerhed.planner.io import dump_problem, load_problem
from naerhed.planner.model import Problem
from naerhed.planner.synthetic import care, staff


@pytest.fixture(scope="module")
def rural_400() -> Problem:
    """The largest benchmark size, where proportions have room to show."""
    return generate("rural", 400, seed=1)


@pytest.fixture(scope="module")
def urban_80() -> Problem:
    return generate("urban", 80, seed=2)


def test_same_arguments_give_the_same_instance() -> None:
    assert dump_problem(generate("urban", 60, 5)) == dump_problem(generate("urban", 60, 5))


def test_another_seed_gives_another_instance() -> None:
    assert dump_problem(generate("urban", 60, 5)) != dump_problem(generate("urban", 60, 6))


def test_unknown_family_is_refused() -> None:
    with pytest.raises(ValueError, match="family"):
        generate("suburban", 80, 1)


def test_instance_round_trips_through_io(urban_80: Problem) -> None:
    document = dump_problem(urban_80)
    assert dump_problem(load_problem(document)) == document


def test_meta_records_family_seed_and_generator_version(urban_80: Problem) -> None:
    assert urban_80.meta["family"] == "urban"
    assert urban_80.meta["seed"] == 2
    assert urban_80.meta["generator_version"] == GENERATOR_VERSION


def test_horizon_is_one_week_from_a_monday(urban_80: Problem) -> None:
    assert urban_80.horizon.days == 7
    assert urban_80.horizon.start_date.weekday() == dt.date(2026, 11, 16).weekday() == 0


def test_package_holders_follow_the_aabenraa_mix(rural_400: Problem) -> None:
    held = Counter(k for packages in rural_400.meta["packages"].values() for k in packages)
    for package, (holders, _) in care.PACKAGES.items():
        expected = holders / care.WEEKLY_CITIZENS
        assert held[package] / 400 == pytest.approx(expected, abs=0.02), package


def test_staff_mix_follows_the_aabenraa_mix(rural_400: Problem) -> None:
    count = Counter(c.profession for c in rural_400.carers)
    for profession, share in staff.STAFF_MIX.items():
        assert count[profession] / len(rural_400.carers) == pytest.approx(share, abs=0.06), profession


def test_contracts_follow_the_aabenraa_mix(rural_400: Problem) -> None:
    hours = list(rural_400.meta["contract_hours"].values())
    full = sum(h == 37 for h in hours) / len(hours)
    middle = sum(32 <= h <= 36 for h in hours) / len(hours)
    assert full == pytest.approx(0.115, abs=0.08)
    assert middle == pytest.approx(0.389, abs=0.1)
    assert 1 - full - middle == pytest.approx(0.497, abs=0.1)


def test_about_one_carer_per_three_and_a_half_citizens(rural_400: Problem) -> None:
    assert 2.8 <= 400 / len(rural_400.carers) <= 4.2


def test_package_visits_add_up_to_price_over_hourly_price() -> None:
    for package, pattern in care.CARE_PATTERNS.items():
        planned = sum(7 * daily + bath for _, daily, bath in pattern)
        assert planned == pytest.approx(care.weekly_minutes(package), rel=0.1), package


def test_every_feature_is_present(rural_400: Problem) -> None:
    visits = rural_400.visits
    assert any(v.carers == 2 for v in visits)
    assert any(v.remote for v in visits)
    assert {"medication", "insulin", "eye-drops", "compression"} <= {c for v in visits for c in v.competences}
    assert {v.priority for v in visits} == {1, 2, 3}
    assert any(z.blocked_carers for z in rural_400.citizens)
    assert all(1 <= len(z.preferred_carers) <= 3 for z in rural_400.citizens)
    assert all(s.break_ is not None for c in rural_400.carers for s in c.shifts if s.minutes >= 360)
    assert any(s.day >= 5 for c in rural_400.carers for s in c.shifts)
    assert any(s.end - s.day * 1440 > 1440 for c in rural_400.carers for s in c.shifts)  # night shifts
    assert 2 <= len(rural_400.teams) <= 4


def test_delegated_nursing_is_held_only_by_ssa_and_nurses(rural_400: Problem) -> None:
    for carer in rural_400.carers:
        if carer.competences & care.DELEGATED_COMPETENCES:
            assert carer.profession in ("SSA", "nurse")


def test_preferred_carers_belong_to_the_citizens_team(rural_400: Problem) -> None:
    carers = rural_400.carer_by_id
    for citizen in rural_400.citizens:
        assert all(carers[c].team == citizen.team for c in citizen.preferred_carers)


def test_weekend_duty_is_a_minority_of_the_staff(rural_400: Problem) -> None:
    on_duty = sum(any(s.day >= 5 for s in c.shifts) for c in rural_400.carers)
    assert 0.2 <= on_duty / len(rural_400.carers) <= 0.75


def test_every_visit_has_enough_carers_who_may_take_it_on_shift(urban_80: Problem) -> None:
    for visit in urban_80.visits:
        able = [
            c
            for c in urban_80.carers
            if urban_80.can_serve(c, visit)
            and any(
                s.start <= visit.window[1] and visit.window[0] + visit.duration <= s.end for s in c.shifts
            )
        ]
        assert len(able) >= visit.carers, visit.id


def test_rural_homes_lie_further_apart_than_urban_ones() -> None:
    def mean_to_office(problem: Problem) -> float:
        office = problem.carers[0].start_location
        return statistics.mean(problem.travel_km("car", office, z.location) for z in problem.citizens)

    assert mean_to_office(generate("rural", 80, 3)) > 2 * mean_to_office(generate("urban", 80, 3))
