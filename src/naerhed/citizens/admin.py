# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.audit.admin_mixins import AuditedAdmin
from naerhed.citizens.models import CarerWish, Citizen, FunctionLevel, Relative
from naerhed.grants.models import Grant


class RelativeInline(admin.TabularInline[Relative, Citizen]):
    model = Relative
    extra = 0


class CarerWishInline(admin.TabularInline[CarerWish, Citizen]):
    model = CarerWish
    extra = 0
    raw_id_fields = ["staff"]


class FunctionLevelInline(admin.TabularInline[FunctionLevel, Citizen]):
    model = FunctionLevel
    extra = 0
    raw_id_fields = ["assessor"]


class GrantInline(admin.TabularInline[Grant, Citizen]):
    model = Grant
    extra = 0
    fields = [
        "service",
        "starts_on",
        "ends_on",
        "recurrence",
        "weekdays",
        "window_start",
        "window_end",
        "duration",
    ]


@admin.register(Citizen)
class CitizenAdmin(AuditedAdmin[Citizen]):
    list_display = ["__str__", "team", "key_person", "lives_alone", "memory_impairment", "started_on"]
    list_filter = ["team__district", "team", "lives_alone", "memory_impairment"]
    search_fields = ["first_name", "last_name"]
    list_select_related = ["team", "key_person"]
    raw_id_fields = ["key_person"]
    inlines = [RelativeInline, CarerWishInline, FunctionLevelInline, GrantInline]
