# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.planning.models import PlanningRun


@admin.register(PlanningRun)
class PlanningRunAdmin(admin.ModelAdmin[PlanningRun]):
    list_display = ["team", "week_start", "days", "status", "created_by", "created_at", "finished_at"]
    list_filter = ["status", "team"]
    readonly_fields = ["instance", "plan", "figures", "progress", "error"]
