# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Choosing a dashboard: which municipality, district or team, which kind of period, and a day in it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from naerhed.management.period import PERIOD_LABELS, Period, PeriodKind, period_containing
from naerhed.management.scope import Scope, ScopeLevel

LEVEL_LABELS = {
    ScopeLevel.MUNICIPALITY: _("Municipality"),
    ScopeLevel.DISTRICT: _("District"),
    ScopeLevel.TEAM: _("Team"),
}


class DashboardForm(forms.Form):
    scope = forms.ChoiceField(label=_("Figures for"))
    period = forms.ChoiceField(
        label=_("Period"), choices=[(k.value, PERIOD_LABELS[k]) for k in PeriodKind], initial=PeriodKind.WEEK
    )
    day = forms.DateField(
        label=_("A day in the period"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, scopes: list[Scope], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scopes = {s.token: s for s in scopes}
        field = self.fields["scope"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.token, f"{LEVEL_LABELS[s.level]}: {s.name}") for s in scopes]

    def chosen(self) -> tuple[Scope, Period]:
        data = self.cleaned_data
        return self.scopes[data["scope"]], period_containing(PeriodKind(data["period"]), data["day"])
