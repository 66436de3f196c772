# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The citizen record: CPR handling, age, key person and relatives' consent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from naerhed.citizens.models import Citizen, FunctionLevel, Relative
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_clean_normalises_a_cpr_number_written_with_a_dash() -> None:
    citizen = f.citizen(cpr="0101400001")
    citizen.cpr = "120435-1234"
    citizen.clean()
    assert citizen.cpr == "1204351234"


def test_an_impossible_cpr_number_is_an_error_on_the_cpr_field() -> None:
    citizen = f.citizen()
    citizen.cpr = "310299-1234"
    with pytest.raises(ValidationError) as raised:
        citizen.clean()
    assert raised.value.message_dict == {"cpr": ["the date part 310299 is not a real date"]}


def test_a_citizen_never_reads_as_the_cpr_number() -> None:
    citizen = f.citizen(first_name="Else", last_name="Callesen", cpr="1204351234")
    assert str(citizen) == citizen.full_name == "Else Callesen"
    assert citizen.cpr_masked == "120435-XXXX"
    assert "1234" not in repr(citizen)


def test_age_and_birth_date_come_from_the_cpr_number() -> None:
    citizen = f.citizen(cpr="1204351234")
    assert citizen.birth_date == dt.date(1935, 4, 12)
    assert citizen.age(dt.date(2026, 4, 11)) == 90
    assert citizen.age(dt.date(2026, 4, 12)) == 91


def test_the_address_reads_as_on_an_envelope() -> None:
    citizen = f.citizen(street="Hovedgaden 21", postcode="6360", city="Tinglev")
    assert citizen.address == "Hovedgaden 21, 6360 Tinglev"


def test_the_key_person_must_belong_to_the_citizens_team() -> None:
    citizen = f.citizen()
    citizen.key_person = f.staff()
    with pytest.raises(ValidationError) as raised:
        citizen.clean()
    assert list(raised.value.message_dict) == ["key_person"]
    citizen.key_person = f.staff(team=citizen.team)
    citizen.clean()


def test_help_cannot_end_before_it_started() -> None:
    citizen = f.citizen(started_on=dt.date(2025, 1, 1))
    citizen.ended_on = dt.date(2024, 12, 31)
    with pytest.raises(ValidationError) as raised:
        citizen.clean()
    assert list(raised.value.message_dict) == ["ended_on"]


def test_consent_to_share_needs_the_date_it_was_recorded() -> None:
    relative = Relative(citizen=f.citizen(), name="Anne Callesen", relation="datter", consent_to_share=True)
    with pytest.raises(ValidationError) as raised:
        relative.clean()
    assert list(raised.value.message_dict) == ["consent_recorded_on"]
    relative.consent_recorded_on = dt.date(2025, 1, 1)
    relative.clean()


def test_a_function_level_must_name_a_real_fsiii_area() -> None:
    citizen = f.citizen()
    level = FunctionLevel(citizen=citizen, fsiii_code="walking", level=2, assessed_on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError) as raised:
        level.clean()
    assert list(raised.value.message_dict) == ["fsiii_code"]
    level.fsiii_code = "51697715-965a-40f3-b4a5-819103bf9d49"
    level.clean()
    assert str(level) == "Gå: 2"


def test_cpr_numbers_are_unique() -> None:
    f.citizen(cpr="1204351234")
    with pytest.raises(ValidationError) as raised:
        Citizen(**{**_fields(), "cpr": "1204351234"}).full_clean()
    assert "cpr" in raised.value.message_dict


def _fields() -> dict[str, object]:
    return {
        "first_name": "Else",
        "last_name": "Callesen",
        "street": "Hovedgaden 21",
        "postcode": "6360",
        "city": "Tinglev",
        "lat": 54.93,
        "lon": 9.25,
        "team": f.team(),
        "started_on": dt.date(2025, 1, 1),
    }
