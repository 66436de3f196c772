# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.audit.admin_mixins import AuditedAdmin
from naerhed.visits.models import Visit


@admin.register(Visit)
class VisitAdmin(AuditedAdmin[Visit]):
    list_display = [
        "date",
        "window_start",
        "citizen",
        "service",
        "duration",
        "two_carers",
        "remote",
        "status",
    ]
    list_filter = ["status", "two_carers", "remote", "date"]
    list_select_related = ["citizen", "service"]
    raw_id_fields = ["grant", "citizen", "carers"]
    date_hierarchy = "date"
