# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Forms of the quality pages. They parse input only; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.models import Citizen, Relative
from naerhed.organisation.models import Team
from naerhed.quality.models import (
    ActivityKind,
    Consciousness,
    GoalKind,
    GoalStatus,
    LocalActivity,
    LonelinessAnswer,
    ObservationArea,
    ReferralStatus,
    ScorePhase,
    TriageColour,
    WellbeingInterval,
)
from naerhed.workforce.models import StaffMember

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})


def _team_staff(team_id: int) -> Any:
    return StaffMember.objects.filter(team_id=team_id, employed_until__isnull=True).order_by(
        "first_name", "last_name"
    )


class PlanConversationForm(forms.Form):
    planned_start = forms.DateTimeField(label=_("Time"), widget=DATETIME)
    duration = forms.IntegerField(label=_("Duration (minutes)"), min_value=10, max_value=180, initial=45)
    key_person = forms.ModelChoiceField(
        label=_("Key person"),
        queryset=StaffMember.objects.none(),
        help_text=_("The conversation goes on the key person's route."),
    )
    other_staff = forms.ModelChoiceField(
        label=_("Nurse or therapist"),
        queryset=StaffMember.objects.none(),
        required=False,
        help_text=_("Optional: joins as a second carer on the visit."),
    )
    relatives = forms.ModelMultipleChoiceField(
        label=_("Relatives invited"),
        queryset=Relative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, citizen: Citizen, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = _team_staff(citizen.team_id)
        self.fields["key_person"].queryset = staff  # type: ignore[attr-defined]
        self.fields["other_staff"].queryset = staff.filter(  # type: ignore[attr-defined]
            profession__in=["nurse", "ot", "pt"]
        )
        self.fields["relatives"].queryset = Relative.objects.filter(citizen=citizen)  # type: ignore[attr-defined]


class RecordConversationForm(forms.Form):
    held_at = forms.DateTimeField(label=_("Held at"), widget=DATETIME)
    nursing_assessment = forms.CharField(label=_("Nursing assessment"), widget=TEXT, required=False)
    manages_alone = forms.CharField(
        label=_("What the citizen manages alone (rehabilitation first)"), widget=TEXT, required=False
    )
    goals = forms.CharField(label=_("The citizen's goals"), widget=TEXT, required=False)
    relatives_network = forms.CharField(label=_("What relatives and network do"), widget=TEXT, required=False)
    end_of_life_wishes = forms.CharField(label=_("Wishes for the end of life"), widget=TEXT, required=False)
    who_does_what = forms.CharField(label=_("Who does what and when"), widget=TEXT, required=False)
    follow_up_on = forms.DateField(label=_("Follow-up on"), widget=DATE, required=False)


SCORE_LABELS = {
    "seen_heard": _("Seen, heard and understood"),
    "coherent": _("A coherent, coordinated course"),
    "own_abilities": _("The help uses what I can do myself"),
    "overall": _("Overall experience"),
}


class ScoresForm(forms.Form):
    phase = forms.ChoiceField(label=_("When"), choices=ScorePhase.choices)
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE)
    seen_heard = forms.IntegerField(label=SCORE_LABELS["seen_heard"], min_value=1, max_value=10)
    coherent = forms.IntegerField(label=SCORE_LABELS["coherent"], min_value=1, max_value=10)
    own_abilities = forms.IntegerField(label=SCORE_LABELS["own_abilities"], min_value=1, max_value=10)
    overall = forms.IntegerField(label=SCORE_LABELS["overall"], min_value=1, max_value=10)


class RehabGoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=GoalKind.choices)
    set_on = forms.DateField(label=_("Set on"), widget=DATE)
    target_date = forms.DateField(label=_("To be reached by"), widget=DATE, required=False)


class CloseGoalForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"), choices=[c for c in GoalStatus.choices if c[0] != GoalStatus.ACTIVE]
    )
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE)


class ObservationForm(forms.Form):
    """One text per area of the change form; fill only the areas where something changed."""

    physical = forms.CharField(label=ObservationArea.PHYSICAL.label, widget=TEXT, required=False)
    home = forms.CharField(label=ObservationArea.HOME.label, widget=TEXT, required=False)
    psychosocial = forms.CharField(label=ObservationArea.PSYCHOSOCIAL.label, widget=TEXT, required=False)
    activities = forms.CharField(label=ObservationArea.ACTIVITIES.label, widget=TEXT, required=False)
    medication = forms.CharField(label=ObservationArea.MEDICATION.label, widget=TEXT, required=False)
    eating = forms.CharField(label=ObservationArea.EATING.label, widget=TEXT, required=False)
    visit = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TobsForm(forms.Form):
    pulse = forms.IntegerField(label=_("Pulse (per minute)"), min_value=0, max_value=400)
    temperature = forms.DecimalField(
        label=_("Temperature (°C, rectal or corrected)"), max_digits=3, decimal_places=1, min_value=0
    )
    systolic_bp = forms.IntegerField(label=_("Systolic blood pressure (mmHg)"), min_value=0, max_value=400)
    respiration = forms.IntegerField(label=_("Respiration (per minute)"), min_value=0, max_value=100)
    consciousness = forms.ChoiceField(label=_("Consciousness"), choices=Consciousness.choices)
    visit = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TriageForm(forms.Form):
    colour = forms.ChoiceField(label=_("Colour"), choices=TriageColour.choices)
    reason = forms.CharField(label=_("Why"), max_length=300, required=False)


class MeetingRolesForm(forms.Form):
    captain = forms.ModelChoiceField(label=_("Captain"), queryset=StaffMember.objects.none(), required=False)
    note_taker = forms.ModelChoiceField(
        label=_("Note-taker"), queryset=StaffMember.objects.none(), required=False
    )
    notes = forms.CharField(label=_("Notes"), widget=TEXT, required=False)

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("captain", "note_taker"):
            self.fields[name].queryset = _team_staff(team.pk)  # type: ignore[attr-defined]


class BoardActionForm(forms.Form):
    text = forms.CharField(label=_("Decision or action"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=StaffMember.objects.none())
    due_date = forms.DateField(label=_("Due by"), widget=DATE)
    citizen = forms.ModelChoiceField(label=_("Citizen"), queryset=Citizen.objects.none(), required=False)

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _team_staff(team.pk)  # type: ignore[attr-defined]
        self.fields["citizen"].queryset = Citizen.objects.filter(  # type: ignore[attr-defined]
            team=team, ended_on__isnull=True
        )


class AdmissionForm(forms.Form):
    admitted_on = forms.DateField(label=_("Admitted on"), widget=DATE)
    loss_of_function = forms.BooleanField(label=_("Loss of function"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class DischargeForm(forms.Form):
    discharged_on = forms.DateField(label=_("Discharged on"), widget=DATE)
    loss_of_function = forms.BooleanField(label=_("Loss of function"), required=False)


class AdverseEventForm(forms.Form):
    occurred_on = forms.DateField(label=_("Occurred on"), widget=DATE)
    description = forms.CharField(label=_("What happened"), widget=TEXT)


class WellbeingPlanForm(forms.Form):
    interval_months = forms.TypedChoiceField(
        label=_("How often"), choices=WellbeingInterval.choices, coerce=int
    )


class WellbeingConversationForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    lacks_companionship = forms.TypedChoiceField(
        label=_("How often do you feel that you lack companionship?"),
        choices=LonelinessAnswer.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    left_out = forms.TypedChoiceField(
        label=_("How often do you feel left out?"),
        choices=LonelinessAnswer.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    isolated = forms.TypedChoiceField(
        label=_("How often do you feel isolated from others?"),
        choices=LonelinessAnswer.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("What we talked about"), widget=TEXT, required=False)


class ReferralForm(forms.Form):
    activity = forms.ModelChoiceField(label=_("Activity or helper"), queryset=LocalActivity.objects.none())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = LocalActivity.objects.filter(  # type: ignore[attr-defined]
            municipality_id=municipality_id, active=True
        )


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ReferralStatus.choices)


class LocalActivityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    description = forms.CharField(label=_("Description"), widget=TEXT, required=False)
    contact = forms.CharField(label=_("Contact"), max_length=200, required=False)
    area = forms.CharField(label=_("Where"), max_length=100, required=False)
