# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The visit that puts a planned start-up conversation on the key person's route.

Planning the conversation creates (or moves) a visit without a grant: the conversation's service from
the catalogue, a window of the agreed time ± a few minutes, the key person and optionally the nurse
or therapist as a second carer. It goes into the plan in force through the planning bridge
(``build_problem`` + ``current_plan`` for the day, ``apply_plan(source="startup-conversation")``) only
if the engine's :func:`~naerhed.planner.check.check` finds no rule it breaks; otherwise a
ValidationError says why, and the caller's transaction writes nothing. Cancelling the conversation
cancels the visit; holding it marks the visit delivered. These helpers run inside the conversation
services' transactions and are not called on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from naerhed.accounts.models import User
from naerhed.lib.dates import COPENHAGEN
from naerhed.planning.plan_store import StaleVisitError, apply_plan, current_plan
from naerhed.planning.problem_builder import BuiltProblem, build_problem, from_minutes, to_minutes
from naerhed.quality import rules
from naerhed.quality.catalogue import conversation_service
from naerhed.quality.models import StartupConversation
from naerhed.quality.route_fit import Misfit, MisfitKind, fit_at
from naerhed.quality.services.audit_log import log_write
from naerhed.visits.events import record_change
from naerhed.visits.models import ChangeKind, Visit, VisitStatus
from naerhed.workforce.models import StaffMember

SOURCE = "startup-conversation"


def place_visit(*, conversation: StartupConversation, by: User, carers: Sequence[StaffMember]) -> Visit:
    """Create or move the conversation's visit to its planned start with ``carers`` (key person first)
    and write it into the plan in force. ValidationError (naming the reason) if it does not fit."""
    assert conversation.planned_start is not None
    StaffMember.objects.select_for_update().filter(pk__in=[m.pk for m in carers]).first()
    visit, created = _visit_row(conversation, len(carers))
    try:
        built = build_problem(team=conversation.team, start=visit.date, days=1)
    except ValueError:
        raise ValidationError(
            {"planned_start": _("The team's office is not on the map, so its routes cannot be planned.")}
        ) from None
    vid = f"v-{visit.pk}"
    ids = {pk: cid for cid, pk in built.staff_ids.items()}
    minute = to_minutes(conversation.planned_start, built.start)
    outcome = fit_at(built.problem, current_plan(built), vid, [ids[m.pk] for m in carers], minute)
    if isinstance(outcome, Misfit):
        raise ValidationError({_field(outcome, carers, ids): _explain(outcome, built, carers, ids)})
    try:
        apply_plan(
            built,
            outcome,
            by=by,
            source=SOURCE,
            visit_ids=[vid],
            expected_versions={visit.pk: visit.version},
        )
    except StaleVisitError:
        raise ValidationError(
            {"planned_start": _("The visit was changed by someone else just now. Try again.")}
        ) from None
    if conversation.visit_id != visit.pk:
        conversation.visit = visit
        conversation.save(update_fields=["visit", "updated_at"])
    log_write(by, "visit", visit.pk, conversation.citizen_id, "created: " + SOURCE if created else "moved")
    return visit


def _visit_row(conversation: StartupConversation, carers: int) -> tuple[Visit, bool]:
    """The conversation's visit with its day, window, duration and needs set (saved, locked)."""
    assert conversation.planned_start is not None
    start = conversation.planned_start.astimezone(COPENHAGEN)
    day = start.date()
    tolerance = dt.timedelta(minutes=rules.CONVERSATION_TOLERANCE_MINUTES)
    midnight = dt.datetime.combine(day, dt.time(0), tzinfo=COPENHAGEN)
    fields = {
        "date": day,
        "window_start": max(start - tolerance, midnight),
        "window_end": start + tolerance,
        "duration": conversation.duration,
        "two_carers": carers == 2,
        "service": conversation_service(elderly_act=conversation.elderly_act),
    }
    visit = (
        Visit.objects.select_for_update().filter(pk=conversation.visit_id, status=VisitStatus.PLANNED).first()
        if conversation.visit_id
        else None
    )
    if visit is None:
        visit = Visit.objects.create(citizen_id=conversation.citizen_id, changed_by_hand=True, **fields)
        return visit, True
    for name, value in fields.items():
        setattr(visit, name, value)
    visit.save(update_fields=[*fields, "updated_at"])
    return visit, False


def _field(misfit: Misfit, carers: Sequence[StaffMember], ids: dict[int, str]) -> str:
    if misfit.kind in (MisfitKind.NO_SHIFT, MisfitKind.BLOCKED, MisfitKind.COMPETENCE):
        return "key_person" if ids[carers[0].pk] == misfit.carer else "other_staff"
    return "planned_start"


def _explain(misfit: Misfit, built: BuiltProblem, carers: Sequence[StaffMember], ids: dict[int, str]) -> str:
    """The reason in plain words, naming the person and the time in the way."""
    name = next(m.full_name for m in carers if ids[m.pk] == misfit.carer)
    values = {"name": name, "from": "", "to": ""}
    if misfit.clash is not None:
        values["from"], values["to"] = (_clock(minute, built) for minute in misfit.clash)
    messages = {
        MisfitKind.NO_SHIFT: _("%(name)s has no shift at that time on the rota."),
        MisfitKind.OVERLAP: _("%(name)s is busy %(from)s–%(to)s, at the same time as the conversation."),
        MisfitKind.TRAVEL_BEFORE: _(
            "%(name)s cannot get to the citizen in time after the visit %(from)s–%(to)s."
        ),
        MisfitKind.TRAVEL_AFTER: _(
            "%(name)s cannot get from the conversation to the next visit at %(from)s in time."
        ),
        MisfitKind.SHIFT_END: _("%(name)s's shift ends before the conversation and the way back are over."),
        MisfitKind.BREAK: _("%(name)s's break cannot be moved away from the conversation."),
        MisfitKind.BLOCKED: _("The citizen has asked not to have visits from %(name)s."),
        MisfitKind.COMPETENCE: _("%(name)s lacks a competence the visit needs."),
    }
    if misfit.kind in messages:
        return messages[misfit.kind] % values
    return _("The conversation does not fit into %(name)s's route (rule: %(rule)s).") % {
        "name": name,
        "rule": misfit.rule,
    }


def _clock(minute: int, built: BuiltProblem) -> str:
    return from_minutes(minute, built.start).strftime("%H:%M")


def cancel_visit(*, conversation: StartupConversation, by: User) -> None:
    """Cancel the conversation's visit (if still planned) and tell the citizen's change log."""
    visit = _planned_visit(conversation)
    if visit is None:
        return
    old_start = visit.planned_start or visit.window_start
    Visit.objects.filter(pk=visit.pk).update(
        status=VisitStatus.CANCELLED, version=F("version") + 1, updated_at=timezone.now()
    )
    visit.status = VisitStatus.CANCELLED
    details = {"source": SOURCE, "old_start": old_start.isoformat()}
    record_change(visit=visit, kind=ChangeKind.CANCELLED, details=details, by=by)
    log_write(by, "visit", visit.pk, conversation.citizen_id, "cancelled: " + SOURCE)


def deliver_visit(*, conversation: StartupConversation, by: User) -> None:
    """The conversation was held: its visit is delivered, unless a carer has checked it out already."""
    visit = _planned_visit(conversation)
    if visit is None:
        return
    Visit.objects.filter(pk=visit.pk).update(
        status=VisitStatus.DELIVERED, version=F("version") + 1, updated_at=timezone.now()
    )
    log_write(by, "visit", visit.pk, conversation.citizen_id, "delivered: " + SOURCE)


def _planned_visit(conversation: StartupConversation) -> Visit | None:
    if conversation.visit_id is None:
        return None
    return (
        Visit.objects.select_for_update().filter(pk=conversation.visit_id, status=VisitStatus.PLANNED).first()
    )
