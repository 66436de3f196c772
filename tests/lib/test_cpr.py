# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""CPR numbers: form, real dates, the century from the seventh digit, and the masked form."""

from __future__ import annotations

import datetime as dt

import pytest

from naerhed.lib.cpr import InvalidCpr, birth_date, format_cpr, mask_cpr, normalise_cpr


@pytest.mark.parametrize("raw", ["120435-1234", "1204351234", " 120435-1234 "])
def test_a_cpr_number_is_stored_as_ten_digits_with_or_without_the_dash(raw: str) -> None:
    assert normalise_cpr(raw) == "1204351234"


@pytest.mark.parametrize(
    "raw", ["", "12043-51234", "120435-123", "12043512345", "abcdef-ghij", "120435 1234"]
)
def test_anything_but_ten_digits_is_not_a_cpr_number(raw: str) -> None:
    with pytest.raises(InvalidCpr, match="ten digits"):
        normalise_cpr(raw)


@pytest.mark.parametrize("raw", ["310299-1234", "300200-1234", "001250-1234", "011350-1234"])
def test_a_date_part_that_is_no_real_date_is_rejected_naming_it(raw: str) -> None:
    with pytest.raises(InvalidCpr, match=f"the date part {raw[:6]} is not a real date"):
        normalise_cpr(raw)


@pytest.mark.parametrize(
    ("cpr", "born"),
    [
        ("0101251234", dt.date(1925, 1, 1)),  # 7th digit 0–3: the 1900s
        ("0101364234", dt.date(2036, 1, 1)),  # 4 or 9 and year ≤ 36: the 2000s
        ("0101379234", dt.date(1937, 1, 1)),  # 4 or 9 and year > 36: the 1900s
        ("0101575234", dt.date(2057, 1, 1)),  # 5–8 and year ≤ 57: the 2000s
        ("0101588234", dt.date(1858, 1, 1)),  # 5–8 and year > 57: the 1800s
    ],
)
def test_the_century_follows_the_cpr_offices_table(cpr: str, born: dt.date) -> None:
    assert birth_date(cpr) == born


def test_29_february_is_a_real_date_only_in_leap_years() -> None:
    assert normalise_cpr("290204-4234") == "2902044234"  # 2004
    with pytest.raises(InvalidCpr):
        normalise_cpr("290201-1234")  # 1901
    with pytest.raises(InvalidCpr):
        normalise_cpr("290200-1234")  # 1900 was not a leap year


def test_numbers_that_fail_the_old_modulus_11_check_are_still_valid() -> None:
    assert normalise_cpr("010150-0001") == "0101500001"


def test_the_masked_form_hides_the_serial_number_and_the_formatted_form_has_a_dash() -> None:
    assert mask_cpr("1204351234") == "120435-XXXX"
    assert mask_cpr("123") == "XXXXXX-XXXX"
    assert format_cpr("1204351234") == "120435-1234"
