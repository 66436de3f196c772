# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The demo's grants: Aabenraa's 2024 package mix scaled to the demo's citizens, plus delegated
nursing (mostly time-limited), rehabilitation, Elderly Act courses, klippekort and screen visits."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from naerhed.accounts.models import User
from naerhed.citizens.models import Citizen
from naerhed.demo.mix import apportion, scaled
from naerhed.demo.packages import (
    AABENRAA_CITIZENS,
    APV,
    CARE_COURSE,
    KLIPPEKORT,
    NURSING,
    OPSTART,
    PACKAGES,
    REHABILITATION,
    SCREEN_VISIT,
    ServiceSpec,
)
from naerhed.demo.people import CitizenDraft
from naerhed.grants.models import Grant, Recurrence, Service
from naerhed.workforce.models import ShiftLayer

#: Aabenraa's goal: 70 % of delegated nursing interventions are created with an end date.
TIME_LIMITED_SHARE = 0.7
PACKAGE_BY_CODE = {spec.code: spec for spec in PACKAGES}
#: Packages handed out by need, heaviest first, per shift layer.
_DAY_PACKAGES = ("dagpakke-4", "dagpakke-3", "dagpakke-2", "dagpakke-1")
_EVENING_PACKAGES = ("aftenpakke-4", "aftenpakke-3", "aftenpakke-2")


class GrantWriter:
    """Collects grants for one bulk insert; every grant passes ``Grant.clean`` first."""

    def __init__(self, services: dict[str, Service], today: dt.date, by: User | None) -> None:
        self.services, self.today, self.by = services, today, by
        self.grants: list[Grant] = []

    def add(
        self,
        citizen: Citizen,
        spec: ServiceSpec,
        *,
        starts_on: dt.date | None = None,
        ends_on: dt.date | None = None,
        weekly_minutes: int | None = None,
    ) -> None:
        starts_on = _first_allowed_day(starts_on or citizen.started_on, spec.weekdays)
        for slot in spec.slots:
            grant = Grant(
                citizen=citizen,
                service=self.services[spec.code],
                starts_on=starts_on,
                ends_on=ends_on,
                recurrence=spec.recurrence,
                weekdays=spec.weekdays,
                interval_days=spec.interval_days,
                window_start=slot.start,
                window_end=slot.end,
                duration=spec.visit_minutes,
                priority=spec.priority,
                two_carers=spec.two_carers,
                remote=spec.remote,
                granted_by=self.by,
                weekly_minutes=weekly_minutes or _frame(spec),
            )
            grant.clean()
            self.grants.append(grant)

    def save(self) -> list[Grant]:
        return Grant.objects.bulk_create(self.grants)


_FRAMED = (Recurrence.WEEKLY_FRAME, Recurrence.ON_DEMAND)


def _frame(spec: ServiceSpec) -> int | None:
    """The minutes a week of a frame or klippekort; other grants have none."""
    return spec.weekly_minutes if spec.recurrence in _FRAMED else None


def _first_allowed_day(day: dt.date, weekdays: str) -> dt.date:
    """The first day from ``day`` on one of ``weekdays``: an every-14-days grant counts from its start,
    so it must start on a day it may happen."""
    while weekdays[day.weekday()] != "1":
        day += dt.timedelta(days=1)
    return day


def build_grants(
    rng: random.Random,
    drafts: list[CitizenDraft],
    services: dict[str, Service],
    today: dt.date,
    *,
    by: User | None,
    night_team_pk: int,
) -> list[Grant]:
    writer = GrantWriter(services, today, by)
    held = _packages(rng, drafts, writer)
    _apv(rng, drafts, held, writer, night_team_pk)
    _opstart(drafts, writer)
    _klippekort(rng, drafts, writer)
    _nursing(rng, drafts, writer)
    _courses_and_rehab(rng, drafts, held, writer)
    _screen_visits(rng, drafts, writer)
    return writer.save()


def _count(spec: ServiceSpec, citizens: int) -> int:
    return scaled(spec.aabenraa_count, citizens, AABENRAA_CITIZENS)


def _by_need(rng: random.Random, drafts: Iterable[CitizenDraft], noise: float) -> list[Citizen]:
    """Citizens from the most to the least in need, the order blurred by ``noise``."""
    ranked = sorted(drafts, key=lambda d: d.need + rng.gauss(0, noise), reverse=True)
    return [d.citizen for d in ranked]


def _packages(
    rng: random.Random, drafts: list[CitizenDraft], writer: GrantWriter
) -> dict[str, list[Citizen]]:
    """Day, evening and night packages go to the most in need, heavier packages first; cleaning and
    laundry to anyone. Returns the holders of each package code."""
    n = len(drafts)
    held: dict[str, list[Citizen]] = {}
    for codes, noise in ((_DAY_PACKAGES, 0.05), (_EVENING_PACKAGES, 0.15), (("natpakke",), 0.1)):
        queue = _by_need(rng, drafts, noise)
        for code in codes:
            count = _count(PACKAGE_BY_CODE[code], n)
            held[code], queue = queue[:count], queue[count:]
    held["ekstra-plus"] = held["dagpakke-4"][:1]
    for code in ("rengoering", "toejvask"):
        held[code] = rng.sample([d.citizen for d in drafts], _count(PACKAGE_BY_CODE[code], n))
    for spec in PACKAGES:
        for citizen in held[spec.code]:
            writer.add(citizen, spec)
    return held


def _apv(
    rng: random.Random,
    drafts: list[CitizenDraft],
    held: dict[str, list[Citizen]],
    writer: GrantWriter,
    night_team_pk: int,
) -> None:
    """A second carer for lifting, for the heaviest packages of each shift layer."""
    n = len(drafts)
    day = held["dagpakke-4"] + held["dagpakke-3"]
    evening = held["aftenpakke-4"] + held["aftenpakke-3"]
    night = [c for c in held["natpakke"] if c.team.pk == night_team_pk]
    if not night:  # the team with two night carers takes the one citizen lifted by two at night
        night = [c for c in held["dagpakke-4"] + held["dagpakke-3"] if c.team.pk == night_team_pk][:1]
        for citizen in night:
            writer.add(citizen, PACKAGE_BY_CODE["natpakke"])
    for layer, candidates in (
        (ShiftLayer.DAY, day),
        (ShiftLayer.EVENING, evening),
        (ShiftLayer.NIGHT, night),
    ):
        spec = APV[layer]
        for citizen in candidates[: _count(spec, n)]:
            writer.add(citizen, spec)


def _opstart(drafts: list[CitizenDraft], writer: GrantWriter) -> None:
    """Extra time in the first two weeks for citizens who started this week."""
    for citizen in sorted((d.citizen for d in drafts), key=lambda c: c.started_on, reverse=True)[:5]:
        writer.add(citizen, OPSTART, ends_on=citizen.started_on + dt.timedelta(days=13))


def _klippekort(rng: random.Random, drafts: list[CitizenDraft], writer: GrantWriter) -> None:
    """For function level 3–4 and for lonely or memory-impaired citizens: a weekly frame they book."""
    eligible = [d for d in drafts if d.need > 0.55 or d.citizen.lives_alone or d.citizen.memory_impairment]
    for citizen in _by_need(rng, eligible, 0.3)[: _count(KLIPPEKORT, len(drafts))]:
        writer.add(citizen, KLIPPEKORT)


def _nursing(rng: random.Random, drafts: list[CitizenDraft], writer: GrantWriter) -> None:
    """Delegated nursing (SUL §138) for a quarter of the citizens; about 70 % with an end date."""
    holders = rng.sample([d.citizen for d in drafts], len(drafts) // 4)
    limited, _ = apportion(len(holders), [TIME_LIMITED_SHARE, 1 - TIME_LIMITED_SHARE])
    for i, citizen in enumerate(holders):
        spec = rng.choices(NURSING, weights=[20, 25, 30, 10, 15])[0]
        starts = max(citizen.started_on, writer.today - dt.timedelta(days=rng.randint(0, 60)))
        ends = starts + dt.timedelta(weeks=rng.randint(2, 12)) if i < limited else None
        if ends is not None and ends < writer.today:
            ends = writer.today + dt.timedelta(days=rng.randint(3, 40))
        writer.add(citizen, spec, starts_on=starts, ends_on=ends)


def _courses_and_rehab(
    rng: random.Random, drafts: list[CitizenDraft], held: dict[str, list[Citizen]], writer: GrantWriter
) -> None:
    """Elderly Act courses for some without a day package; §83a rehabilitation for newer citizens."""
    with_day = {c.pk for code in _DAY_PACKAGES for c in held[code]}
    without = [d for d in drafts if d.citizen.pk not in with_day]
    for citizen in _by_need(rng, without, 0.1)[:16]:
        writer.add(citizen, CARE_COURSE, weekly_minutes=rng.choice([90, 120, 150, 180, 240]))
    newest = sorted((d.citizen for d in drafts), key=lambda c: c.started_on, reverse=True)
    for citizen in rng.sample(newest[:40], 10):
        starts = max(citizen.started_on, writer.today - dt.timedelta(days=rng.randint(0, 21)))
        writer.add(citizen, REHABILITATION, starts_on=starts, ends_on=starts + dt.timedelta(weeks=8))


def _screen_visits(rng: random.Random, drafts: list[CitizenDraft], writer: GrantWriter) -> None:
    """Medication guidance by tablet, for citizens who can use one: six per district."""
    districts: dict[int, list[Citizen]] = {}
    for d in drafts:
        if not d.citizen.memory_impairment:
            districts.setdefault(d.citizen.team.district_id, []).append(d.citizen)
    for citizens in districts.values():
        for citizen in rng.sample(citizens, min(6, len(citizens))):
            writer.add(citizen, SCREEN_VISIT)
