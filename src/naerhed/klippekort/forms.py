# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CorrectionForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=-10_000,
        max_value=10_000,
        help_text=_("Positive adds minutes, negative takes them away."),
    )
    note = forms.CharField(label=_("Reason"), max_length=200)
