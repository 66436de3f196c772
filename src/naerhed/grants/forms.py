# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The grant forms: parse a needs assessor's input into the fields ``grants.services`` takes, and put the
service's validation errors back on the field they name."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from naerhed.grants.models import Grant, Priority, Recurrence
from naerhed.grants.queries import active_services, services_by_paragraph

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

WEEKDAY_CHOICES = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]
ALL_DAYS = "1111111"
#: Service error keys that are not form field names.
FIELD_FOR_ERROR = {"service_id": "service"}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _required(message: StrOrPromise) -> dict[str, Any]:
    return {"required": message}


class GrantForm(forms.Form):
    service = forms.TypedChoiceField(
        label=_("Service"), coerce=int, error_messages=_required(_("Choose a service from the catalogue."))
    )
    starts_on = forms.DateField(
        label=_("From"), widget=_date_input(), error_messages=_required(_("Give the first day of the grant."))
    )
    ends_on = forms.DateField(
        label=_("To (inclusive)"),
        required=False,
        widget=_date_input(),
        help_text=_("Leave empty for a grant until further notice."),
    )
    recurrence = forms.ChoiceField(
        label=_("Recurrence"),
        choices=Recurrence.choices,
        error_messages=_required(_("Choose how often the citizen gets help.")),
    )
    weekdays = forms.MultipleChoiceField(
        label=_("Weekdays"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The days visits may fall on. 'Every day' always uses all seven days."),
    )
    interval_days = forms.IntegerField(
        label=_("Every N days"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Only for 'Every N days'."),
    )
    window_start = forms.TimeField(
        label=_("Earliest start"),
        widget=_time_input(),
        error_messages=_required(_("Give the earliest time the visit may start.")),
    )
    window_end = forms.TimeField(
        label=_("Latest start"),
        widget=_time_input(),
        error_messages=_required(_("Give the latest time the visit may start.")),
    )
    duration = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=1,
        max_value=480,
        error_messages=_required(_("Give the duration of a visit in minutes.")),
    )
    weekly_minutes = forms.IntegerField(
        label=_("Minutes per week"),
        required=False,
        min_value=1,
        max_value=10080,
        help_text=_("The frame of a care course or klippekort."),
    )
    priority = forms.TypedChoiceField(label=_("Priority"), coerce=int, choices=Priority.choices)
    two_carers = forms.BooleanField(label=_("Needs two carers"), required=False)
    remote = forms.BooleanField(label=_("Screen visit"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service_field = self.fields["service"]
        assert isinstance(service_field, forms.TypedChoiceField)
        service_field.choices = [("", _("Choose a service")), *services_by_paragraph(active_services())]

    @staticmethod
    def initial_for(grant: Grant) -> dict[str, Any]:
        """The form's initial values for changing ``grant``."""
        return {
            "service": grant.service_id,
            "starts_on": grant.starts_on,
            "ends_on": grant.ends_on,
            "recurrence": grant.recurrence,
            "weekdays": [str(day) for day, flag in enumerate(grant.weekdays) if flag == "1"],
            "interval_days": grant.interval_days,
            "window_start": grant.window_start,
            "window_end": grant.window_end,
            "duration": grant.duration,
            "weekly_minutes": grant.weekly_minutes,
            "priority": grant.priority,
            "two_carers": grant.two_carers,
            "remote": grant.remote,
            "note": grant.note,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        recurrence, weekdays = cleaned.get("recurrence"), cleaned.get("weekdays")
        if recurrence and recurrence != Recurrence.DAILY and not weekdays:
            self.add_error("weekdays", _("Choose at least one weekday."))
        return cleaned

    def grant_fields(self) -> dict[str, Any]:
        """The cleaned input as the keyword arguments of ``create_grant`` and ``update_grant``."""
        data = dict(self.cleaned_data)
        data["service_id"] = data.pop("service")
        chosen = set(data.pop("weekdays") or [])
        daily = data["recurrence"] == Recurrence.DAILY
        data["weekdays"] = ALL_DAYS if daily else "".join("1" if str(d) in chosen else "0" for d in range(7))
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's errors on the fields they name; others above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            field = FIELD_FOR_ERROR.get(key, key)
            self.add_error(field if field in self.fields else None, messages)


class EndGrantForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Last day (inclusive)"),
        widget=_date_input(),
        error_messages=_required(_("Give the grant's last day.")),
        help_text=_("Visits are made up to and including this day."),
    )

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            self.add_error("ends_on" if key == "ends_on" else None, messages)


def months_ahead(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover
