# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbsencesConfig(AppConfig):
    name = "naerhed.absences"
    verbose_name = _("Sick calls and re-planning")
    #: The main navigation's label for these pages (web/navigation.py); translated in this app's catalogue.
    nav_label = _("Sick calls")
