# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Small builders for records in tests. Each takes keyword overrides."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from naerhed.accounts.models import Role, User
from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant, LawParagraph, Recurrence, Service, ServiceKind
from naerhed.organisation.models import District, Municipality, Team
from naerhed.workforce.models import Competence, Profession, ShiftLayer, StaffCompetence, StaffMember

_seq = itertools.count(1)
PASSWORD = "test-password"


def cpr_for(n: int) -> str:
    """A valid, unique CPR number (born 1 March 1940 + n days, serial 1000 + n)."""
    born = dt.date(1940, 3, 1) + dt.timedelta(days=n)
    return f"{born:%d%m%y}{1000 + n % 9000:04d}"


def municipality(**kw: Any) -> Municipality:
    kw.setdefault("name", "Aabenraa")
    kw.setdefault("code", "580")
    obj, _ = Municipality.objects.get_or_create(code=kw["code"], defaults=kw)
    return obj


def district(**kw: Any) -> District:
    kw.setdefault("municipality", municipality())
    kw.setdefault("name", f"District {next(_seq)}")
    return District.objects.create(**kw)


def team(**kw: Any) -> Team:
    kw.setdefault("district", kw.pop("in_district", None) or district())
    kw.setdefault("name", f"Team {next(_seq)}")
    kw.setdefault("office_lat", 55.044)
    kw.setdefault("office_lon", 9.418)
    return Team.objects.create(**kw)


def competence(code: str = "insulin", **kw: Any) -> Competence:
    obj, _ = Competence.objects.get_or_create(code=code, defaults={"name": kw.get("name", code), **kw})
    return obj


def staff(**kw: Any) -> StaffMember:
    competences: list[str] = kw.pop("competences", [])
    n = next(_seq)
    kw.setdefault("team", kw.pop("in_team", None) or team())
    kw.setdefault("first_name", f"Birthe{n}")
    kw.setdefault("last_name", "Hansen")
    kw.setdefault("employee_number", f"E{n:05d}")
    kw.setdefault("profession", Profession.SSH)
    kw.setdefault("weekly_hours", Decimal("32"))
    kw.setdefault("employed_since", dt.date(2020, 1, 1))
    member = StaffMember.objects.create(**kw)
    for code in competences:
        StaffCompetence.objects.create(
            staff=member, competence=competence(code), gained_on=dt.date(2021, 1, 1)
        )
    return member


def user(role: Role, **kw: Any) -> User:
    n = next(_seq)
    kw.setdefault("username", f"{role.value}{n}")
    kw.setdefault("municipality", municipality())
    if role in (Role.CARER, Role.TEAM_LEADER, Role.NURSE):
        kw.setdefault("team", team())
    if role == Role.PLANNER and "district" not in kw:
        kw["district"] = kw["team"].district if kw.get("team") else district()
    obj = User.objects.create_user(password=PASSWORD, role=role, **kw)
    if role == Role.ADMIN:
        obj.is_staff = obj.is_superuser = True
        obj.save(update_fields=["is_staff", "is_superuser"])
    return obj


def citizen(**kw: Any) -> Citizen:
    n = next(_seq)
    kw.setdefault("team", kw.pop("in_team", None) or team())
    kw.setdefault("first_name", f"Inger{n}")
    kw.setdefault("last_name", "Jensen")
    kw.setdefault("cpr", cpr_for(n))
    kw.setdefault("street", f"Storegade {n}")
    kw.setdefault("postcode", "6200")
    kw.setdefault("city", "Aabenraa")
    kw.setdefault("lat", 55.04 + (n % 100) * 0.0001)
    kw.setdefault("lon", 9.41)
    kw.setdefault("started_on", dt.date(2025, 1, 1))
    return Citizen.objects.create(**kw)


def service(code: str = "dagpakke-2", **kw: Any) -> Service:
    competences: list[str] = kw.pop("competences", [])
    kw.setdefault("name", code)
    kw.setdefault("kind", ServiceKind.PACKAGE)
    kw.setdefault("paragraph", LawParagraph.SEL_83_PERSONAL)
    kw.setdefault("shift_layer", ShiftLayer.DAY)
    kw.setdefault("default_duration", 25)
    obj, created = Service.objects.get_or_create(code=code, defaults=kw)
    if created:
        obj.required_competences.set([competence(c) for c in competences])
    return obj


def grant(**kw: Any) -> Grant:
    kw.setdefault("citizen", citizen())
    kw.setdefault("service", service())
    kw.setdefault("starts_on", dt.date(2026, 11, 16))
    kw.setdefault("recurrence", Recurrence.DAILY)
    kw.setdefault("window_start", dt.time(7, 0))
    kw.setdefault("window_end", dt.time(9, 30))
    kw.setdefault("duration", 25)
    obj = Grant(**kw)
    obj.full_clean()
    obj.save()
    return obj
