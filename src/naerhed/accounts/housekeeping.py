# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Removing what is only kept for a while: staff log-in failures after a day, and the request ids
of the carers' phones (:class:`naerhed.carer_day.models.ClientRequest`) after 30 days, long after
any resend of the same submission could arrive. What a request did (check-in, handover note) stays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from naerhed.accounts.models import LoginFailure
from naerhed.carer_day.models import ClientRequest

LOGIN_FAILURES_KEPT = dt.timedelta(days=1)
REQUEST_IDS_KEPT = dt.timedelta(days=30)


@dataclass(frozen=True)
class Removed:
    login_failures: int
    request_ids: int


def run_housekeeping(*, now: dt.datetime) -> Removed:
    failures, _ = LoginFailure.objects.filter(at__lt=now - LOGIN_FAILURES_KEPT).delete()
    requests, _ = ClientRequest.objects.filter(created_at__lt=now - REQUEST_IDS_KEPT).delete()
    return Removed(failures, requests)
