# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The form for one relative on the citizen's record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.models import Relative
from naerhed.citizens.relatives import normalise_phone


class RelativeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    relation = forms.CharField(
        label=_("Relation"), max_length=100, help_text=_("e.g. daughter, neighbour, friend")
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    is_primary = forms.BooleanField(label=_("Primary contact"), required=False)
    consent_to_share = forms.BooleanField(
        label=_("The citizen consents to sharing information with this person"), required=False
    )
    consent_recorded_on = forms.DateField(
        label=_("Consent given on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, relative: Relative | None = None, **kwargs: Any) -> None:
        if relative is not None:
            kwargs.setdefault("initial", {name: getattr(relative, name) for name in self.base_fields})
        else:
            kwargs.setdefault("initial", {"consent_recorded_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_phone(self) -> str:
        try:
            return normalise_phone(self.cleaned_data.get("phone") or "")
        except ValidationError as error:
            raise ValidationError(error.message_dict["phone"]) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent_to_share") and not data.get("consent_recorded_on"):
            self.add_error("consent_recorded_on", _("Record when consent was given."))
        return data
