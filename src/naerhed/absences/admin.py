# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.absences.models import Absence, ReplanProposal


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin[Absence]):
    list_display = ["staff", "starts", "ends", "reason", "state", "registered_by"]
    list_filter = ["state", "reason"]
    readonly_fields = ["registered_by", "registered_at"]


@admin.register(ReplanProposal)
class ReplanProposalAdmin(admin.ModelAdmin[ReplanProposal]):
    list_display = ["team", "date", "kind", "status", "created_by", "created_at"]
    list_filter = ["status", "kind"]
    readonly_fields = ["instance", "plan", "changes", "cancelled_visits", "error"]
