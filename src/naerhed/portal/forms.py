# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from naerhed.lib.phone import is_valid_phone


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=20,
        help_text=_("8 digits. We send a code to this number."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data["phone"])
        if not is_valid_phone(phone):
            raise forms.ValidationError(_("Write a Danish phone number with 8 digits."))
        return phone


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("The code from the text message"),
        regex=r"^\s*\d{6}\s*$",
        max_length=10,
        help_text=_("6 digits."),
        error_messages={"invalid": _("The code has 6 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ChoiceForm(forms.Form):
    """A time picked from those offered; the version guards a move or cancellation against a change
    made by someone else in the meantime."""

    choice = forms.CharField(max_length=80, error_messages={"required": _("Choose a time.")})


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
