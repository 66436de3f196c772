# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The API's typed shapes, in and out. Field names follow the models; the full CPR number appears
only in :class:`CitizenDetailOut`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator

from naerhed.accounts.models import ApiToken
from naerhed.citizens.models import Citizen, GenderPreference
from naerhed.grants.models import Priority, Recurrence
from naerhed.lib.cpr import format_cpr
from naerhed.lib.dates import COPENHAGEN
from naerhed.organisation.models import Team
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import Profession, StaffMember, Transport


def _in_copenhagen(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(COPENHAGEN)


#: Moments go out in Copenhagen time with their offset (``2026-11-17T07:00:00+01:00``).
LocalDateTime = Annotated[dt.datetime, AfterValidator(_in_copenhagen)]


class TeamOut(Schema):
    id: int
    name: str
    district_id: int
    district_name: str
    leader_id: int | None
    office_address: str

    @staticmethod
    def resolve_district_name(obj: Team) -> str:
        return obj.district.name


class CompetenceHeldOut(Schema):
    code: str
    name: str
    delegated_nursing: bool
    gained_on: dt.date


class StaffOut(Schema):
    id: int
    first_name: str
    last_name: str
    team_id: int
    profession: Profession
    weekly_hours: float
    works_day: bool
    works_evening: bool
    works_night: bool
    transport: Transport


class StaffDetailOut(StaffOut):
    employed_since: dt.date
    employed_until: dt.date | None
    competences: list[CompetenceHeldOut]

    @staticmethod
    def resolve_competences(obj: StaffMember) -> list[CompetenceHeldOut]:
        cards = sorted(obj.competence_cards.all(), key=lambda card: card.competence.name)
        return [
            CompetenceHeldOut(
                code=card.competence.code,
                name=card.competence.name,
                delegated_nursing=card.competence.delegated_nursing,
                gained_on=card.gained_on,
            )
            for card in cards
        ]


class CitizenOut(Schema):
    id: int
    first_name: str
    last_name: str
    cpr_masked: str
    team_id: int
    key_person_id: int | None
    started_on: dt.date
    ended_on: dt.date | None


class CitizenPage(Schema):
    count: int = Field(description="How many citizens match, on all pages.")
    items: list[CitizenOut]


class CitizenDetailOut(CitizenOut):
    cpr: str = Field(description="The full CPR number, DDMMYY-SSSS. Every read is audit-logged.")
    street: str
    postcode: str
    city: str
    lat: float
    lon: float
    phone: str
    lives_alone: bool
    memory_impairment: bool
    gender_preference: GenderPreference
    wishes: str

    @staticmethod
    def resolve_cpr(obj: Citizen) -> str:
        return format_cpr(obj.cpr)


class ServiceRef(Schema):
    id: int
    code: str
    name: str


class GrantOut(Schema):
    id: int
    citizen_id: int
    service: ServiceRef
    starts_on: dt.date
    ends_on: dt.date | None
    recurrence: Recurrence
    weekdays: str
    interval_days: int | None
    window_start: dt.time
    window_end: dt.time
    duration: int
    weekly_minutes: int | None
    priority: Priority
    two_carers: bool
    remote: bool
    note: str
    granted_by_id: int | None
    granted_at: LocalDateTime


class GrantIn(Schema):
    service_id: int
    starts_on: dt.date
    ends_on: dt.date | None = None
    recurrence: Recurrence
    weekdays: str = Field("1111111", description="Seven 0/1 digits, Monday first.")
    interval_days: int | None = Field(None, ge=1)
    window_start: dt.time
    window_end: dt.time
    duration: int = Field(description="Minutes, 1–480.")
    weekly_minutes: int | None = Field(None, ge=1)
    priority: Priority = Priority.MUST
    two_carers: bool = False
    remote: bool = False
    note: str = ""


class GrantPatch(Schema):
    """Only the fields sent are changed; send ``"ends_on": null`` to make a grant open-ended."""

    service_id: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    recurrence: Recurrence | None = None
    weekdays: str | None = None
    interval_days: int | None = Field(None, ge=1)
    window_start: dt.time | None = None
    window_end: dt.time | None = None
    duration: int | None = None
    weekly_minutes: int | None = Field(None, ge=1)
    priority: Priority | None = None
    two_carers: bool | None = None
    remote: bool | None = None
    note: str | None = None


class GrantEndIn(Schema):
    ends_on: dt.date = Field(description="The grant's last day (inclusive).")


class GrantChangeOut(Schema):
    grant: GrantOut
    changed: list[str]


class VisitOut(Schema):
    id: int
    date: dt.date
    occurrence: int
    grant_id: int | None
    citizen_id: int
    citizen_name: str
    service: ServiceRef
    window_start: LocalDateTime
    window_end: LocalDateTime
    duration: int
    two_carers: bool
    remote: bool
    priority: Priority
    status: VisitStatus
    changed_by_hand: bool
    planned_start: LocalDateTime | None
    carer_ids: list[int]

    @staticmethod
    def resolve_citizen_name(obj: Visit) -> str:
        return obj.citizen.full_name

    @staticmethod
    def resolve_carer_ids(obj: Visit) -> list[int]:
        return sorted(carer.pk for carer in obj.carers.all())


class ExpandIn(Schema):
    start: dt.date
    days: int = Field(7, ge=1, le=62)


class ExpandOut(Schema):
    created: int
    removed: int
    kept: int


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: LocalDateTime
    last_used_at: LocalDateTime | None
    revoked_at: LocalDateTime | None


class TokenCreatedOut(TokenOut):
    secret: str = Field(description="Shown only this once; send it as 'Authorization: Bearer <secret>'.")

    @classmethod
    def of(cls, token: ApiToken, secret: str) -> TokenCreatedOut:
        fields = TokenOut.from_orm(token).model_dump()
        return cls(**fields, secret=secret)
