# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A small fixed week for the figures, small enough to compute every figure by hand.

Week 47 of 2026 (Monday 16 to Sunday 22 November). Team A (the world's team Hjordkær) has two carers,
Bodil (petrol car, from the office) and Erik (electric car, from the office), and two citizens,
Inger (1 step north of the office) and Svend (2 steps north). One step is 0.01° of latitude,
6371 km × 0.01 × π/180 = 1.11195 km straight, 1.44553 km by road (× 1.3).

Grants (all from 1 November):
  Inger  dagpakke (SEL §83 personal) daily 30 min        → 7 × 30 = 210 min in the week
  Svend  rengøring (§83 practical) Mondays 60 min         → 60 min
  Inger  øjendråber (SUL §138) daily 15 min, ends 31 Dec  → 105 min, with an end date
  Svend  kompression (SUL §138) daily 10 min, no end      → 70 min
  Svend  skærmbesøg (§83 personal, remote) Wednesdays 10  → 10 min
  Poul (team B) dagpakke daily 30 min                     → 210 min (only in team B's figures)

Visits and check-in/out (Copenhagen time):
  v1 Mon Inger dagpakke 30   Bodil 08:00–08:40 (40 min, day weekday)
  v3 Mon Svend rengøring 60  Bodil 09:00–10:00 (60 min, practical help)
  v2 Tue Inger dagpakke 30   Erik  08:00–08:20 (20 min, day weekday)
  v6 Tue Svend dagpakke 30   Bodil 16:00–16:45 (45 min, evening; a visit without a grant)
  v5 Wed Inger dagpakke 30   cancelled
  v4 Sat Inger dagpakke 30   Bodil 08:00–08:30 (30 min, day weekend)

Rota: Bodil Mon 07–15, Tue 15–23, Sat 07–15; Erik Tue 07–15, and Wed 07–15 absent (sick).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from naerhed.carer_day.models import VisitExecution
from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant, LawParagraph, Recurrence, Service
from naerhed.lib.dates import aware
from naerhed.management.models import PriceModel
from naerhed.management.seeds import AABENRAA_2024_PRICES
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import RosterShift, StaffMember, Transport
from tests import factories as f
from tests.personas import World

MONDAY = dt.date(2026, 11, 16)
OFFICE = (55.044, 9.418)
STEP_KM = 6371 * 0.01 * 3.141592653589793 / 180 * 1.3  # one step north, by road


@dataclass
class Week:
    bodil: StaffMember
    erik: StaffMember
    inger: Citizen
    svend: Citizen
    services: dict[str, Service]


def day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


def build_week(world: World, *, annual_budget: Decimal = Decimal("365000")) -> Week:
    team = world.team_a
    team.office_lat, team.office_lon = OFFICE
    team.save()
    bodil = f.staff(team=team, first_name="Bodil", transport=Transport.CAR)
    erik = f.staff(team=team, first_name="Erik", transport=Transport.ELECTRIC_CAR)
    inger = world.citizen_a
    Citizen.objects.filter(pk=inger.pk).update(lat=OFFICE[0] + 0.01, lon=OFFICE[1])
    svend = f.citizen(team=team, first_name="Svend", lat=OFFICE[0] + 0.02, lon=OFFICE[1])
    inger.refresh_from_db()
    services = {
        "dagpakke": f.service("dagpakke-2", name="Dagpakke 2"),
        "rengoering": f.service("rengoering", name="Rengøring", paragraph=LawParagraph.SEL_83_PRACTICAL),
        "eyes": f.service("eye-drops", name="Øjendråber", paragraph=LawParagraph.SUL_138),
        "stockings": f.service("stockings", name="Kompressionsstrømper", paragraph=LawParagraph.SUL_138),
        "screen": f.service("screen", name="Skærmbesøg", remote=True),
    }
    _grants(inger, svend, world.citizen_b, services)
    _visits(bodil, erik, inger, svend, services)
    _rota(bodil, erik)
    PriceModel.objects.create(
        municipality=team.district.municipality,
        year=2026,
        annual_budget=annual_budget,
        **AABENRAA_2024_PRICES,
    )
    return Week(bodil, erik, inger, svend, services)


def _grant(citizen: Citizen, service: Service, duration: int, **kw: object) -> Grant:
    return f.grant(citizen=citizen, service=service, duration=duration, starts_on=dt.date(2026, 11, 1), **kw)


def _grants(inger: Citizen, svend: Citizen, poul: Citizen, s: dict[str, Service]) -> None:
    _grant(inger, s["dagpakke"], 30)
    _grant(svend, s["rengoering"], 60, recurrence=Recurrence.WEEKDAYS, weekdays="1000000")
    _grant(inger, s["eyes"], 15, ends_on=dt.date(2026, 12, 31))
    _grant(svend, s["stockings"], 10)
    _grant(svend, s["screen"], 10, recurrence=Recurrence.WEEKDAYS, weekdays="0010000", remote=True)
    _grant(poul, s["dagpakke"], 30)


def _visit(citizen: Citizen, service: Service, n: int, duration: int, **kw: object) -> Visit:
    start = aware(day(n), dt.time(7, 0))
    return Visit.objects.create(
        citizen=citizen,
        service=service,
        date=day(n),
        window_start=start,
        window_end=start + dt.timedelta(hours=2),
        duration=duration,
        **kw,
    )


def _done(visit: Visit, staff: StaffMember, start: dt.time, minutes: int) -> None:
    checked_in = aware(visit.date, start)
    VisitExecution.objects.create(
        visit=visit,
        staff=staff,
        checked_in_at=checked_in,
        checked_out_at=checked_in + dt.timedelta(minutes=minutes),
    )
    Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.DELIVERED)


def _visits(
    bodil: StaffMember, erik: StaffMember, inger: Citizen, svend: Citizen, s: dict[str, Service]
) -> None:
    _done(_visit(inger, s["dagpakke"], 0, 30), bodil, dt.time(8, 0), 40)
    _done(_visit(svend, s["rengoering"], 0, 60), bodil, dt.time(9, 0), 60)
    _done(_visit(inger, s["dagpakke"], 1, 30), erik, dt.time(8, 0), 20)
    _done(_visit(svend, s["dagpakke"], 1, 30), bodil, dt.time(16, 0), 45)
    _visit(inger, s["dagpakke"], 2, 30, status=VisitStatus.CANCELLED)
    _done(_visit(inger, s["dagpakke"], 5, 30), bodil, dt.time(8, 0), 30)


def _shift(staff: StaffMember, n: int, start: int, *, absent: bool = False) -> None:
    starts = aware(day(n), dt.time(start, 0))
    RosterShift.objects.create(
        staff=staff,
        date=day(n),
        layer="day" if start == 7 else "evening",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=8),
        absent=absent,
    )


def _rota(bodil: StaffMember, erik: StaffMember) -> None:
    _shift(bodil, 0, 7)
    _shift(bodil, 1, 15)
    _shift(bodil, 5, 7)
    _shift(erik, 1, 7)
    _shift(erik, 2, 7, absent=True)
