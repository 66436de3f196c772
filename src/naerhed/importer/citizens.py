# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Importing citizens, matched by CPR number. See docs/import.md for the columns.

Each citizen created or changed gets one IMPORT event in the audit log, naming the
citizen by id; the CPR number appears in neither the log nor the error messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen, GenderPreference
from naerhed.importer.core import ImportReport, Row, assign, check_model, check_unique
from naerhed.importer.lookups import StaffByNumber, TeamsByName
from naerhed.lib.cpr import InvalidCpr, normalise_cpr

REQUIRED = (
    "cpr",
    "fornavn",
    "efternavn",
    "adresse",
    "postnummer",
    "by",
    "breddegrad",
    "længdegrad",
    "team",
    "start",
)
GENDER_PREFERENCES = {"": GenderPreference.NONE, "k": GenderPreference.FEMALE, "m": GenderPreference.MALE}
COLUMNS = {
    "cpr": "cpr",
    "first_name": "fornavn",
    "last_name": "efternavn",
    "street": "adresse",
    "postcode": "postnummer",
    "city": "by",
    "lat": "breddegrad",
    "lon": "længdegrad",
    "phone": "telefon",
    "team": "team",
    "key_person": "kontaktperson",
    "lives_alone": "bor_alene",
    "memory_impairment": "hukommelsessvækkelse",
    "gender_preference": "kønspræference",
    "wishes": "ønsker",
    "started_on": "start",
    "ended_on": "slut",
}


@dataclass(frozen=True)
class CitizenRecord:
    values: dict[str, object]

    @property
    def cpr(self) -> str:
        return str(self.values["cpr"])


class CitizenImport:
    kind: str = "citizens"
    required: tuple[str, ...] = REQUIRED

    def __init__(self, by: User | None) -> None:
        self.teams = TeamsByName(by)
        self.staff = StaffByNumber()

    def parse(self, rows: list[Row]) -> list[CitizenRecord]:
        records = [self._record(row) for row in rows]
        check_unique(((row, r.cpr) for row, r in zip(rows, records, strict=True) if r.cpr), "cpr")
        return records

    def _record(self, row: Row) -> CitizenRecord:
        postcode = row.text("postnummer", max_length=4)
        if postcode and not (postcode.isdigit() and len(postcode) == 4):
            row.error("postnummer", f"{postcode!r} is not a four-digit postcode")
        values: dict[str, object] = {
            "cpr": _cpr(row),
            "first_name": row.text("fornavn", max_length=100),
            "last_name": row.text("efternavn", max_length=100),
            "street": row.text("adresse"),
            "postcode": postcode,
            "city": row.text("by", max_length=100),
            "lat": row.coordinate("breddegrad", low=54.5, high=57.8),
            "lon": row.coordinate("længdegrad", low=8.0, high=15.2),
            "phone": row.text("telefon", required=False, max_length=20),
            "team": self.teams.find(row, "team"),
            "key_person": self.staff.find(row, "kontaktperson", required=False),
            "lives_alone": row.flag("bor_alene"),
            "memory_impairment": row.flag("hukommelsessvækkelse"),
            "gender_preference": row.choice("kønspræference", GENDER_PREFERENCES, required=False) or "",
            "wishes": row.text("ønsker", required=False, max_length=2000),
            "started_on": row.date("start"),
            "ended_on": row.date("slut", required=False),
        }
        check_model(row, Citizen(**values), COLUMNS)
        return CitizenRecord(values)

    def write(self, records: list[CitizenRecord], report: ImportReport, *, by: User | None) -> None:
        existing = {c.cpr: c for c in Citizen.objects.filter(cpr__in=[r.cpr for r in records])}
        for record in records:
            citizen = existing.get(record.cpr) or Citizen()
            created = citizen.pk is None
            if not assign(citizen, record.values):
                report.unchanged += 1
                continue
            citizen.save()
            report.created += created
            report.updated += not created
            record_event(
                user=by,
                action=Action.IMPORT,
                object_type="citizen",
                object_id=citizen.pk,
                citizen_id=citizen.pk,
                summary="created by CSV import" if created else "updated by CSV import",
            )


def _cpr(row: Row) -> str:
    raw = row.text("cpr", max_length=11)
    if not raw:
        return ""
    try:
        return normalise_cpr(raw)
    except InvalidCpr as exc:
        row.error("cpr", str(exc))
        return ""
