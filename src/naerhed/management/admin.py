# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.management.models import HrRecord, PriceModel


@admin.register(PriceModel)
class PriceModelAdmin(admin.ModelAdmin[PriceModel]):
    list_display = [
        "municipality",
        "year",
        "day_weekday",
        "day_weekend",
        "evening",
        "night",
        "practical_help",
    ]
    list_filter = ["municipality", "year"]


@admin.register(HrRecord)
class HrRecordAdmin(admin.ModelAdmin[HrRecord]):
    list_display = ["employee_number", "team", "month", "contract_hours", "sick_hours", "left_on"]
    list_filter = ["team", "month"]
    search_fields = ["employee_number"]
