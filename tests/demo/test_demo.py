# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo municipality: loads once, in Aabenraa's proportions, with one login per role.

The demo is built once for the module (about two seconds) and removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from naerhed.accounts.models import Role, User
from naerhed.citizens.fsiii import is_function_area
from naerhed.citizens.models import CarerWish, CarerWishKind, Citizen, FunctionLevel, Relative
from naerhed.demo import planning_bridge
from naerhed.demo.builder import CITIZENS, demo_counts, demo_teams, reset_demo
from naerhed.demo.catalogue import COMPETENCES
from naerhed.demo.packages import AABENRAA_CITIZENS, ALL_SERVICES, PACKAGES
from naerhed.grants.models import Grant, LawParagraph, Recurrence, Service
from naerhed.lib.cpr import normalise_cpr
from naerhed.lib.dates import monday_of
from naerhed.planning.models import PlanningRun, RunStatus
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import Competence, Profession, RosterShift, ShiftLayer, StaffMember
from naerhed.workforce.rota import ensure_rota


def _load() -> str:
    out = io.StringIO()
    call_command("demo", "--no-plan", stdout=out)
    return out.getvalue()


def _remove_catalogue() -> None:
    Service.objects.filter(code__in=[s.code for s in ALL_SERVICES]).delete()
    Competence.objects.filter(code__in=[code for code, _, _ in COMPETENCES]).delete()


@pytest.fixture(scope="module")
def first_output(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with django_db_blocker.unblock():
        output = _load()
        yield output
        reset_demo()
        _remove_catalogue()


@pytest.fixture
def demo(first_output: str, db: None) -> str:
    return first_output


def test_the_demo_loads_two_districts_six_teams_and_about_250_citizens_and_70_staff(demo: str) -> None:
    counts = demo_counts()
    assert counts.teams == 6
    assert {t.district.name for t in demo_teams()} == {"Aabenraa Nord", "Aabenraa Syd"}
    assert 240 <= counts.citizens <= 260
    assert 65 <= counts.staff <= 75
    assert 500 <= counts.grants <= 800
    assert 1500 <= counts.visits <= 3000


def test_the_command_prints_every_login_and_the_counts(demo: str) -> None:
    for username in ("carer", "carer2", "teamleader", "planner", "visitator", "nurse", "manager", "admin"):
        assert f"\n{username} " in demo
    assert "citizens 250" in demo


def test_running_the_command_again_duplicates_nothing(demo: str) -> None:
    before = demo_counts()
    again = _load()
    assert "already loaded" in again
    assert demo_counts() == before


def test_each_package_is_held_in_aabenraas_2024_proportions(demo: str) -> None:
    holders = dict(
        Grant.objects.values_list("service__code").annotate(n=Count("citizen", distinct=True)).order_by()
    )
    for spec in PACKAGES:
        expected = spec.aabenraa_count * CITIZENS / AABENRAA_CITIZENS
        assert abs(holders.get(spec.code, 0) - expected) <= max(1.5, expected * 0.1), spec.code


def test_staff_are_in_aabenraas_mix_of_professions_and_contracts(demo: str) -> None:
    staff = list(StaffMember.objects.all())
    share = Counter(m.profession for m in staff)
    assert abs(share[Profession.SSH] / len(staff) - 0.496) < 0.03
    assert abs(share[Profession.SSA] / len(staff) - 0.216) < 0.03
    assert abs(share[Profession.UNSKILLED] / len(staff) - 0.142) < 0.03
    assert abs(share[Profession.CLEANING_ASSISTANT] / len(staff) - 0.043) < 0.02
    assert share[Profession.NURSE] >= 5 and share[Profession.OCCUPATIONAL_THERAPIST] >= 1
    under_32 = sum(1 for m in staff if m.weekly_hours < 32)
    full = sum(1 for m in staff if m.weekly_hours == 37)
    assert abs(under_32 / len(staff) - 0.497) < 0.03 and abs(full / len(staff) - 0.115) < 0.03


def test_every_team_has_day_evening_and_night_staff_and_a_leader(demo: str) -> None:
    for team in demo_teams():
        members = list(team.staff.all())
        assert any(m.works_day for m in members) and any(m.works_evening for m in members)
        assert any(m.works_night for m in members)
        assert team.leader is not None and team.leader.team_id == team.pk


def test_ssa_and_nurses_hold_the_delegated_competences(demo: str) -> None:
    nurse = StaffMember.objects.filter(profession=Profession.NURSE).first()
    assert nurse is not None
    assert nurse.competences.filter(delegated_nursing=True).count() == 9
    ssa_with_insulin = StaffMember.objects.filter(
        profession=Profession.SSA, competences__code="insulin"
    ).count()
    assert ssa_with_insulin >= StaffMember.objects.filter(profession=Profession.SSA).count() * 0.8
    assert not StaffMember.objects.filter(profession=Profession.CLEANING_ASSISTANT, competences__isnull=False)


def test_citizens_live_around_aabenraa_with_valid_cpr_numbers(demo: str) -> None:
    for citizen in Citizen.objects.all():
        assert 54.78 <= citizen.lat <= 55.14 and 9.20 <= citizen.lon <= 9.52, citizen.address
        assert normalise_cpr(citizen.cpr) == citizen.cpr
        assert 66 <= citizen.age(timezone.localdate()) <= 101


def test_the_key_person_is_in_the_citizens_team_and_ranks_first_among_preferred_carers(demo: str) -> None:
    for citizen in Citizen.objects.select_related("key_person"):
        assert citizen.key_person is not None and citizen.key_person.team_id == citizen.team_id
        first = (
            CarerWish.objects.filter(citizen=citizen, kind=CarerWishKind.PREFERRED).order_by("rank").first()
        )
        assert first is not None and first.staff_id == citizen.key_person_id
    assert 3 <= CarerWish.objects.filter(kind=CarerWishKind.BLOCKED).count() <= 30


def test_relatives_flags_and_function_levels_look_like_a_real_caseload(demo: str) -> None:
    assert Relative.objects.filter(consent_to_share=True, consent_recorded_on__isnull=False).count() > 100
    assert 60 <= Citizen.objects.filter(lives_alone=True).count() <= 160
    assert 15 <= Citizen.objects.filter(memory_impairment=True).count() <= 70
    codes = set(FunctionLevel.objects.values_list("fsiii_code", flat=True))
    assert codes and all(is_function_area(code) for code in codes)


def test_about_seventy_percent_of_delegated_nursing_is_time_limited(demo: str) -> None:
    nursing = Grant.objects.filter(service__paragraph=LawParagraph.SUL_138, remote=False)
    interventions = set(nursing.values_list("citizen", "service"))
    limited = set(nursing.filter(ends_on__isnull=False).values_list("citizen", "service"))
    assert 0.6 <= len(limited) / len(interventions) <= 0.8


def test_the_grants_include_two_carer_screen_frame_and_klippekort_kinds(demo: str) -> None:
    assert Grant.objects.filter(two_carers=True).count() >= 10
    assert Grant.objects.filter(remote=True).count() >= 10
    assert Grant.objects.filter(recurrence=Recurrence.WEEKLY_FRAME, weekly_minutes__gt=0).count() >= 10
    klippekort = Grant.objects.filter(recurrence=Recurrence.ON_DEMAND)
    # Help on demand is booked, never expanded (the demo's delivered klippekort visits are not planned ones).
    planned = Visit.objects.filter(grant__in=klippekort, status=VisitStatus.PLANNED)
    assert klippekort.count() >= 50 and not planned.exists()
    assert Grant.objects.filter(recurrence=Recurrence.EVERY_N_DAYS, interval_days=14).count() >= 100


def test_this_weeks_visits_are_expanded_for_every_team(demo: str) -> None:
    monday = monday_of(timezone.localdate())
    week = Visit.objects.filter(date__gte=monday, date__lt=monday + dt.timedelta(days=7))
    assert {v["citizen__team"] for v in week.values("citizen__team")} == {t.pk for t in demo_teams()}
    assert week.filter(two_carers=True).exists()


def test_there_is_one_demo_user_per_role_with_the_password_demo(demo: str) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=[r.value for r in Role])}
    assert {u.role for u in users.values()} == set(Role) and all(users[r.value].role == r for r in Role)
    # One hash for all (hashing is slow on purpose), so checking one login checks them all.
    assert len({u.password for u in users.values()}) == 1
    assert authenticate(username="nurse", password="demo") == users["nurse"]
    carer, carer2, planner = (User.objects.get(username=u) for u in ("carer", "carer2", "planner"))
    assert carer.staff is not None and carer.staff.team_id == carer.team_id
    assert carer2.team_id != carer.team_id
    assert carer.team is not None and planner.district_id == carer.team.district_id
    assert User.objects.get(username="admin").is_superuser


def test_the_demo_carers_work_a_day_shift_on_the_day_the_demo_is_built(demo: str) -> None:
    """Else "My day" is empty for the carer logins a reviewer tries first (walked through 23.11.2026).
    The home team has one nurse, so the nurse login works the days her rota gives her."""
    today = timezone.localdate()
    for username in ("carer", "carer2"):
        user = User.objects.select_related("staff__team").get(username=username)
        assert user.staff is not None
        ensure_rota(team=user.staff.team, week_start=monday_of(today))
        day_shift = RosterShift.objects.filter(staff=user.staff, date=today, layer=ShiftLayer.DAY)
        assert day_shift.exists(), username


def test_the_week_is_planned_per_team(demo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def plan_week(*, team: object, start: dt.date, by: User | None, time_limit: float) -> PlanningRun:
        calls.append(f"{team} {start:%a} {by.username if by else None}")
        return PlanningRun(status=RunStatus.PUBLISHED, figures={"unassigned": 0})

    monkeypatch.setattr(planning_bridge, "plan_week", plan_week)
    lines = planning_bridge.plan_teams(
        demo_teams(), start=dt.date(2026, 11, 23), by=User.objects.get(username="planner")
    )
    assert len(calls) == 6 and calls[0].endswith("Mon planner")
    assert all("unplanned visits 0" in line for line in lines)
