# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.audit.admin_mixins import AuditedAdmin
from naerhed.carer_day.models import HandoverNote, VisitExecution, VisitPlan, VisitPlanRevision


class VisitPlanRevisionInline(admin.TabularInline[VisitPlanRevision, VisitPlan]):
    model = VisitPlanRevision
    extra = 0
    can_delete = False
    readonly_fields = ["version", "routines", "wishes", "watch_for", "triggers", "saved_by_name", "saved_at"]
    exclude = ["saved_by"]

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(VisitPlan)
class VisitPlanAdmin(AuditedAdmin[VisitPlan]):
    list_display = ["citizen", "version", "updated_by", "updated_at"]
    list_select_related = ["citizen", "updated_by"]
    raw_id_fields = ["citizen", "updated_by"]
    readonly_fields = ["version", "updated_by", "updated_at"]
    inlines = [VisitPlanRevisionInline]


@admin.register(HandoverNote)
class HandoverNoteAdmin(AuditedAdmin[HandoverNote]):
    list_display = ["citizen", "author_name", "created_at"]
    list_select_related = ["citizen"]
    raw_id_fields = ["citizen", "visit", "author"]


@admin.register(VisitExecution)
class VisitExecutionAdmin(AuditedAdmin[VisitExecution]):
    list_display = ["visit", "staff", "checked_in_at", "checked_out_at", "not_delivered_at"]
    list_select_related = ["visit", "visit__service", "staff"]
    raw_id_fields = ["visit", "staff"]

    def citizen_id_of(self, obj: VisitExecution) -> int | None:
        return obj.visit.citizen_id
