# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.organisation.models import District, Municipality, Team


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin[Municipality]):
    list_display = ["name", "code"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin[District]):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ["name", "district", "leader"]
    list_filter = ["district"]
    list_select_related = ["district", "leader"]
    raw_id_fields = ["leader"]
