# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Everyday observations in the six areas of the change form, and TOBS measurements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from naerhed.accounts.models import User
from naerhed.citizens.models import Citizen
from naerhed.quality import rules
from naerhed.quality.access import can_measure_tobs, check_works_in
from naerhed.quality.models import Consciousness, Observation, ObservationArea, TobsMeasurement
from naerhed.quality.services.audit_log import display_name, log_write
from naerhed.visits.models import Visit

#: Plausible measured values; anything outside is a typing error, not a very sick citizen.
PLAUSIBLE: dict[str, tuple[Decimal, Decimal]] = {
    "pulse": (Decimal(20), Decimal(250)),
    "temperature": (Decimal("25.0"), Decimal("45.0")),
    "systolic_bp": (Decimal(40), Decimal(300)),
    "respiration": (Decimal(3), Decimal(70)),
}


def _check_visit(citizen: Citizen, visit: Visit | None) -> None:
    if visit is not None and visit.citizen_id != citizen.pk:
        raise ValidationError({"visit": _("The visit is another citizen's.")})


@transaction.atomic
def record_observations(
    *,
    citizen: Citizen,
    by: User,
    texts: dict[str, str],
    visit: Visit | None = None,
    at: dt.datetime | None = None,
) -> list[Observation]:
    """One observation per area of the change form that has text; at least one area is needed."""
    check_works_in(by, citizen.team_id)
    _check_visit(citizen, visit)
    unknown = set(texts) - set(ObservationArea.values)
    if unknown:
        raise ValidationError({name: _("Not an area of the change form.") for name in sorted(unknown)})
    filled = {area: text.strip() for area, text in texts.items() if text.strip()}
    if not filled:
        raise ValidationError({"physical": _("Write what you noticed in at least one area.")})
    when = at or timezone.now()
    observations = [
        Observation.objects.create(
            citizen=citizen,
            visit=visit,
            area=area,
            text=text,
            observed_at=when,
            author=by,
            author_name=display_name(by),
        )
        for area, text in filled.items()
    ]
    log_write(by, "observation", observations[0].pk, citizen.pk, "created: " + ", ".join(sorted(filled)))
    return observations


def _check_values(values: dict[str, int | Decimal], consciousness: str) -> None:
    errors = {
        name: _("%(low)s–%(high)s is expected; check the measurement.") % {"low": low, "high": high}
        for name, (low, high) in PLAUSIBLE.items()
        if not low <= Decimal(values[name]) <= high
    }
    if consciousness not in Consciousness.values:
        errors["consciousness"] = _("Choose how the citizen responds.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_tobs(
    *,
    citizen: Citizen,
    by: User,
    pulse: int,
    temperature: Decimal,
    systolic_bp: int,
    respiration: int,
    consciousness: str,
    visit: Visit | None = None,
    at: dt.datetime | None = None,
) -> TobsMeasurement:
    """Score the measured values by the TOBS table and store them with the algorithm's advice."""
    check_works_in(by, citizen.team_id)
    if not can_measure_tobs(by):
        raise PermissionDenied("TOBS is measured by SSA and nurses")
    _check_visit(citizen, visit)
    values: dict[str, int | Decimal] = {
        "pulse": pulse,
        "temperature": temperature,
        "systolic_bp": systolic_bp,
        "respiration": respiration,
    }
    _check_values(values, consciousness)
    score = rules.tobs_score(
        pulse=pulse,
        temperature=temperature,
        systolic_bp=systolic_bp,
        respiration=respiration,
        consciousness=consciousness,
    )
    measurement = TobsMeasurement.objects.create(
        citizen=citizen,
        visit=visit,
        measured_at=at or timezone.now(),
        pulse=pulse,
        temperature=temperature,
        systolic_bp=systolic_bp,
        respiration=respiration,
        consciousness=consciousness,
        pulse_points=score.pulse,
        temperature_points=score.temperature,
        systolic_bp_points=score.systolic_bp,
        respiration_points=score.respiration,
        consciousness_points=score.consciousness,
        total=score.total,
        advice=score.advice.value,
        author=by,
        author_name=display_name(by),
    )
    log_write(by, "tobs", measurement.pk, citizen.pk, f"created: TOBS {score.total}")
    return measurement
