# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.portal.models import BookingRules


@admin.register(BookingRules)
class BookingRulesAdmin(admin.ModelAdmin[BookingRules]):
    list_display = ["municipality", "change_notice_hours", "booking_lead_hours", "horizon_days"]
