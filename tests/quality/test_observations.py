# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Observations in the six areas of the change form, and TOBS measured by SSA and nurses only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from naerhed.audit.models import AuditEvent
from naerhed.quality.models import Observation, TobsMeasurement
from naerhed.quality.services.observations import record_observations, record_tobs
from tests.personas import World
from tests.quality.conftest import Team

pytestmark = pytest.mark.django_db
FEVERISH = {
    "pulse": 115,
    "temperature": Decimal("39.2"),
    "systolic_bp": 125,
    "respiration": 18,
    "consciousness": "habitual",
}


def test_one_observation_is_kept_per_area_with_text(world: World, team_people: Team) -> None:
    saved = record_observations(
        citizen=world.citizen_a,
        by=world.user("carer"),
        texts={"eating": "Spiser mindre.", "home": "", "medication": "Glemt pille."},
    )
    assert sorted(o.area for o in saved) == ["eating", "medication"]
    assert {o.author_name for o in saved} == {"Sofie Holm"}
    assert AuditEvent.objects.filter(object_type="observation", citizen_id=world.citizen_a.pk).count() == 1


def test_an_observation_without_text_names_the_field_and_saves_nothing(
    world: World, team_people: Team
) -> None:
    with pytest.raises(ValidationError) as error:
        record_observations(citizen=world.citizen_a, by=world.user("carer"), texts={"eating": "  "})
    assert "physical" in error.value.message_dict
    assert not Observation.objects.exists()


def test_a_nurse_scores_tobs_and_gets_the_algorithms_advice(world: World, team_people: Team) -> None:
    measurement = record_tobs(citizen=world.citizen_a, by=world.user("nurse"), **FEVERISH)  # type: ignore[arg-type]
    assert (measurement.pulse_points, measurement.temperature_points, measurement.total) == (2, 2, 4)
    assert measurement.advice == "doctor" and measurement.urgent


def test_an_ssa_carer_may_score_tobs_but_an_ssh_may_not(world: World, team_people: Team) -> None:
    carer = world.user("carer")
    with pytest.raises(PermissionDenied):
        record_tobs(citizen=world.citizen_a, by=carer, **FEVERISH)  # type: ignore[arg-type]
    carer.staff = team_people.ssa
    carer.save(update_fields=["staff"])
    assert record_tobs(citizen=world.citizen_a, by=carer, **FEVERISH).total == 4  # type: ignore[arg-type]


def test_implausible_values_are_refused_by_field(world: World, team_people: Team) -> None:
    values = {**FEVERISH, "pulse": 400, "temperature": Decimal("3.9")}
    with pytest.raises(ValidationError) as error:
        record_tobs(citizen=world.citizen_a, by=world.user("nurse"), **values)  # type: ignore[arg-type]
    assert {"pulse", "temperature"} <= set(error.value.message_dict)
    assert not TobsMeasurement.objects.exists()
