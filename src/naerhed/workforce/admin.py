# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.workforce.models import Competence, StaffCompetence, StaffMember


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin[Competence]):
    list_display = ["name", "code", "delegated_nursing"]
    search_fields = ["name", "code"]


class StaffCompetenceInline(admin.TabularInline[StaffCompetence, StaffMember]):
    model = StaffCompetence
    extra = 0


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin[StaffMember]):
    list_display = ["full_name", "employee_number", "profession", "team", "weekly_hours", "transport"]
    list_filter = ["team__district", "team", "profession", "transport"]
    search_fields = ["first_name", "last_name", "employee_number"]
    list_select_related = ["team"]
    inlines = [StaffCompetenceInline]
