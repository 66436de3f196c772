# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.grants.models import Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    list_display = [
        "name",
        "code",
        "kind",
        "paragraph",
        "shift_layer",
        "default_duration",
        "two_carers",
        "remote",
    ]
    list_filter = ["kind", "paragraph", "shift_layer", "two_carers", "remote"]
    filter_horizontal = ["required_competences"]
