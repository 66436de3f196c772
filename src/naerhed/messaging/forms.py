# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The citizen's choice about SMS messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from naerhed.messaging.models import Participation, Recipients


class MessagePreferenceForm(forms.Form):
    participation = forms.ChoiceField(
        label=_("Messages"),
        choices=Participation.choices,
        widget=forms.RadioSelect,
        help_text=_("Automatic: messages if the citizen lives alone or has a memory impairment."),
    )
    recipients = forms.ChoiceField(
        label=_("Send to"),
        choices=Recipients.choices,
        widget=forms.RadioSelect,
        help_text=_("Relatives only receive messages if the citizen's consent is recorded."),
    )
