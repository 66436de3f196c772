# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The sick-call form: whose shift, from when (empty: the whole shift), and why."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from naerhed.absences.models import AbsenceReason
from naerhed.lib.dates import COPENHAGEN, aware
from naerhed.workforce.models import RosterShift


def shift_label(shift: RosterShift) -> str:
    starts, ends = shift.starts_at.astimezone(COPENHAGEN), shift.ends_at.astimezone(COPENHAGEN)
    return f"{shift.staff.full_name} ({starts:%H:%M}–{ends:%H:%M})"


class AbsenceForm(forms.Form):
    shift = forms.TypedChoiceField(label=_("Carer and shift"), coerce=int)
    from_time = forms.TimeField(
        label=_("Away from (time)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leave empty when the carer misses the whole shift; give a time if they went home."),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=AbsenceReason.choices, initial=AbsenceReason.SICK)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(
        self, *args: Any, shifts: list[RosterShift], now: dt.datetime | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        now = now or timezone.now()
        # A shift that has ended has nothing left to re-plan (the service refuses it too): not offered.
        self.shifts = {s.pk: s for s in shifts if not s.absent and s.ends_at > now}
        field = self.fields["shift"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—")] + [(pk, shift_label(s)) for pk, s in self.shifts.items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        shift = self.shifts.get(data.get("shift") or 0)
        data["roster_shift"] = shift
        at: dt.time | None = data.get("from_time")
        data["starts"] = None
        if shift is not None and at is not None:
            starts = aware(shift.date, at)
            if starts < shift.starts_at:  # a night shift: the time is after midnight
                starts = aware(shift.date + dt.timedelta(days=1), at)
            if not shift.starts_at <= starts < shift.ends_at:
                self.add_error("from_time", _("The time must be within the shift."))
            data["starts"] = starts
        return data
