# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The Mankowska et al. (2014) benchmark: reader, mapping, verifier, retiming, peer, engine, CLI.

``data/InstanzCPLEX_HCSRP_10_1.txt`` is a copy of the published instance (10
patients, 3 carers, 6 services, patients 8, 9 and 10 need two services: 8 at
the same time, 9 with a 51–102 minute gap, 10 with 8–16 minutes).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from naerhed.planner.bench_cli import main as bench_main
from naerhed.planner.check import check
from naerhed.planner.figures import figures
from naerhed.planner.io import dump_problem, load_problem
from naerhed.planner.mankowska.bench import read_best_known
from naerhed.planner.mankowska.mapping import (
    engine_params,
    horizon_end,
    parse_visit_id,
    to_problem,
    visit_id,
)
from naerhed.planner.mankowska.reader import MankowskaInstance, parse_instance, read_instance
from naerhed.planner.mankowska.solution import (
    MankowskaSolution,
    ServiceStart,
    from_json,
    from_plan,
    read_solution,
    to_json,
)
from naerhed.planner.mankowska.timing import retime
from naerhed.planner.mankowska.verify import verify
from naerhed.planner.peers.ortools_mankowska import solve_ortools

DATA = Path(__file__).parent / "data"
FILE_10_1 = DATA / "InstanzCPLEX_HCSRP_10_1.txt"


@pytest.fixture(scope="module")
def inst_10_1() -> MankowskaInstance:
    return read_instance(FILE_10_1)


def line_instance(**changes: object) -> MankowskaInstance:
    """3 patients on a line 10 apart, 2 carers, 2 services, processing 5 each.

    Carer 1 does s1 only, carer 2 both. Patient 1 needs s1 (earliest start 15),
    patient 2 s1 and s2 together, patient 3 s1 then s2 10–20 minutes later.
    """
    pos = (0, 10, 20, 30, 0)
    base = MankowskaInstance(
        name="line",
        n_nodes=5,
        n_vehicles=2,
        n_services=2,
        required=((True, True), (True, False), (True, True), (True, True), (True, True)),
        double=frozenset({2, 3}),
        qualified=((True, False), (True, True)),
        x=tuple(float(p) for p in pos),
        y=(0.0,) * 5,
        dist=tuple(tuple(float(abs(a - b)) for b in pos) for a in pos),
        proc=((5.0, 5.0),) * 5,
        min_gap=(0.0, 0.0, 0.0, 10.0, 0.0),
        max_gap=(0.0, 0.0, 0.0, 20.0, 0.0),
        early=(0.0, 15.0, 0.0, 0.0, 0.0),
        late=(1000.0, 100.0, 100.0, 100.0, 1000.0),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def line_solution(*routes: list[tuple[int, int, float]]) -> MankowskaSolution:
    """Routes as (patient, 1-based service, start) triples."""
    return MankowskaSolution("line", tuple(tuple(ServiceStart(p, s - 1, t) for p, s, t in r) for r in routes))


VALID_LINE = ([(1, 1, 15.0), (2, 1, 30.0), (3, 1, 45.0)], [(2, 2, 30.0), (3, 2, 60.0)])


# The reader


def test_reader_reads_every_section_of_10_1(inst_10_1: MankowskaInstance) -> None:
    i = inst_10_1
    assert (i.n_nodes, i.n_vehicles, i.n_services) == (12, 3, 6)
    assert list(i.patients) == list(range(1, 11))
    assert i.double == frozenset({8, 9, 10})  # DS "11 10 9" is 1-based
    assert i.services(8) == (4, 5) and i.services(1) == (3,)
    assert i.qualified[1] == (False, False, False, False, True, True)
    assert i.dist[0][4] == pytest.approx(7.28011) and i.dist[11] == i.dist[0]
    assert i.proc[3][0] == 14.0 and i.proc[0][0] == 0.0
    assert (i.min_gap[9], i.max_gap[9], i.min_gap[8], i.max_gap[8]) == (51.0, 102.0, 0.0, 0.0)
    assert (i.early[1], i.late[1], i.late[11]) == (345.0, 465.0, 1000.0)
    assert len(i.tasks) == 13


def test_reader_names_a_section_with_too_few_values() -> None:
    text = FILE_10_1.read_text().replace("x\n85 47 54", "x\n85 54")
    with pytest.raises(ValueError, match="x: 11 values, expected 12"):
        parse_instance(text, "broken")


def test_reader_rejects_processing_times_that_differ_between_carers() -> None:
    lines = FILE_10_1.read_text().splitlines()
    first_p_row = lines.index("p") + 1
    lines[first_p_row + 4] = "14.0 14.0 14.0 14.0 14.0 15.0"  # node 1, carer 2
    with pytest.raises(ValueError, match="node 1 has different processing times for carer 2"):
        parse_instance("\n".join(lines), "broken")


def test_reader_rejects_a_double_service_patient_with_one_service() -> None:
    text = FILE_10_1.read_text().replace("DS\n11 10 9", "DS\n11 10 9 2")
    with pytest.raises(ValueError, match="patient 1 requires 1 services, expected 2"):
        parse_instance(text, "broken")


# The mapping


def test_mapping_gives_one_carer_per_vehicle_and_one_visit_per_service(inst_10_1: MankowskaInstance) -> None:
    problem = to_problem(inst_10_1)
    assert [c.id for c in problem.carers] == ["v1", "v2", "v3"]
    assert problem.carer_by_id["v2"].competences == {"s5", "s6"}
    assert all(len(c.shifts) == 1 and c.shifts[0].break_ is None for c in problem.carers)
    assert len(problem.citizens) == 10 and len(problem.visits) == 13
    assert problem.visit_by_id["p3-s2"].competences == {"s2"}


def test_mapped_problem_passes_the_format_schema_and_round_trips(inst_10_1: MankowskaInstance) -> None:
    problem = to_problem(inst_10_1)
    again = load_problem(json.loads(json.dumps(dump_problem(problem))))
    assert again.visits == problem.visits and again.carers == problem.carers


def test_mapping_links_double_services_with_their_gaps(inst_10_1: MankowskaInstance) -> None:
    visits = to_problem(inst_10_1).visit_by_id
    links = {v.id: (v.after.visit, v.after.min_gap, v.after.max_gap) for v in visits.values() if v.after}
    assert links == {"p8-s6": ("p8-s5", 0, 0), "p9-s4": ("p9-s1", 51, 102), "p10-s6": ("p10-s3", 8, 16)}


def test_mapping_makes_tardiness_soft_up_to_the_horizon(inst_10_1: MankowskaInstance) -> None:
    problem, h = to_problem(inst_10_1), horizon_end(inst_10_1)
    assert h == 2000
    assert problem.visit_by_id["p1-s4"].window == (345, 465)
    assert {v.latest_start for v in problem.visits} == {h}
    assert all(v.latest_start + v.duration <= problem.carers[0].shifts[0].end for v in problem.visits)


def test_mapping_keeps_exact_km_and_rounds_minutes_up(inst_10_1: MankowskaInstance) -> None:
    travel = to_problem(inst_10_1).travel["car"]
    assert travel.size == 11  # the end depot is the start depot
    assert travel.km[0][4] == pytest.approx(7.28011) and travel.minutes[0][4] == 8
    assert travel.minutes[1][6] == 34  # an exact 34.0 stays 34


def test_visit_ids_round_trip() -> None:
    assert visit_id(3, 0) == "p3-s1" and parse_visit_id("p3-s1") == (3, 0)


def test_engine_params_weigh_only_what_the_benchmark_scores() -> None:
    params = engine_params(7.0)
    assert params.time_limit == 7.0 and params.travel_per_minute == 1
    assert params.carer_per_citizen == params.waiting_per_minute == params.fairness_per_percent == 0
    assert params.late_per_minute == params.max_late_per_minute == 1


# The verifier


def test_verifier_reproduces_the_published_objective_arithmetic() -> None:
    """One carer, two patients: D = 741.137, lateness 22.170 and 77.134, as instance 10_3's best."""
    d = (
        (0.0, 200.0, 1.0, 0.0),
        (200.0, 0.0, 300.0, 1.0),
        (1.0, 300.0, 0.0, 241.137),
        (0.0, 1.0, 241.137, 0.0),
    )
    inst = MankowskaInstance(
        name="readme",
        n_nodes=4,
        n_vehicles=1,
        n_services=1,
        required=((True,),) * 4,
        double=frozenset(),
        qualified=((True,),),
        x=(0.0,) * 4,
        y=(0.0,) * 4,
        dist=d,
        proc=((10.0,),) * 4,
        min_gap=(0.0,) * 4,
        max_gap=(0.0,) * 4,
        early=(0.0,) * 4,
        late=(600.0, 177.83, 432.866, 600.0),
    )
    route = (ServiceStart(1, 0, 200.0), ServiceStart(2, 0, 510.0))
    verdict = verify(inst, MankowskaSolution("readme", (route,)))
    assert verdict.ok
    assert verdict.distance == pytest.approx(741.137)
    assert verdict.total_tardiness == pytest.approx(99.304)
    assert verdict.max_tardiness == pytest.approx(77.134)
    assert round(verdict.objective, 3) == 305.858


def test_verifier_accepts_a_valid_solution_and_counts_its_distance() -> None:
    verdict = verify(line_instance(), line_solution(*VALID_LINE))
    assert verdict.ok, verdict.violations
    assert (verdict.distance, verdict.total_tardiness, verdict.unserved) == (120.0, 0.0, 0)


BROKEN = {
    "window": (([(1, 1, 12.0), (2, 1, 30.0), (3, 1, 45.0)], VALID_LINE[1]), "before e = 15"),
    "qualification": ((VALID_LINE[1], VALID_LINE[0]), "vehicle 1 is not qualified for service 2"),
    "sync": ((VALID_LINE[0], [(2, 2, 31.0), (3, 2, 60.0)]), "patient 2: not synchronised"),
    "gap": ((VALID_LINE[0], [(2, 2, 30.0), (3, 2, 70.0)]), "patient 3: gap out of range"),
    "missing": ((VALID_LINE[0], [(2, 2, 30.0)]), "patient 3 service 2 is not done"),
    "twice": (([(1, 1, 15.0), *VALID_LINE[0][1:]], [(1, 1, 20.0), *VALID_LINE[1]]), "is done 2 times"),
    "travel": (
        ([(1, 1, 15.0), (2, 1, 29.0), (3, 1, 45.0)], [(2, 2, 29.0), (3, 2, 60.0)]),
        "starts at 29.000, before arrival at 30.000",
    ),
}


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_verifier_rejects_a_solution_that_breaks_one_rule(rule: str) -> None:
    routes, message = BROKEN[rule]
    verdict = verify(line_instance(), line_solution(*routes))
    assert not verdict.ok
    assert any(message in v for v in verdict.violations), verdict.violations


def test_verifier_counts_tardiness_after_the_due_time_without_rejecting() -> None:
    verdict = verify(line_instance(late=(1000.0, 10.0, 100.0, 100.0, 1000.0)), line_solution(*VALID_LINE))
    assert verdict.ok and verdict.total_tardiness == verdict.max_tardiness == 5.0


# Retiming and the solution file


def test_retime_starts_every_service_as_early_as_the_orders_allow() -> None:
    late = line_solution([(1, 1, 50.0), (2, 1, 90.0), (3, 1, 120.0)], [(2, 2, 90.0), (3, 2, 135.0)])
    timed = retime(line_instance(), late)
    assert timed is not None
    assert [s.start for r in timed.routes for s in r] == [15.0, 30.0, 45.0, 30.0, 55.0]
    assert verify(line_instance(), timed).ok


def test_retime_reports_orders_no_schedule_can_satisfy() -> None:
    # Carer 2 does patient 3's s2 before patient 2's s2, but 2's s2 must start with 2's s1,
    # which carer 1 does before 3's s1: a positive cycle.
    crossed = line_solution([(2, 1, 0.0), (3, 1, 0.0)], [(3, 2, 0.0), (2, 2, 0.0)])
    assert retime(line_instance(), crossed) is None


def test_solution_json_round_trips(tmp_path: Path) -> None:
    solution = dataclasses.replace(line_solution(*VALID_LINE), unserved=((1, 0),), solver="x")
    assert from_json(to_json(solution)) == solution
    assert to_json(solution)["routes"][1]["visits"][0] == {"patient": 2, "service": 2, "start": 30.0}


# Solvers and the command


def test_ortools_peer_solves_10_1_with_a_verified_solution(inst_10_1: MankowskaInstance) -> None:
    solution = solve_ortools(inst_10_1, time_limit=5.0)
    verdict = verify(inst_10_1, solution)
    assert verdict.ok, verdict.violations
    assert verdict.objective < 1.1 * 218.199  # best known 218.199


def test_engine_solves_10_1_through_the_mapping_verified(inst_10_1: MankowskaInstance) -> None:
    from naerhed.planner.solve import solve

    problem = to_problem(inst_10_1)
    plan = solve(problem, engine_params(5.0))
    assert check(problem, plan) == []
    solution = from_plan(inst_10_1, plan, "engine")
    verdict = verify(inst_10_1, solution)
    assert verdict.ok, verdict.violations
    # The shared figures and the independent verifier agree on the engine's own times.
    shared = figures(problem, plan)
    assert shared.travel_km == pytest.approx(verdict.distance)
    assert (shared.late_minutes, shared.max_late) == (verdict.total_tardiness, verdict.max_tardiness)
    timed = retime(inst_10_1, solution)
    assert timed is not None and verify(inst_10_1, timed).ok


def test_bench_command_writes_a_verified_table_and_solutions(tmp_path: Path) -> None:
    data = tmp_path / "instances"
    data.mkdir()
    (data / FILE_10_1.name).write_text(FILE_10_1.read_text())
    (tmp_path / "best_known.md").write_text(
        "| instance | distance_traveled | max_tardiness | total_tardiness | total_cost | solution |\n"
        "|:--|--:|--:|--:|--:|:--|\n"
        "| InstanzCPLEX_HCSRP_10_1.json | 654.596 | 0 | 0 | 218.199 | sol.json |\n"
    )
    assert read_best_known(data)["InstanzCPLEX_HCSRP_10_1"].cost == 218.199
    out = tmp_path / "out"
    code = bench_main(
        ["mankowska", "--dir", str(data), "--solver", "ortools", "--time-limit", "1", "--out", str(out)]
    )
    report = (out / "benchmarks-mankowska.md").read_text()
    assert code == 0
    assert "| InstanzCPLEX_HCSRP_10_1 | ortools |" in report and "| yes | 0 |" in report
    solution = read_solution(out / "benchmarks-mankowska" / "ortools" / "InstanzCPLEX_HCSRP_10_1.json")
    assert verify(read_instance(FILE_10_1), solution).ok
