# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The needs assessor's follow-up list through the API, as on the ``/grants/`` page.

Adding, changing and ending grants are in ``naerhed.api.grants``; this adds the read of the overview.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from naerhed.api.auth import api_user
from naerhed.api.errors import ErrorOut
from naerhed.api.schemas import GrantOut
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.grants.access import require_grant_writer
from naerhed.grants.queries import grant_overview

router = Router(tags=["grants"])


class GrantFollowUpOut(Schema):
    today: dt.date
    horizon: dt.date = Field(description="Grants ending up to and including this day are listed.")
    ending_soon: list[GrantOut]
    nursing_open_ended: list[GrantOut] = Field(description="SUL §138 grants without an end date.")


@router.get(
    "/grant-follow-up",
    response={200: GrantFollowUpOut, 403: ErrorOut},
    summary="Grants ending soon and §138 nursing without an end date, in your municipality",
)
def get_follow_up(request: HttpRequest) -> GrantFollowUpOut:
    user = api_user(request)
    require_grant_writer(user, object_type="grant-overview")
    data = grant_overview(user, today=timezone.localdate())
    record_event(
        user=user,
        action=Action.VIEW,
        object_type="grant-overview",
        summary=f"api: {len(data.ending_soon)} ending soon, {len(data.nursing_open_ended)} §138 open",
    )
    return GrantFollowUpOut(
        today=data.today,
        horizon=data.horizon,
        ending_soon=[GrantOut.from_orm(g) for g in data.ending_soon],
        nursing_open_ended=[GrantOut.from_orm(g) for g in data.nursing_open_ended],
    )
