# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.conf import settings

from naerhed.accounts.housekeeping import Removed, run_housekeeping
from naerhed.accounts.models import LoginFailure
from naerhed.accounts.tasks import HOUSEKEEPING
from naerhed.carer_day.models import ClientRequest, RequestAction
from naerhed.jobs.registry import find_job, is_quick

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


def test_old_login_failures_and_request_ids_go_and_recent_ones_stay() -> None:
    LoginFailure.objects.create(username="old", at=NOW - dt.timedelta(days=1, minutes=1))
    LoginFailure.objects.create(username="new", at=NOW - dt.timedelta(hours=23))
    for days in (31, 29):
        request = ClientRequest.objects.create(request_id=uuid.uuid4(), action=RequestAction.CHECK_IN)
        ClientRequest.objects.filter(pk=request.pk).update(created_at=NOW - dt.timedelta(days=days))

    removed = run_housekeeping(now=NOW)

    assert removed == Removed(login_failures=1, request_ids=1)
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["new"]
    assert ClientRequest.objects.get().created_at == NOW - dt.timedelta(days=29)


def test_housekeeping_is_a_quick_periodic_job_that_runs() -> None:
    LoginFailure.objects.create(username="old", at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))

    find_job(HOUSEKEEPING)()

    assert settings.NAERHED_PERIODIC_JOBS[HOUSEKEEPING] == 3600
    assert is_quick(HOUSEKEEPING)
    assert not LoginFailure.objects.exists()
