# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Forms for the citizen pages. They only parse; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.fsiii import area_choices
from naerhed.citizens.models import Citizen, FunctionLevel, GenderPreference
from naerhed.citizens.queries import team_staff
from naerhed.citizens.services import PROFILE_FIELDS, WISH_FIELDS
from naerhed.organisation.models import Team
from naerhed.workforce.models import StaffMember


class CitizenSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All teams")
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = teams


class CitizenProfileForm(forms.Form):
    wishes = forms.CharField(
        label=_("Wishes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Routines, wishes and what to watch for, so that a substitute meets the citizen prepared."
        ),
    )
    lives_alone = forms.BooleanField(label=_("Lives alone / no active relatives"), required=False)
    memory_impairment = forms.BooleanField(label=_("Memory impairment"), required=False)
    gender_preference = forms.ChoiceField(
        label=_("Gender preference"), choices=GenderPreference.choices, required=False
    )
    key_person = forms.ModelChoiceField(
        label=_("Key person"),
        queryset=StaffMember.objects.none(),
        required=False,
        empty_label=_("No key person"),
    )
    preferred_carers = forms.ModelMultipleChoiceField(
        label=_("Preferred carers"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    blocked_carers = forms.ModelMultipleChoiceField(
        label=_("Must not visit"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, citizen: Citizen, **kwargs: Any) -> None:
        kwargs.setdefault("initial", _profile_initial(citizen))
        super().__init__(*args, **kwargs)
        for name in ("key_person", "preferred_carers", "blocked_carers"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = team_staff(citizen)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        both = set(cleaned.get("preferred_carers") or []) & set(cleaned.get("blocked_carers") or [])
        if both:
            self.add_error("blocked_carers", _("A carer cannot be both preferred and blocked."))
        return cleaned


def _profile_initial(citizen: Citizen) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(citizen, name) for name in PROFILE_FIELDS}
    wishes = list(citizen.carer_wishes.all())
    for name, kind in WISH_FIELDS.items():
        initial[name] = [w.staff_id for w in wishes if w.kind == kind]
    return initial


class FunctionLevelForm(forms.Form):
    code = forms.ChoiceField(label=_("Function area"), choices=area_choices)
    level = forms.TypedChoiceField(label=_("Level"), choices=FunctionLevel.Level.choices, coerce=int)
    assessed_on = forms.DateField(
        label=_("Assessed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_assessed_on(self) -> Any:
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on > timezone.localdate():
            raise forms.ValidationError(_("The assessment date is in the future."))
        return assessed_on
