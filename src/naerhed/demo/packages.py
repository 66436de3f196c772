# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The service catalogue as specifications: Aabenraa's 2024 packages, their prices and mix.

Figures are from the 2024 institution agreement for Home and Nursing Care: citizens
holding each package per week and its average weekly price. A package's weekly
minutes are its price over the hourly price of its shift layer, split over its visits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from naerhed.grants.models import LawParagraph, Priority, Recurrence, ServiceKind
from naerhed.workforce.models import ShiftLayer

#: Hourly prices 2024 in DKK. Day is the week's blend of weekday (508.57) and weekend (564.90).
HOURLY_DAY = (5 * 508.57 + 2 * 564.90) / 7
HOURLY_EVENING = 638.94
HOURLY_NIGHT = 1223.18
HOURLY_PRACTICAL = 326.51
HOURLY_AVERAGE = 548.78

#: Citizens in Aabenraa's home care in 2023, the base the package counts are shares of.
AABENRAA_CITIZENS = 2341


@dataclass(frozen=True)
class Slot:
    """One visit a day (or week) asks for: the window its start must fall in."""

    start: dt.time
    end: dt.time


def slot(start: str, end: str) -> Slot:
    return Slot(dt.time.fromisoformat(start), dt.time.fromisoformat(end))


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    name: str
    kind: ServiceKind
    paragraph: LawParagraph
    layer: ShiftLayer
    slots: tuple[Slot, ...]
    recurrence: Recurrence = Recurrence.DAILY
    weekdays: str = "1111111"
    interval_days: int | None = None
    weekly_price: float | None = None
    hourly_price: float = HOURLY_DAY
    duration: int = 0  # 0: derived from the weekly price
    aabenraa_count: int = 0  # citizens holding it per week in Aabenraa 2024
    competences: tuple[str, ...] = field(default=())
    two_carers: bool = False
    remote: bool = False
    priority: Priority = Priority.MUST

    @property
    def weekly_minutes(self) -> int:
        if self.weekly_price is None:
            return self.duration * self.visits_per_week
        return round(self.weekly_price / self.hourly_price * 60)

    @property
    def visits_per_week(self) -> int:
        days = self.weekdays.count("1")
        if self.recurrence == Recurrence.EVERY_N_DAYS:
            return 1
        return days * len(self.slots)

    @property
    def visit_minutes(self) -> int:
        """The duration of one visit: the weekly minutes split over the visits, to 5 minutes."""
        if self.duration:
            return self.duration
        per_visit = self.weekly_minutes / self.visits_per_week
        if self.recurrence == Recurrence.EVERY_N_DAYS:
            per_visit *= (self.interval_days or 7) / 7
        return max(10, 5 * round(per_visit / 5))


_MORNING, _NOON, _AFTERNOON = slot("07:00", "09:30"), slot("11:30", "13:00"), slot("14:30", "16:00")
_LATE_MORNING = slot("09:30", "12:00")
_EVENING, _LATE_EVENING = slot("17:00", "19:00"), slot("20:30", "22:30")
_NIGHT = slot("01:00", "03:00")
_PERSONAL, _PRACTICAL = LawParagraph.SEL_83_PERSONAL, LawParagraph.SEL_83_PRACTICAL
_P, _S = ServiceKind.PACKAGE, ServiceKind.SINGLE
_DAY, _EVE, _NIG = ShiftLayer.DAY, ShiftLayer.EVENING, ShiftLayer.NIGHT

PACKAGES: list[ServiceSpec] = [
    ServiceSpec(
        "dagpakke-1",
        "Dagpakke 1",
        _P,
        _PERSONAL,
        _DAY,
        (_MORNING,),
        Recurrence.WEEKDAYS,
        "1010100",
        weekly_price=384,
        aabenraa_count=127,
    ),
    ServiceSpec(
        "dagpakke-2", "Dagpakke 2", _P, _PERSONAL, _DAY, (_MORNING,), weekly_price=1074, aabenraa_count=395
    ),
    ServiceSpec(
        "dagpakke-3",
        "Dagpakke 3",
        _P,
        _PERSONAL,
        _DAY,
        (_MORNING, _NOON),
        weekly_price=2889,
        aabenraa_count=224,
    ),
    ServiceSpec(
        "dagpakke-4",
        "Dagpakke 4",
        _P,
        _PERSONAL,
        _DAY,
        (_MORNING, _LATE_MORNING, _NOON, _AFTERNOON),
        weekly_price=6179,
        aabenraa_count=28,
        competences=("lifting",),
    ),
    ServiceSpec(
        "aftenpakke-2",
        "Aftenpakke 2",
        _P,
        _PERSONAL,
        _EVE,
        (_EVENING,),
        weekly_price=777,
        hourly_price=HOURLY_EVENING,
        aabenraa_count=203,
    ),
    ServiceSpec(
        "aftenpakke-3",
        "Aftenpakke 3",
        _P,
        _PERSONAL,
        _EVE,
        (_EVENING,),
        weekly_price=1502,
        hourly_price=HOURLY_EVENING,
        aabenraa_count=189,
    ),
    ServiceSpec(
        "aftenpakke-4",
        "Aftenpakke 4",
        _P,
        _PERSONAL,
        _EVE,
        (_EVENING, _LATE_EVENING),
        weekly_price=2992,
        hourly_price=HOURLY_EVENING,
        aabenraa_count=24,
    ),
    ServiceSpec(
        "natpakke",
        "Natpakke 3–4",
        _P,
        _PERSONAL,
        _NIG,
        (_NIGHT,),
        weekly_price=1386,
        hourly_price=HOURLY_NIGHT,
        aabenraa_count=51,
    ),
    ServiceSpec(
        "ekstra-plus",
        "Ekstra Plus",
        _P,
        _PERSONAL,
        _DAY,
        (_MORNING, _NOON, _AFTERNOON),
        weekly_price=6300,
        aabenraa_count=10,
    ),
    ServiceSpec(
        "rengoering",
        "Rengøring hver 14. dag",
        _P,
        _PRACTICAL,
        _DAY,
        (slot("09:00", "14:00"),),
        Recurrence.EVERY_N_DAYS,
        "1111100",
        interval_days=14,
        weekly_price=103,
        hourly_price=HOURLY_PRACTICAL,
        aabenraa_count=1426,
        priority=Priority.MAY_MOVE,
    ),
    ServiceSpec(
        "toejvask",
        "Tøjvask",
        _P,
        _PRACTICAL,
        _DAY,
        (slot("09:00", "14:00"),),
        Recurrence.WEEKDAYS,
        "0010000",
        weekly_price=114,
        hourly_price=HOURLY_PRACTICAL,
        aabenraa_count=455,
        priority=Priority.SHOULD,
    ),
]

#: A second carer for lifting (Ekstra APV fysisk), per shift layer; added on top of a package.
APV: dict[ShiftLayer, ServiceSpec] = {
    _DAY: ServiceSpec(
        "ekstra-apv-dag",
        "Ekstra APV fysisk, dag",
        _S,
        _PERSONAL,
        _DAY,
        (_MORNING,),
        duration=20,
        aabenraa_count=59,
        competences=("lifting",),
        two_carers=True,
    ),
    _EVE: ServiceSpec(
        "ekstra-apv-aften",
        "Ekstra APV fysisk, aften",
        _S,
        _PERSONAL,
        _EVE,
        (_EVENING,),
        duration=20,
        aabenraa_count=53,
        competences=("lifting",),
        two_carers=True,
    ),
    _NIG: ServiceSpec(
        "ekstra-apv-nat",
        "Ekstra APV fysisk, nat",
        _S,
        _PERSONAL,
        _NIG,
        (_NIGHT,),
        duration=15,
        aabenraa_count=9,
        competences=("lifting",),
        two_carers=True,
    ),
}

OPSTART = ServiceSpec(
    "ekstra-opstart",
    "Ekstra opstart",
    _S,
    _PERSONAL,
    _DAY,
    (_LATE_MORNING,),
    Recurrence.WEEKDAYS,
    "0100000",
    duration=30,
    aabenraa_count=45,
)
KLIPPEKORT = ServiceSpec(
    "klippekort",
    "Klippekort",
    ServiceKind.KLIPPEKORT,
    LawParagraph.KLIPPEKORT,
    _DAY,
    (slot("09:00", "16:00"),),
    Recurrence.ON_DEMAND,
    weekly_price=254,
    hourly_price=HOURLY_AVERAGE,
    duration=30,
    aabenraa_count=630,
    priority=Priority.MAY_MOVE,
)

_N = LawParagraph.SUL_138
NURSING: list[ServiceSpec] = [
    ServiceSpec(
        "sul138-oejendraaber",
        "Øjendråber",
        _S,
        _N,
        _DAY,
        (_MORNING, _AFTERNOON),
        duration=5,
        competences=("eye-drops",),
    ),
    ServiceSpec(
        "sul138-kompression",
        "Kompressionsstrømper på og af",
        _S,
        _N,
        _DAY,
        (_MORNING, _AFTERNOON),
        duration=10,
        competences=("compression-stockings",),
    ),
    ServiceSpec(
        "sul138-medicin",
        "Medicingivning",
        _S,
        _N,
        _DAY,
        (_MORNING,),
        duration=10,
        competences=("medication-administration",),
    ),
    ServiceSpec(
        "sul138-insulin",
        "Insulingivning",
        _S,
        _N,
        _DAY,
        (_MORNING, _EVENING),
        duration=10,
        competences=("insulin",),
    ),
    ServiceSpec(
        "sul138-dispensering",
        "Medicindispensering",
        _S,
        _N,
        _DAY,
        (_LATE_MORNING,),
        Recurrence.WEEKDAYS,
        "0001000",
        duration=20,
        competences=("medication-dispensing",),
    ),
]

REHABILITATION = ServiceSpec(
    "sel83a-rehabilitering",
    "Rehabiliteringsforløb (§83a)",
    _S,
    LawParagraph.SEL_83A,
    _DAY,
    (_LATE_MORNING,),
    Recurrence.WEEKDAYS,
    "1010100",
    duration=45,
    competences=("rehabilitation",),
)
CARE_COURSE = ServiceSpec(
    "helhedspleje",
    "Helhedspleje (Ældreloven)",
    ServiceKind.CARE_COURSE,
    LawParagraph.ELDERLY_ACT,
    _DAY,
    (slot("07:00", "15:00"),),
    Recurrence.WEEKLY_FRAME,
    duration=30,
)
SCREEN_VISIT = ServiceSpec(
    "skaermbesoeg-medicin",
    "Skærmbesøg: medicinvejledning",
    _S,
    _N,
    _DAY,
    (slot("08:00", "10:00"),),
    duration=10,
    remote=True,
    priority=Priority.SHOULD,
)

ALL_SERVICES: list[ServiceSpec] = [
    *PACKAGES,
    *APV.values(),
    OPSTART,
    KLIPPEKORT,
    *NURSING,
    REHABILITATION,
    CARE_COURSE,
    SCREEN_VISIT,
]
