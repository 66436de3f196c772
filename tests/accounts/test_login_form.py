# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The staff log-in lock, through the log-in page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from freezegun import freeze_time

from naerhed.accounts.models import LoginFailure, Role
from tests import factories as f
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def _try(client: Client, username: str, password: str) -> str:
    return client.post("/login/", {"username": username, "password": password}).content.decode()


@override_settings(NAERHED_LOGIN_MAX_FAILURES=3, NAERHED_LOGIN_LOCK_MINUTES=15)
def test_a_user_name_is_locked_after_the_wrong_passwords_even_for_the_right_one() -> None:
    user = f.user(Role.CARER, username="birthe")
    client = Client()
    with freeze_time(START):
        for _ in range(3):
            assert "korrekt brugernavn og adgangskode" in _try(client, "birthe", "forkert")
        page = _try(client, "Birthe", PASSWORD)

    assert "For mange forkerte forsøg på at logge ind. Prøv igen om 15 minutter." in page
    assert "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(username="birthe").count() == 3

    with freeze_time(START + dt.timedelta(minutes=15, seconds=1)):
        response = client.post("/login/", {"username": "birthe", "password": PASSWORD})
        # Read inside the frozen clock: the session expires 8 hours after it, by the real clock.
        logged_in_as = client.session["_auth_user_id"]

    assert response.status_code == 302
    assert logged_in_as == str(user.pk)
    assert not LoginFailure.objects.filter(username="birthe").exists()


@override_settings(NAERHED_LOGIN_MAX_FAILURES=3, NAERHED_LOGIN_LOCK_MINUTES=15)
def test_the_wait_shown_is_until_the_oldest_counted_failure_leaves_the_window() -> None:
    f.user(Role.CARER, username="birthe")
    client = Client()
    for minute in (0, 5, 10):
        with freeze_time(START + dt.timedelta(minutes=minute)):
            _try(client, "birthe", "forkert")

    with freeze_time(START + dt.timedelta(minutes=13, seconds=30)):
        page = _try(client, "birthe", PASSWORD)

    assert "Prøv igen om 2 minutter." in page


@override_settings(NAERHED_LOGIN_MAX_FAILURES=2, NAERHED_LOGIN_LOCK_MINUTES=15)
def test_an_address_trying_many_user_names_is_locked_but_others_are_not() -> None:
    f.user(Role.CARER, username="birthe")
    attacker, colleague = Client(REMOTE_ADDR="10.0.0.9"), Client(REMOTE_ADDR="10.0.0.7")
    with freeze_time(START):
        for n in range(10):  # five times the user-name limit, each name tried once
            _try(attacker, f"name{n}", "forkert")
        locked = _try(attacker, "birthe", PASSWORD)
        response = colleague.post("/login/", {"username": "birthe", "password": PASSWORD})

    assert "Prøv igen om 15 minutter." in locked
    assert response.status_code == 302


@override_settings(NAERHED_LOGIN_MAX_FAILURES=3)
def test_a_right_password_before_the_lock_starts_the_count_again() -> None:
    f.user(Role.CARER, username="birthe")
    client = Client()
    with freeze_time(START):
        _try(client, "birthe", "forkert")
        _try(client, "birthe", "forkert")
        client.post("/login/", {"username": "birthe", "password": PASSWORD})
        client.post("/logout/")
        _try(client, "birthe", "forkert")
        _try(client, "birthe", "forkert")
        response = client.post("/login/", {"username": "birthe", "password": PASSWORD})

    assert response.status_code == 302


def test_an_empty_form_is_refused_without_counting() -> None:
    page = _try(Client(), "", "")

    assert "Dette felt er påkrævet" in page
    assert not LoginFailure.objects.exists()
