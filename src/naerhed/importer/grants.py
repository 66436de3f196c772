# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Importing grants, matched by citizen, service, start date and earliest start time.

The earliest start is part of the key because a service granted twice a day (eye
drops morning and afternoon) is two grants. See docs/import.md for the columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant, Priority, Recurrence, Service
from naerhed.importer.core import ImportReport, Row, assign, check_model, check_unique
from naerhed.lib.cpr import InvalidCpr, normalise_cpr

REQUIRED = ("cpr", "ydelse", "fra", "gentagelse", "tidligst", "senest", "varighed")
RECURRENCES = {
    "dagligt": Recurrence.DAILY,
    "ugedage": Recurrence.WEEKDAYS,
    "hver n. dag": Recurrence.EVERY_N_DAYS,
    "hver_n_dag": Recurrence.EVERY_N_DAYS,
    "ugeramme": Recurrence.WEEKLY_FRAME,
    "efter behov": Recurrence.ON_DEMAND,
    "efter_behov": Recurrence.ON_DEMAND,
} | {r.value: r for r in Recurrence}
PRIORITIES = {"1": Priority.MUST, "2": Priority.SHOULD, "3": Priority.MAY_MOVE, "": None}
DAY_NAMES = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
COLUMNS = {
    "citizen": "cpr",
    "service": "ydelse",
    "starts_on": "fra",
    "ends_on": "til",
    "recurrence": "gentagelse",
    "weekdays": "ugedage",
    "interval_days": "hver_n_dage",
    "window_start": "tidligst",
    "window_end": "senest",
    "duration": "varighed",
    "weekly_minutes": "minutter_pr_uge",
    "priority": "prioritet",
    "two_carers": "to_hjælpere",
    "remote": "skærmbesøg",
    "note": "note",
}

GrantKey = tuple[int, int, object, object]


@dataclass(frozen=True)
class GrantRecord:
    values: dict[str, object]

    @property
    def key(self) -> GrantKey | None:
        citizen, service = self.values["citizen"], self.values["service"]
        if not isinstance(citizen, Citizen) or not isinstance(service, Service):
            return None
        return (citizen.pk, service.pk, self.values["starts_on"], self.values["window_start"])


class GrantImport:
    kind: str = "grants"
    required: tuple[str, ...] = REQUIRED

    def __init__(self, by: User | None) -> None:
        self.by = by
        self.citizens = {c.cpr: c for c in Citizen.objects.all()}
        self.services = {s.code: s for s in Service.objects.all()}

    def parse(self, rows: list[Row]) -> list[GrantRecord]:
        records = [self._record(row) for row in rows]
        check_unique(((row, r.key) for row, r in zip(rows, records, strict=True) if r.key), "fra")
        return records

    def _record(self, row: Row) -> GrantRecord:
        service = self._service(row)
        recurrence = row.choice("gentagelse", RECURRENCES)
        values: dict[str, object] = {
            "citizen": self._citizen(row),
            "service": service,
            "starts_on": row.date("fra"),
            "ends_on": row.date("til", required=False),
            "recurrence": recurrence,
            "weekdays": _weekdays(row),
            "interval_days": row.integer("hver_n_dage", low=1, high=365, required=False),
            "window_start": row.time("tidligst"),
            "window_end": row.time("senest"),
            "duration": row.integer("varighed", low=1, high=480),
            "weekly_minutes": row.integer("minutter_pr_uge", low=1, high=5000, required=False),
            "priority": row.choice("prioritet", PRIORITIES, required=False)
            or (service.default_priority if service else Priority.MUST),
            "two_carers": row.flag("to_hjælpere", default=service.two_carers if service else False),
            "remote": row.flag("skærmbesøg", default=service.remote if service else False),
            "note": row.text("note", required=False, max_length=2000),
        }
        check_model(row, Grant(**values), COLUMNS)
        return GrantRecord(values)

    def _citizen(self, row: Row) -> Citizen | None:
        raw = row.text("cpr", max_length=11)
        try:
            citizen = self.citizens.get(normalise_cpr(raw)) if raw else None
        except InvalidCpr as exc:
            row.error("cpr", str(exc))
            return None
        if raw and citizen is None:
            row.error("cpr", "no citizen with this CPR number (import the citizens first)")
        return citizen

    def _service(self, row: Row) -> Service | None:
        code = row.text("ydelse", max_length=50)
        service = self.services.get(code)
        if code and service is None:
            row.error("ydelse", f"no service with the code {code!r}")
        return service

    def write(self, records: list[GrantRecord], report: ImportReport, *, by: User | None) -> None:
        existing: dict[GrantKey, Grant] = {}
        citizens = {r.values["citizen"] for r in records}
        for grant in Grant.objects.filter(citizen__in=citizens):
            existing[(grant.citizen_id, grant.service_id, grant.starts_on, grant.window_start)] = grant
        for record in records:
            key = record.key
            grant = (existing.get(key) if key else None) or Grant(granted_by=by)
            created = grant.pk is None
            if not assign(grant, record.values):
                report.unchanged += 1
                continue
            grant.save()
            report.created += created
            report.updated += not created
            record_event(
                user=by,
                action=Action.IMPORT,
                object_type="grant",
                object_id=grant.pk,
                citizen_id=grant.citizen_id,
                summary=f"{grant.service.code} {'created' if created else 'updated'} by CSV import",
            )


def _weekdays(row: Row) -> str:
    """Seven 0/1 digits, Monday first, or day names such as ``man|ons|fre``; every day if empty."""
    raw = row.raw("ugedage").lower()
    if not raw:
        return "1111111"
    if len(raw) == 7 and set(raw) <= {"0", "1"}:
        return raw
    names = [n.strip()[:3] for n in raw.replace(",", "|").split("|") if n.strip()]
    if names and all(n in DAY_NAMES for n in names):
        return "".join("1" if day in names else "0" for day in DAY_NAMES)
    row.error(
        "ugedage", f"{row.raw('ugedage')!r}: give seven 0/1 digits, Monday first, or days like man|ons|fre"
    )
    return "1111111"
