# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin

from naerhed.klippekort.models import KlippekortRules


@admin.register(KlippekortRules)
class KlippekortRulesAdmin(admin.ModelAdmin[KlippekortRules]):
    list_display = ["municipality", "savings_cap_weeks"]
