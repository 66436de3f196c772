# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""One-time login codes: hashed, ten minutes, five attempts, rate-limited, and silent about whether a
number is known."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from naerhed.messaging.models import Message
from naerhed.portal.login import LoginFailed, request_code, verify_code
from naerhed.portal.models import LoginCode
from tests.portal.conftest import NOW, Booking, code_sent_to

pytestmark = pytest.mark.django_db
CITIZEN = "+4520304050"


def test_a_known_number_gets_a_code_that_is_stored_only_as_a_hash(booking: Booking) -> None:
    assert request_code(phone="20 30 40 50", now=NOW) == CITIZEN
    code = code_sent_to(CITIZEN)
    login = LoginCode.objects.get(phone=CITIZEN)
    assert login.sent and code not in login.code_hash and len(login.code_hash) == 64
    assert login.expires_at == NOW + dt.timedelta(minutes=10)
    message = Message.objects.get(kind="login_code")
    assert message.citizen == booking.citizen and message.expires_at == login.expires_at


def test_an_unknown_number_gets_the_same_answer_and_no_message(booking: Booking) -> None:
    assert request_code(phone="99 88 77 66", now=NOW) == "+4599887766"
    assert not Message.objects.exists()
    assert LoginCode.objects.get(phone="+4599887766").sent is False
    with pytest.raises(LoginFailed) as failed_unknown:
        verify_code(phone="+4599887766", code="123456", now=NOW)
    request_code(phone=CITIZEN, now=NOW)
    with pytest.raises(LoginFailed) as failed_known:
        verify_code(phone=CITIZEN, code="000000" if code_sent_to(CITIZEN) != "000000" else "111111", now=NOW)
    assert str(failed_unknown.value) == str(failed_known.value), "nothing tells the two apart"


def test_the_right_code_logs_in_once(booking: Booking) -> None:
    request_code(phone=CITIZEN, now=NOW)
    code = code_sent_to(CITIZEN)
    found = verify_code(phone=CITIZEN, code=code, now=NOW + dt.timedelta(minutes=9))
    assert [i.citizen for i in found] == [booking.citizen] and found[0].relative is None
    with pytest.raises(LoginFailed):
        verify_code(phone=CITIZEN, code=code, now=NOW + dt.timedelta(minutes=9))


def test_a_code_expires_after_ten_minutes(booking: Booking) -> None:
    with freeze_time(NOW):
        request_code(phone=CITIZEN, now=NOW)
    later = NOW + dt.timedelta(minutes=10, seconds=1)
    with freeze_time(later), pytest.raises(LoginFailed):
        verify_code(phone=CITIZEN, code=code_sent_to(CITIZEN), now=later)


def test_five_wrong_attempts_kill_the_code(booking: Booking) -> None:
    request_code(phone=CITIZEN, now=NOW)
    code = code_sent_to(CITIZEN)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        with pytest.raises(LoginFailed):
            verify_code(phone=CITIZEN, code=wrong, now=NOW)
    assert LoginCode.objects.get(phone=CITIZEN).attempts == 5
    with pytest.raises(LoginFailed):
        verify_code(phone=CITIZEN, code=code, now=NOW)


def test_codes_are_rate_limited_per_phone(booking: Booking) -> None:
    for minute in range(3):
        request_code(phone=CITIZEN, now=NOW + dt.timedelta(minutes=minute))
    request_code(phone=CITIZEN, now=NOW + dt.timedelta(minutes=4))
    assert Message.objects.filter(kind="login_code").count() == 3
    request_code(phone=CITIZEN, now=NOW + dt.timedelta(minutes=16))
    assert Message.objects.filter(kind="login_code").count() == 4


def test_a_new_code_replaces_the_old_one(booking: Booking) -> None:
    request_code(phone=CITIZEN, now=NOW)
    first = code_sent_to(CITIZEN)
    request_code(phone=CITIZEN, now=NOW + dt.timedelta(minutes=1))
    second = code_sent_to(CITIZEN)
    if first != second:
        with pytest.raises(LoginFailed):
            verify_code(phone=CITIZEN, code=first, now=NOW + dt.timedelta(minutes=2))
    assert verify_code(phone=CITIZEN, code=second, now=NOW + dt.timedelta(minutes=2))


def test_a_relative_logs_in_only_with_consent(booking: Booking) -> None:
    request_code(phone="61 62 63 64", now=NOW)
    found = verify_code(phone="+4561626364", code=code_sent_to("+4561626364"), now=NOW)
    assert found[0].citizen == booking.citizen and found[0].relative == booking.relative
    booking.relative.consent_to_share = False
    booking.relative.save()
    request_code(phone="61 62 63 64", now=NOW + dt.timedelta(minutes=1))
    assert Message.objects.filter(kind="login_code").count() == 1, "no consent, no code"


def test_codes_are_rate_limited_per_ip_address(booking: Booking) -> None:
    for n in range(10):
        request_code(phone=f"9000{n:04d}", now=NOW, ip_address="192.0.2.7")
    request_code(phone=CITIZEN, now=NOW, ip_address="192.0.2.7")
    assert not Message.objects.filter(kind="login_code").exists()
    request_code(phone=CITIZEN, now=NOW, ip_address="192.0.2.8")
    assert Message.objects.filter(kind="login_code").count() == 1
