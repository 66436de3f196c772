# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Forms of the carer's pages. Each submission carries the request id the page was drawn with."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from naerhed.carer_day.models import VisitPlan


class SubmissionForm(forms.Form):
    request_id = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The page was out of date. Reload it and try again."),
            "invalid": _("The page was out of date. Reload it and try again."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("request_id", uuid.uuid4())
        super().__init__(*args, **kwargs)


class NotDeliveredForm(SubmissionForm):
    reason = forms.CharField(
        label=_("Why could the visit not be delivered?"),
        max_length=1000,
        error_messages={"required": _("Say why the visit could not be delivered.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HandoverForm(SubmissionForm):
    visit = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Handover note"),
        max_length=4000,
        error_messages={"required": _("Write the handover note.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class VisitPlanForm(forms.Form):
    routines = forms.CharField(label=_("Routines"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    wishes = forms.CharField(label=_("Wishes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    watch_for = forms.CharField(
        label=_("What to watch for"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    triggers = forms.CharField(
        label=_("Triggers"),
        required=False,
        help_text=_("What upsets or calms the citizen, and what to do."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    @classmethod
    def for_plan(cls, plan: VisitPlan | None, data: Any = None) -> VisitPlanForm:
        if plan is None:
            return cls(data, initial={"version": 0})
        initial = {name: getattr(plan, name) for name in ("routines", "wishes", "watch_for", "triggers")}
        return cls(data, initial={**initial, "version": plan.version})
