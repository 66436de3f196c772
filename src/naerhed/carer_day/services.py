# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every write of the carer's day, each one transaction and audit-logged.

Submissions from phones carry a request id made when the page was drawn. The id is claimed first
in the same transaction; a retried request finds the claim and gets the first result back, and a
request that fails leaves no claim, so it may be retried.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.carer_day.access import check_assigned, check_in_team, is_assigned, staff_of
from naerhed.carer_day.models import (
    PLAN_FIELDS,
    ClientRequest,
    HandoverNote,
    RequestAction,
    VisitExecution,
    VisitPlan,
    VisitPlanRevision,
)
from naerhed.carer_day.queries import visit_for_page
from naerhed.citizens.models import Citizen
from naerhed.citizens.services import open_citizen_record
from naerhed.visits.events import record_change
from naerhed.visits.models import ChangeKind, Visit, VisitStatus


class StaleVisitPlan(ValidationError):
    """Someone else saved the visit plan after the editor opened it."""


@dataclass(frozen=True)
class Claim:
    record: ClientRequest
    replayed: bool


@transaction.atomic
def check_in(*, visit: Visit, by: User, at: dt.datetime, request_id: uuid.UUID) -> VisitExecution:
    """Record that the carer arrived. Only a carer on the visit may; twice is refused."""
    staff_id = _carer_of(by, visit)
    claim = _claim(request_id, RequestAction.CHECK_IN)
    if claim.replayed:
        return _replayed_execution(claim)
    _check_still_open(visit)
    execution = _execution(visit, staff_id)
    if execution.checked_in_at is not None:
        raise ValidationError(
            _("You checked in at %(time)s already.") % {"time": _clock(execution.checked_in_at)}
        )
    execution.checked_in_at = at
    execution.save(update_fields=["checked_in_at"])
    _finish_claim(claim, execution=execution)
    _audit(by, Action.UPDATE, visit, "checked in")
    return execution


@transaction.atomic
def check_out(*, visit: Visit, by: User, at: dt.datetime, request_id: uuid.UUID) -> VisitExecution:
    """Record that the carer left; the visit is then delivered. Needs a check-in first."""
    staff_id = _carer_of(by, visit)
    claim = _claim(request_id, RequestAction.CHECK_OUT)
    if claim.replayed:
        return _replayed_execution(claim)
    execution = _execution(visit, staff_id)
    _check_can_check_out(execution, at)
    execution.checked_out_at = at
    execution.save(update_fields=["checked_out_at"])
    _set_status(visit, VisitStatus.DELIVERED)
    _finish_claim(claim, execution=execution)
    _audit(by, Action.UPDATE, visit, "checked out")
    return execution


@transaction.atomic
def mark_not_delivered(
    *, visit: Visit, by: User, reason: str, request_id: uuid.UUID, at: dt.datetime | None = None
) -> VisitExecution:
    """Record that the visit could not be delivered, and why; the citizen's change event is recorded."""
    staff_id = _carer_of(by, visit)
    claim = _claim(request_id, RequestAction.NOT_DELIVERED)
    if claim.replayed:
        return _replayed_execution(claim)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the visit could not be delivered.")})
    execution = _execution(visit, staff_id)
    if execution.checked_out_at is not None:
        raise ValidationError(
            _("The visit was delivered: you checked out at %(time)s.")
            % {"time": _clock(execution.checked_out_at)}
        )
    execution.not_delivered_at, execution.not_delivered_reason = at or timezone.now(), reason.strip()
    execution.save(update_fields=["not_delivered_at", "not_delivered_reason"])
    _set_status(visit, VisitStatus.NOT_DELIVERED)
    details = {"reason": execution.not_delivered_reason, "staff_id": staff_id}
    record_change(visit=visit, kind=ChangeKind.NOT_DELIVERED, details=details, by=by)
    _finish_claim(claim, execution=execution)
    _audit(by, Action.UPDATE, visit, "not delivered")
    return execution


@transaction.atomic
def write_handover(
    *, citizen: Citizen, visit: Visit | None, by: User, text: str, request_id: uuid.UUID
) -> HandoverNote:
    """Add a handover note for the citizen (from a visit, or not); only the citizen's team writes them."""
    check_in_team(by, citizen)
    if visit is not None and visit.citizen_id != citizen.pk:
        raise ValidationError(_("The visit is not this citizen's."))
    claim = _claim(request_id, RequestAction.HANDOVER)
    if claim.replayed:
        return HandoverNote.objects.get(pk=claim.record.handover_id or 0)
    if not text.strip():
        raise ValidationError({"text": _("Write the handover note.")})
    note = HandoverNote.objects.create(
        citizen=citizen, visit=visit, author=by, author_name=_name(by), text=text.strip()
    )
    _finish_claim(claim, handover=note)
    record_event(
        user=by,
        action=Action.CREATE,
        object_type="handovernote",
        object_id=note.pk,
        citizen_id=citizen.pk,
        summary="handover note",
    )
    return note


@transaction.atomic
def update_visit_plan(*, citizen: Citizen, by: User, expected_version: int, **fields: str) -> VisitPlan:
    """Save the visit plan if nobody else saved it since ``expected_version``; keeps every version.

    Takes any of PLAN_FIELDS. Saving without a change creates no new version.
    """
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"not visit plan fields: {', '.join(sorted(unknown))}")
    check_in_team(by, citizen)
    plan, _created = VisitPlan.objects.select_for_update().get_or_create(citizen=citizen)
    if plan.version != expected_version:
        raise StaleVisitPlan(_stale_message(plan))
    changed = [name for name, value in fields.items() if getattr(plan, name) != value.strip()]
    if not changed:
        return plan
    _save_version(plan, by, {name: fields[name].strip() for name in changed})
    record_event(
        user=by,
        action=Action.CREATE if plan.version == 1 else Action.UPDATE,
        object_type="visitplan",
        object_id=plan.pk,
        citizen_id=citizen.pk,
        summary="visit plan: " + ", ".join(changed),
    )
    return plan


def open_visit(*, user: User, pk: int) -> Visit:
    """The visit for its carer, logged as a VIEW of the citizen; anyone else is refused and logged."""
    visit = visit_for_page(pk)
    if visit is None or not is_assigned(user, visit):
        record_event(
            user=user,
            action=Action.DENIED,
            object_type="visit",
            object_id=pk,
            citizen_id=visit.citizen_id if visit else None,
            summary="carer's visit",
        )
        raise PermissionDenied("not your visit")
    open_citizen_record(user=user, pk=visit.citizen_id, purpose="carer's visit")
    return visit


def log_route_viewed(*, user: User, visits: list[Visit]) -> None:
    """The route shows each citizen's name, address and tasks: one VIEW per citizen."""
    for citizen_id in dict.fromkeys(visit.citizen_id for visit in visits):
        record_event(
            user=user,
            action=Action.VIEW,
            object_type="citizen",
            object_id=citizen_id,
            citizen_id=citizen_id,
            summary="carer's route",
        )


def _save_version(plan: VisitPlan, by: User, changes: dict[str, str]) -> None:
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.version += 1
    plan.updated_by, plan.updated_at = by, timezone.now()
    plan.save()
    texts = {name: getattr(plan, name) for name in PLAN_FIELDS}
    VisitPlanRevision.objects.create(
        plan=plan,
        version=plan.version,
        saved_by=by,
        saved_by_name=_name(by),
        saved_at=plan.updated_at,
        **texts,
    )


def _stale_message(plan: VisitPlan) -> str:
    who = _name(plan.updated_by) if plan.updated_by else _("Someone")
    at = _clock(plan.updated_at) if plan.updated_at else "–"
    return _(
        "%(who)s saved the visit plan at %(time)s while you were editing it. Nothing of yours was saved: "
        "read their version and save again."
    ) % {"who": who, "time": at}


def _carer_of(user: User, visit: Visit) -> int:
    staff_id = staff_of(user)
    check_assigned(user, visit)
    return staff_id


def _claim(request_id: uuid.UUID, action: RequestAction) -> Claim:
    """Claim the request id, or find the earlier claim of the same id (the retried request)."""
    try:
        with transaction.atomic():
            return Claim(ClientRequest.objects.create(request_id=request_id, action=action), replayed=False)
    except IntegrityError:
        earlier = ClientRequest.objects.get(request_id=request_id)
    if earlier.action != action:
        raise ValidationError(_("This form was already used for something else. Reload the page."))
    return Claim(earlier, replayed=True)


def _finish_claim(claim: Claim, **result: Any) -> None:
    for name, value in result.items():
        setattr(claim.record, name, value)
    claim.record.save(update_fields=list(result))


def _replayed_execution(claim: Claim) -> VisitExecution:
    if claim.record.execution_id is None:  # the first request's transaction has not finished
        raise ValidationError(_("The first try is still being saved. Reload the page."))
    return VisitExecution.objects.get(pk=claim.record.execution_id)


def _execution(visit: Visit, staff_id: int) -> VisitExecution:
    execution, _created = VisitExecution.objects.select_for_update().get_or_create(
        visit=visit, staff_id=staff_id
    )
    return execution


def _check_still_open(visit: Visit) -> None:
    if visit.status == VisitStatus.CANCELLED:
        raise ValidationError(_("The visit is cancelled."))
    if visit.status == VisitStatus.NOT_DELIVERED:
        raise ValidationError(_("The visit is marked as not delivered."))


def _check_can_check_out(execution: VisitExecution, at: dt.datetime) -> None:
    if execution.checked_in_at is None:
        raise ValidationError(_("Check in before you check out."))
    if execution.checked_out_at is not None:
        raise ValidationError(
            _("You checked out at %(time)s already.") % {"time": _clock(execution.checked_out_at)}
        )
    if at < execution.checked_in_at:
        raise ValidationError(_("The check-out time is before the check-in time."))


def _set_status(visit: Visit, status: VisitStatus) -> None:
    Visit.objects.filter(pk=visit.pk).update(
        status=status, version=F("version") + 1, updated_at=timezone.now()
    )
    visit.status = status


def _audit(user: User, action: Action, visit: Visit, summary: str) -> None:
    record_event(
        user=user,
        action=action,
        object_type="visit",
        object_id=visit.pk,
        citizen_id=visit.citizen_id,
        summary=summary,
    )


def _name(user: User) -> str:
    if user.staff is not None:
        return user.staff.full_name
    return user.get_full_name() or user.username


def _clock(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")
