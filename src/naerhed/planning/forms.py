# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The start-run form: a team the user plans, a week's Monday, a time limit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from naerhed.organisation.models import Team

MIN_SECONDS, MAX_SECONDS = 1.0, 600.0


class StartRunForm(forms.Form):
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label=_("Team"),
        required=False,
        empty_label=_("All the teams I plan"),
        help_text=_("One run per team; on several machines the runs are solved side by side."),
    )
    week_start = forms.DateField(
        label=_("Week (Monday)"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"),
        min_value=MIN_SECONDS,
        max_value=MAX_SECONDS,
        initial=30,
        help_text=_("How long the planner searches. Longer usually gives a better plan."),
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.ModelChoiceField)
        team_field.queryset = teams

    def clean_week_start(self) -> dt.date:
        day: dt.date = self.cleaned_data["week_start"]
        if day.weekday() != 0:
            raise forms.ValidationError(_("Choose a Monday."))
        return day


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=7 - today.weekday())
