# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The main navigation's link to the dashboard (its label is translated in this app's catalogue)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NAV_LABEL = _("Figures")
