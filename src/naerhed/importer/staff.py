# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Importing staff, matched by employee number. See docs/import.md for the columns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from naerhed.accounts.models import User
from naerhed.importer.core import ImportReport, Row, assign, check_model, check_unique
from naerhed.importer.lookups import StaffByNumber, TeamsByName
from naerhed.workforce.models import Competence, Gender, Profession, StaffCompetence, StaffMember, Transport

REQUIRED = (
    "medarbejdernummer",
    "fornavn",
    "efternavn",
    "team",
    "faggruppe",
    "timer_pr_uge",
    "vagtlag",
    "ansat_fra",
)
DANISH_PROFESSIONS = {
    "ssh": Profession.SSH,
    "ssa": Profession.SSA,
    "sygeplejerske": Profession.NURSE,
    "ergoterapeut": Profession.OCCUPATIONAL_THERAPIST,
    "fysioterapeut": Profession.PHYSIOTHERAPIST,
    "pædagog": Profession.PEDAGOGUE,
    "ufaglært": Profession.UNSKILLED,
    "rengøringsassistent": Profession.CLEANING_ASSISTANT,
}
PROFESSIONS = DANISH_PROFESSIONS | {p.value: p for p in Profession}
GENDERS = {"k": Gender.FEMALE, "m": Gender.MALE, "x": Gender.OTHER, "": ""}
TRANSPORT = {
    "bil": Transport.CAR,
    "elbil": Transport.ELECTRIC_CAR,
    "cykel": Transport.BIKE,
    "gang": Transport.WALKING,
} | {t.value: t for t in Transport}
LAYERS = {"dag": "works_day", "aften": "works_evening", "nat": "works_night"}
COLUMNS = {
    "employee_number": "medarbejdernummer",
    "first_name": "fornavn",
    "last_name": "efternavn",
    "team": "team",
    "profession": "faggruppe",
    "gender": "køn",
    "weekly_hours": "timer_pr_uge",
    "works_day": "vagtlag",
    "transport": "transport",
    "starts_from_home": "starter_hjemmefra",
    "home_address": "hjemadresse",
    "home_lat": "hjem_breddegrad",
    "home_lon": "hjem_længdegrad",
    "employed_since": "ansat_fra",
    "employed_until": "ansat_til",
    "phone": "telefon",
    "email": "email",
}


@dataclass(frozen=True)
class StaffRecord:
    values: dict[str, object]
    competences: list[tuple[Competence, dt.date | None]]

    @property
    def employee_number(self) -> str:
        return str(self.values["employee_number"])


class StaffImport:
    kind: str = "staff"
    required: tuple[str, ...] = REQUIRED

    def __init__(self, by: User | None) -> None:
        self.teams = TeamsByName(by)
        self.staff = StaffByNumber()
        self.competences = {c.code: c for c in Competence.objects.all()}

    def parse(self, rows: list[Row]) -> list[StaffRecord]:
        records = [(row, self._record(row)) for row in rows]
        check_unique(((row, row.raw("medarbejdernummer")) for row in rows), "medarbejdernummer")
        return [record for _, record in records]

    def _record(self, row: Row) -> StaffRecord:
        values: dict[str, object] = {
            "employee_number": row.text("medarbejdernummer", max_length=30),
            "first_name": row.text("fornavn", max_length=100),
            "last_name": row.text("efternavn", max_length=100),
            "team": self.teams.find(row, "team"),
            "profession": row.choice("faggruppe", PROFESSIONS, shown=DANISH_PROFESSIONS),
            "gender": row.choice("køn", GENDERS, required=False) or "",
            "weekly_hours": row.decimal("timer_pr_uge", low=Decimal(1), high=Decimal(48)),
            "transport": row.choice("transport", TRANSPORT, required=False) or Transport.CAR,
            "starts_from_home": row.flag("starter_hjemmefra"),
            "home_address": row.text("hjemadresse", required=False),
            "home_lat": row.coordinate("hjem_breddegrad", low=54.5, high=57.8, required=False),
            "home_lon": row.coordinate("hjem_længdegrad", low=8.0, high=15.2, required=False),
            "employed_since": row.date("ansat_fra"),
            "employed_until": row.date("ansat_til", required=False),
            "phone": row.text("telefon", required=False, max_length=20),
            "email": self._email(row),
        }
        values |= self._layers(row)
        check_model(row, StaffMember(**values), COLUMNS)
        return StaffRecord(values, self._competences(row))

    def _email(self, row: Row) -> str:
        email = row.text("email", required=False, max_length=254)
        try:
            if email:
                validate_email(email)
        except ValidationError:
            row.error("email", f"{email!r} is not an e-mail address")
        return email

    def _layers(self, row: Row) -> dict[str, bool]:
        words = [w.strip().lower() for w in row.raw("vagtlag").replace(",", "|").split("|") if w.strip()]
        unknown = [w for w in words if w not in LAYERS]
        if unknown or not words:
            row.error("vagtlag", f"give dag, aften and/or nat separated by | (not {'|'.join(unknown)!r})")
        return {field: name in words for name, field in LAYERS.items()}

    def _competences(self, row: Row) -> list[tuple[Competence, dt.date | None]]:
        out: list[tuple[Competence, dt.date | None]] = []
        for item in (p.strip() for p in row.raw("kompetencer").split("|")):
            if not item:
                continue
            code, _, gained = item.partition(":")
            competence = self.competences.get(code.strip())
            on = Row(row.number, {"kompetencer": gained}, row.errors).date("kompetencer") if gained else None
            if competence is None:
                row.error("kompetencer", f"no competence with the code {code.strip()!r}")
            else:
                out.append((competence, on))
        return out

    def write(self, records: list[StaffRecord], report: ImportReport, *, by: User | None) -> None:
        staff = StaffMember.objects.prefetch_related("competence_cards")
        existing = {s.employee_number: s for s in staff}
        for record in records:
            member = existing.get(record.employee_number) or StaffMember()
            created = member.pk is None
            changed = assign(member, record.values)
            if changed:
                member.save()
            changed |= _set_competences(member, record.competences)
            report.created += created
            report.updated += changed and not created
            report.unchanged += not changed


def _set_competences(member: StaffMember, wanted: list[tuple[Competence, dt.date | None]]) -> bool:
    """Make the competence card exactly the file's list; a card without a date keeps the one it has."""
    cards = {card.competence_id: card for card in member.competence_cards.all()}
    changed = False
    for competence, gained_on in wanted:
        card = cards.pop(competence.pk, None)
        if card is None:
            StaffCompetence.objects.create(
                staff=member, competence=competence, gained_on=gained_on or member.employed_since
            )
            changed = True
        elif gained_on is not None and card.gained_on != gained_on:
            card.gained_on = gained_on
            card.save(update_fields=["gained_on"])
            changed = True
    if cards:
        StaffCompetence.objects.filter(pk__in=[c.pk for c in cards.values()]).delete()
    return changed or bool(cards)
