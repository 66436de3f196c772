# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Care quality records: start-up conversations with their scores and rehab goals; everyday observations
and TOBS; triage colours, board meetings and their actions, hospital stays and adverse events; wellbeing
conversations, the catalogue of local activities and referrals to them.

Writes go through ``naerhed.quality.services``; the rules (due dates, TOBS points, colours, loneliness
screening) are pure functions in ``naerhed.quality.rules``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from naerhed.citizens.models import Citizen, Relative
from naerhed.lib.dates import COPENHAGEN
from naerhed.organisation.models import Municipality, Team
from naerhed.visits.models import Visit
from naerhed.workforce.models import StaffMember

SCORE_RANGE = [MinValueValidator(1), MaxValueValidator(10)]
USER = settings.AUTH_USER_MODEL


# --- Start-up conversations (opstartssamtaler) ---------------------------------------------------------


class ConversationReason(models.TextChoices):
    NEW_CITIZEN = "new", _("New citizen")
    FUNCTION_LEVEL = "function-level", _("Function level changed")


class ConversationStatus(models.TextChoices):
    DUE = "due", _("Not planned yet")
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


#: A conversation that is neither held nor cancelled still has to happen.
OPEN_CONVERSATION = (ConversationStatus.DUE, ConversationStatus.PLANNED)


class StartupConversation(models.Model):
    """A start-up conversation with the citizen, network and relatives, due 1–7 days after a new citizen's
    first visit or a change of function level. For Elderly Act citizens it is the FSIII intervention
    "Dialog med borger om tilrettelæggelse af forløb"."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="startup_conversations", verbose_name=_("citizen")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="startup_conversations", verbose_name=_("team")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ConversationReason.choices)
    triggered_on = models.DateField(_("triggered on"), help_text=_("The first visit or the assessment."))
    earliest_date = models.DateField(_("earliest day"))
    due_date = models.DateField(_("due by"), db_index=True)
    elderly_act = models.BooleanField(_("Elderly Act care course"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ConversationStatus.choices, default=ConversationStatus.DUE
    )
    planned_start = models.DateTimeField(_("planned start"), null=True, blank=True)
    duration = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    key_person = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="startup_conversations",
        verbose_name=_("key person"),
    )
    other_staff = models.ManyToManyField(
        StaffMember,
        blank=True,
        related_name="startup_conversations_joined",
        verbose_name=_("nurse or therapist"),
    )
    relatives_invited = models.ManyToManyField(
        Relative, blank=True, related_name="startup_conversations", verbose_name=_("relatives invited")
    )
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    nursing_assessment = models.TextField(_("nursing assessment"), blank=True)
    manages_alone = models.TextField(_("what the citizen manages alone"), blank=True)
    goals = models.TextField(_("the citizen's goals"), blank=True)
    relatives_network = models.TextField(_("what relatives and network do"), blank=True)
    end_of_life_wishes = models.TextField(_("wishes for the end of life"), blank=True)
    who_does_what = models.TextField(_("who does what and when"), blank=True)
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True)
    visit = models.OneToOneField(
        Visit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="startup_conversation",
        verbose_name=_("visit on the route"),
        help_text=_("The visit that puts the planned conversation on the key person's route."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("start-up conversation")
        verbose_name_plural = _("start-up conversations")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["team", "status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.citizen} {self.get_reason_display()} {self.due_date:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CONVERSATION

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and today > self.due_date

    @property
    def held_on_time(self) -> bool | None:
        """Whether it was held by the due date (None while not held)."""
        if self.held_at is None:
            return None
        return self.held_at.astimezone(COPENHAGEN).date() <= self.due_date


class ScorePhase(models.TextChoices):
    START = "start", _("At the start")
    FOLLOW_UP = "follow-up", _("At follow-up")


class ConversationScore(models.Model):
    """The citizen's answers to the four questions, each 1–10, at the start or at follow-up."""

    conversation = models.ForeignKey(
        StartupConversation, on_delete=models.CASCADE, related_name="scores", verbose_name=_("conversation")
    )
    phase = models.CharField(_("when"), max_length=10, choices=ScorePhase.choices)
    seen_heard = models.PositiveSmallIntegerField(_("seen, heard and understood"), validators=SCORE_RANGE)
    coherent = models.PositiveSmallIntegerField(_("a coherent, coordinated course"), validators=SCORE_RANGE)
    own_abilities = models.PositiveSmallIntegerField(
        _("the help uses what I can do myself"), validators=SCORE_RANGE
    )
    overall = models.PositiveSmallIntegerField(_("overall experience"), validators=SCORE_RANGE)
    recorded_on = models.DateField(_("answered on"))
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("conversation score")
        verbose_name_plural = _("conversation scores")
        ordering = ["conversation", "phase"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "phase"], name="conversation_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id} {self.phase}"


#: The four questions, in the order the survey asks them.
SCORE_FIELDS = ("seen_heard", "coherent", "own_abilities", "overall")


class GoalKind(models.TextChoices):
    DEVELOPING = "developing", _("Developing (regain or learn)")
    MAINTAINING = "maintaining", _("Maintaining")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not-achieved", _("Not achieved")
    CANCELLED = "cancelled", _("Cancelled")


class RehabGoal(models.Model):
    """A goal agreed with the citizen (rehabilitation first), usually at the start-up conversation."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="rehab_goals", verbose_name=_("citizen")
    )
    conversation = models.ForeignKey(
        StartupConversation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rehab_goals",
        verbose_name=_("conversation"),
    )
    text = models.CharField(_("goal"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=GoalKind.choices, default=GoalKind.DEVELOPING)
    status = models.CharField(
        _("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )
    set_on = models.DateField(_("set on"))
    target_date = models.DateField(_("to be reached by"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("rehab goal")
        verbose_name_plural = _("rehab goals")
        ordering = ["citizen", "-set_on", "pk"]

    def __str__(self) -> str:
        return self.text


# --- Observations and TOBS -------------------------------------------------------------------------------


class ObservationArea(models.TextChoices):
    """The six areas of the change form (Ændringsskemaet, "Hjulet")."""

    PHYSICAL = "physical", _("Physical complaints")
    HOME = "home", _("The home")
    PSYCHOSOCIAL = "psychosocial", _("Psychological and social")
    ACTIVITIES = "activities", _("Everyday activities")
    MEDICATION = "medication", _("Medication")
    EATING = "eating", _("Eating and drinking")


class Observation(models.Model):
    """A change a carer noticed in one area of the change form."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="observations", verbose_name=_("citizen")
    )
    visit = models.ForeignKey(Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    area = models.CharField(_("area"), max_length=15, choices=ObservationArea.choices)
    text = models.TextField(_("what you noticed"))
    observed_at = models.DateTimeField(_("observed"), db_index=True)
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    author_name = models.CharField(_("observed by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["-observed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.citizen} {self.get_area_display()}"


class Consciousness(models.TextChoices):
    HABITUAL = "habitual", _("As usual")
    AGITATED = "agitated", _("Agitated")
    VOICE = "voice", _("Responds only when spoken to")
    PAIN = "pain", _("Responds only to pain")
    NONE = "none", _("No response")


#: The TOBS action algorithm's advice for each level (see rules.TobsAdvice), as staff read it.
TOBS_ADVICE = {
    "repeat": _("TOBS 0: measure again when your judgement says so."),
    "causes": _(
        "TOBS 1: look for causes – urine, blood sugar, how much the citizen drinks, medication. Consider "
        "calling the GP. Measure again three times over the next 24 hours."
    ),
    "nurse": _("TOBS 2: as for 1, and call the nurse. Measure again three times, two hours apart."),
    "doctor": _(
        "TOBS 3–4, or one value scored 3: the nurse contacts the GP or out-of-hours doctor now. "
        "Measure again every hour until the doctor has decided."
    ),
    "emergency": _("TOBS 5 or more: call the doctor at once; if the citizen is very unwell, call 112."),
}


class TobsMeasurement(models.Model):
    """The five vital values, their TOBS points (0–3 each) and the total, as measured by an SSA or nurse."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="tobs_measurements", verbose_name=_("citizen")
    )
    visit = models.ForeignKey(Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    measured_at = models.DateTimeField(_("measured"), db_index=True)
    pulse = models.PositiveSmallIntegerField(_("pulse (per minute)"))
    temperature = models.DecimalField(_("temperature (°C)"), max_digits=3, decimal_places=1)
    systolic_bp = models.PositiveSmallIntegerField(_("systolic blood pressure (mmHg)"))
    respiration = models.PositiveSmallIntegerField(_("respiration (per minute)"))
    consciousness = models.CharField(_("consciousness"), max_length=10, choices=Consciousness.choices)
    pulse_points = models.PositiveSmallIntegerField(default=0)
    temperature_points = models.PositiveSmallIntegerField(default=0)
    systolic_bp_points = models.PositiveSmallIntegerField(default=0)
    respiration_points = models.PositiveSmallIntegerField(default=0)
    consciousness_points = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveSmallIntegerField(_("TOBS score"))
    advice = models.CharField(_("advice"), max_length=20)
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    author_name = models.CharField(_("measured by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("TOBS measurement")
        verbose_name_plural = _("TOBS measurements")
        ordering = ["-measured_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.citizen} TOBS {self.total}"

    @property
    def advice_text(self) -> str:
        return str(TOBS_ADVICE[self.advice])

    @property
    def urgent(self) -> bool:
        return self.advice in ("doctor", "emergency")


# --- Triage and board meetings (tavlemøder) --------------------------------------------------------------


class TriageColour(models.TextChoices):
    GREEN = "green", _("Green – habitual")
    YELLOW = "yellow", _("Yellow – changes, act within 48 hours, follow up daily")
    RED = "red", _("Red – serious")


class BoardMeeting(models.Model):
    """A team's board meeting (tavlemøde) on one day, with a captain and a note-taker."""

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="board_meetings", verbose_name=_("team")
    )
    date = models.DateField(_("date"))
    captain = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("captain"),
    )
    note_taker = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("note-taker"),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["team", "date"], name="board_meeting_per_team_day")]

    def __str__(self) -> str:
        return f"{self.team} {self.date:%d.%m.%Y}"


class TriageAssessment(models.Model):
    """A citizen's triage colour as set (usually at a board meeting); the latest one is the current colour."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="triage_assessments", verbose_name=_("citizen")
    )
    colour = models.CharField(_("colour"), max_length=6, choices=TriageColour.choices)
    reason = models.CharField(_("why"), max_length=300, blank=True)
    set_at = models.DateTimeField(_("set at"), db_index=True)
    meeting = models.ForeignKey(
        BoardMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="triage_assessments"
    )
    set_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    set_by_name = models.CharField(_("set by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("triage colour")
        verbose_name_plural = _("triage colours")
        ordering = ["-set_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.citizen} {self.colour}"


class BoardAction(models.Model):
    """A decision or action from a board meeting, with an owner and a due date."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="actions")
    citizen = models.ForeignKey(
        Citizen,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="board_actions",
        verbose_name=_("citizen"),
    )
    text = models.CharField(_("decision or action"), max_length=300)
    owner = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="board_actions", verbose_name=_("owner")
    )
    due_date = models.DateField(_("due by"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("board action")
        verbose_name_plural = _("board actions")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.text

    def is_overdue(self, today: dt.date) -> bool:
        return self.done_at is None and self.due_date < today


class HospitalStay(models.Model):
    """A hospital (or rehab and acute centre) admission and discharge, simply: for the rehab board."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="hospital_stays", verbose_name=_("citizen")
    )
    admitted_on = models.DateField(_("admitted on"))
    discharged_on = models.DateField(_("discharged on"), null=True, blank=True)
    loss_of_function = models.BooleanField(_("loss of function"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("hospital stay")
        verbose_name_plural = _("hospital stays")
        ordering = ["-admitted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.citizen} {self.admitted_on:%d.%m.%Y}"


class AdverseEvent(models.Model):
    """An adverse event (utilsigtet hændelse, UTH), discussed at the board meeting to learn from it."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="adverse_events", verbose_name=_("citizen")
    )
    occurred_on = models.DateField(_("occurred on"))
    description = models.TextField(_("what happened"))
    reported_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adverse event")
        verbose_name_plural = _("adverse events")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.citizen} {self.occurred_on:%d.%m.%Y}"


# --- Wellbeing (trivsel) -----------------------------------------------------------------------------


class WellbeingInterval(models.IntegerChoices):
    QUARTERLY = 3, _("Every quarter")
    HALF_YEARLY = 6, _("Every half year")


class WellbeingPlan(models.Model):
    """Wellbeing conversations planned for a vulnerable citizen without active relatives."""

    citizen = models.OneToOneField(
        Citizen, on_delete=models.CASCADE, related_name="wellbeing_plan", verbose_name=_("citizen")
    )
    interval_months = models.PositiveSmallIntegerField(
        _("how often"), choices=WellbeingInterval.choices, default=WellbeingInterval.QUARTERLY
    )
    next_due = models.DateField(_("next conversation by"), db_index=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("wellbeing plan")
        verbose_name_plural = _("wellbeing plans")

    def __str__(self) -> str:
        return f"{self.citizen} {self.next_due:%d.%m.%Y}"


class LonelinessAnswer(models.IntegerChoices):
    """The answers of the three-item UCLA loneliness scale (Hughes et al. 2004)."""

    HARDLY_EVER = 1, _("Hardly ever")
    SOMETIMES = 2, _("Some of the time")
    OFTEN = 3, _("Often")


class WellbeingConversation(models.Model):
    """A wellbeing conversation held, with the loneliness screening (three items, total 3–9)."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="wellbeing_conversations", verbose_name=_("citizen")
    )
    held_on = models.DateField(_("held on"))
    lacks_companionship = models.PositiveSmallIntegerField(
        _("How often do you feel that you lack companionship?"), choices=LonelinessAnswer.choices
    )
    left_out = models.PositiveSmallIntegerField(
        _("How often do you feel left out?"), choices=LonelinessAnswer.choices
    )
    isolated = models.PositiveSmallIntegerField(
        _("How often do you feel isolated from others?"), choices=LonelinessAnswer.choices
    )
    loneliness_score = models.PositiveSmallIntegerField(_("loneliness score (3–9)"))
    note = models.TextField(_("what we talked about"), blank=True)
    held_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)
    held_by_name = models.CharField(_("held by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("wellbeing conversation")
        verbose_name_plural = _("wellbeing conversations")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.citizen} {self.held_on:%d.%m.%Y}"


class ActivityKind(models.TextChoices):
    VISITING_FRIEND = "visiting-friend", _("Visiting friend")
    ASSOCIATION = "association", _("Association or club")
    ACTIVITY_CENTRE = "activity-centre", _("Activity centre")
    NEIGHBOUR = "neighbour", _("Neighbour or local helper")
    OTHER = "other", _("Other")


class LocalActivity(models.Model):
    """One entry of the municipality's catalogue of local activities and helpers."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="local_activities")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    description = models.TextField(_("description"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    area = models.CharField(_("where"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("local activity")
        verbose_name_plural = _("local activities")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="local_activity_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ReferralStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    STARTED = "started", _("Started")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


class Referral(models.Model):
    """A citizen referred to (bridged to) a local activity or helper."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("citizen")
    )
    activity = models.ForeignKey(LocalActivity, on_delete=models.PROTECT, related_name="referrals")
    referred_on = models.DateField(_("referred on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SUGGESTED
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    referred_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.citizen} → {self.activity}"
