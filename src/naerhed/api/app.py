# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The versioned JSON API, ``/api/v1/``, with its OpenAPI documentation at ``/api/v1/docs``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI

from naerhed.absences import api as absences_api
from naerhed.api import citizens, grants, staff, teams, tokens, visits
from naerhed.api.auth import bearer_token, session
from naerhed.api.errors import install_error_handlers
from naerhed.board import api as board_api
from naerhed.grants import api as grants_pages_api
from naerhed.klippekort import api as klippekort_api
from naerhed.management import api as management_api
from naerhed.messaging import api as messaging_api
from naerhed.quality import api as quality_api

DESCRIPTION = """Nærhed's records for integrations and scripts.

Authenticate with an API token (`Authorization: Bearer nh_…`, created under `/tokens/` from a
logged-in session) or with the session itself. Every endpoint applies the same scope as the pages:
team roles see their team, planners their district, needs assessors the municipality. Ids outside
your scope give 403, as do unknown ids. Citizen reads are audit-logged.
"""

api = NinjaAPI(
    version="1",
    title="Nærhed API",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[bearer_token, session],
    docs_decorator=login_required,
)
install_error_handlers(api)
api.add_router("/teams/", teams.router)
api.add_router("/staff/", staff.router)
api.add_router("/citizens/", citizens.router)
api.add_router("/", grants.router)
api.add_router("/", visits.router)
api.add_router("/tokens/", tokens.router)
api.add_router("/", board_api.router)
api.add_router("/", klippekort_api.router)
api.add_router("/", grants_pages_api.router)
api.add_router("/", absences_api.router)
api.add_router("/figures/", management_api.router)
api.add_router("/quality/", quality_api.router)
api.add_router("/messages/", messaging_api.router)
