# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Booking, moving and cancelling flexible help from the portal: the named services.

Each runs in one transaction: the visit, its place in the plan (``apply_plan(source="booking")``),
the klippekort entry, the change event, the audit event and the confirmation SMS are written together
or not at all. A refusal is a ValidationError whose message names the field, in plain words. Help that
needs two carers is booked the same way with both carers (``partner_pk``); on a klippekort it takes
its minutes twice.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from naerhed.audit.models import Action
from naerhed.citizens.models import Citizen
from naerhed.grants.models import Grant
from naerhed.klippekort.services import reserve_for_visit, return_for_visit, sync_ledger
from naerhed.lib.dates import COPENHAGEN, aware
from naerhed.lib.phone import is_valid_phone
from naerhed.messaging.outbox import enqueue
from naerhed.portal.allowance import HelpKind, allowance, kind_of
from naerhed.portal.identity import Identity, log
from naerhed.portal.models import BookingRules
from naerhed.portal.placing import SEARCH_DAYS, TimeOption, offer, place
from naerhed.visits.events import record_change
from naerhed.visits.models import ChangeKind, Visit, VisitStatus


def rules_for(citizen: Citizen) -> BookingRules:
    """The municipality's booking rules, or the defaults (24 hours) when it has set none."""
    municipality = citizen.team.district.municipality
    return BookingRules.objects.filter(municipality=municipality).first() or BookingRules(
        municipality=municipality
    )


def earliest_start(citizen: Citizen, now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(hours=rules_for(citizen).booking_lead_hours)


def last_day(citizen: Citizen, now: dt.datetime) -> dt.date:
    return timezone.localdate(now) + dt.timedelta(days=rules_for(citizen).horizon_days)


def change_deadline(visit: Visit, rules: BookingRules | None = None) -> dt.datetime:
    """The last moment the citizen may cancel or move ``visit`` themselves (``rules``: the citizen's,
    when the caller has them already)."""
    hours = (rules or rules_for(visit.citizen)).change_notice_hours
    return _start_of(visit) - dt.timedelta(hours=hours)


def can_change(visit: Visit, now: dt.datetime, rules: BookingRules | None = None) -> bool:
    return (
        visit.status == VisitStatus.PLANNED
        and visit.grant is not None
        and kind_of(visit.grant) in (HelpKind.ON_DEMAND, HelpKind.KLIPPEKORT)
        and now <= change_deadline(visit, rules)
    )


def _start_of(visit: Visit) -> dt.datetime:
    return visit.planned_start or visit.window_start


def bookable_days(
    grant: Grant, first: dt.date, now: dt.datetime, *, moving: Visit | None = None
) -> list[dt.date]:
    """The days from ``first`` (at most a week) on which ``grant`` may be booked: inside the grant and
    the booking horizon, on its weekdays, with something left in that day's period."""
    citizen = grant.citizen
    last = min(last_day(citizen, now), grant.ends_on or dt.date.max)
    out = []
    for offset in range(SEARCH_DAYS):
        day = first + dt.timedelta(days=offset)
        if day > last or not grant.active_on(day) or grant.weekdays[day.weekday()] != "1":
            continue
        if allowance(grant, day, excluding=moving.pk if moving else None).bookable:
            out.append(day)
    return out


def times_for(
    *, grant: Grant, first: dt.date, now: dt.datetime, prefer_carer: bool, moving: Visit | None = None
) -> list[TimeOption]:
    """The best free times in the week from ``first`` (never before the booking lead time)."""
    sync_ledger(citizen=grant.citizen, today=timezone.localdate(now))
    soonest = earliest_start(grant.citizen, now)
    first = max(first, soonest.astimezone(COPENHAGEN).date(), grant.starts_on)
    windows = []
    for day in bookable_days(grant, first, now, moving=moving):
        lo, hi = max(aware(day, grant.window_start), soonest), aware(day, grant.window_end)
        windows += _hours(_ceil_5(lo), hi)
    if not windows:
        return []
    return offer(
        grant=grant, first=first, days=SEARCH_DAYS, windows=windows, prefer_carer=prefer_carer, moving=moving
    )


def _hours(lo: dt.datetime, hi: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """``[lo, hi]`` cut into hours, so that the engine offers a time in each hour, not one per day."""
    out = []
    while lo <= hi:
        out.append((lo, min(lo + dt.timedelta(minutes=59), hi)))
        lo += dt.timedelta(hours=1)
    return out


def _ceil_5(moment: dt.datetime) -> dt.datetime:
    """Round up to five minutes: times offered to people are whole five minutes."""
    local = moment.astimezone(COPENHAGEN)
    whole = local.replace(second=0, microsecond=0)
    if whole < local:
        whole += dt.timedelta(minutes=1)
    return whole + dt.timedelta(minutes=-whole.minute % 5)


def _check_start(grant: Grant, start: dt.datetime, now: dt.datetime, *, moving: Visit | None = None) -> None:
    citizen = grant.citizen
    local = start.astimezone(COPENHAGEN)
    day = local.date()
    if start < earliest_start(citizen, now):
        hours = rules_for(citizen).booking_lead_hours
        raise ValidationError(
            {"start": _("The time must be at least %(hours)d hours from now.") % {"hours": hours}}
        )
    if day > last_day(citizen, now) or not grant.active_on(day) or grant.weekdays[day.weekday()] != "1":
        raise ValidationError({"start": _("This help cannot be booked on that day.")})
    if not grant.window_start <= local.time() <= grant.window_end:
        raise ValidationError({"start": _("This help cannot be booked at that time of day.")})
    left = allowance(grant, day, excluding=moving.pk if moving else None)
    if not left.bookable:
        raise ValidationError({"grant": _("There is nothing left of this help in that period.")})


def _flexible(identity: Identity, grant: Grant) -> None:
    if grant.citizen_id != identity.citizen.pk or kind_of(grant) not in (
        HelpKind.ON_DEMAND,
        HelpKind.KLIPPEKORT,
    ):
        raise ValidationError({"grant": _("Choose one of the kinds of help shown.")})


def _next_occurrence(grant: Grant, day: dt.date) -> int:
    top = Visit.objects.filter(grant=grant, date=day).aggregate(top=Max("occurrence"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def book_visit(
    *,
    identity: Identity,
    grant: Grant,
    staff_pk: int,
    start: dt.datetime,
    now: dt.datetime,
    partner_pk: int | None = None,
) -> Visit:
    """Book ``grant`` at ``start`` with carer ``staff_pk`` (a time the engine offered), and with
    ``partner_pk`` as well when the help needs two carers."""
    Citizen.objects.select_for_update().filter(pk=identity.citizen.pk).first()  # one booking at a time
    _flexible(identity, grant)
    sync_ledger(citizen=identity.citizen, today=timezone.localdate(now))
    _check_start(grant, start, now)
    day = start.astimezone(COPENHAGEN).date()
    visit = Visit.objects.create(
        grant=grant,
        citizen=identity.citizen,
        service=grant.service,
        date=day,
        occurrence=_next_occurrence(grant, day),
        window_start=start,
        window_end=start,
        duration=grant.duration,
        remote=grant.remote,
        priority=grant.priority,
        two_carers=grant.two_carers,  # the plan gets both carers, the klippekort is charged twice
        changed_by_hand=True,  # generating visits from grants must never remove a booking
        note=_("Booked by the citizen") if identity.relative is None else _("Booked by a relative"),
    )
    if kind_of(grant) is HelpKind.KLIPPEKORT:
        reserve_for_visit(visit=visit, today=timezone.localdate(now))
    place(visit=visit, staff_pk=staff_pk, partner_pk=partner_pk, start=start)
    visit.refresh_from_db()
    log(identity, Action.CREATE, "visit", visit.pk, f"booked {grant.service.name}")
    _confirm(
        identity, visit, "booked", _("Your visit is booked: %(what)s %(when)s. Kind regards, home care.")
    )
    return visit


def _open(identity: Identity, visit_pk: int, expected_version: int, now: dt.datetime) -> Visit:
    visit = (
        # Only the visit's row is locked: PostgreSQL refuses FOR UPDATE on the nullable grant join.
        Visit.objects.select_for_update(of=("self",))
        .select_related("grant", "grant__service", "citizen", "service")
        .filter(pk=visit_pk, citizen=identity.citizen)
        .first()
    )
    if visit is None or visit.grant is None:
        raise ValidationError({"visit": _("This visit cannot be found.")})
    if visit.version != expected_version:
        raise ValidationError(
            {"visit": _("The visit was changed a moment ago. Look at the new time and try again.")}
        )
    if not can_change(visit, now):
        hours = rules_for(identity.citizen).change_notice_hours
        raise ValidationError(
            {
                "visit": _(
                    "It is too late to change this visit yourself: it must be done at least %(hours)d hours "
                    "before. Please call us."
                )
                % {"hours": hours}
            }
        )
    return visit


@transaction.atomic
def move_visit(
    *,
    identity: Identity,
    visit_pk: int,
    expected_version: int,
    staff_pk: int,
    start: dt.datetime,
    now: dt.datetime,
    partner_pk: int | None = None,
) -> Visit:
    """Move a booked visit to another offered time (within the municipality's notice); a two-carer
    visit needs ``partner_pk`` too."""
    visit = _open(identity, visit_pk, expected_version, now)
    grant = visit.grant
    assert grant is not None
    _check_start(grant, start, now, moving=visit)
    day = start.astimezone(COPENHAGEN).date()
    occurrence = visit.occurrence if day == visit.date else _next_occurrence(grant, day)
    Visit.objects.filter(pk=visit.pk).update(
        date=day, occurrence=occurrence, window_start=start, window_end=start
    )
    visit.refresh_from_db()
    place(visit=visit, staff_pk=staff_pk, partner_pk=partner_pk, start=start)
    visit.refresh_from_db()
    log(identity, Action.UPDATE, "visit", visit.pk, "moved")
    _confirm(identity, visit, "moved", _("Your visit is moved: %(what)s %(when)s. Kind regards, home care."))
    return visit


@transaction.atomic
def cancel_visit(*, identity: Identity, visit_pk: int, expected_version: int, now: dt.datetime) -> Visit:
    """Cancel a booked visit (within the municipality's notice); klippekort minutes are given back."""
    visit = _open(identity, visit_pk, expected_version, now)
    old_start = _start_of(visit)
    Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.CANCELLED, version=F("version") + 1)
    visit.refresh_from_db()
    details = {"source": "booking", "by": identity.who, "old_start": old_start.isoformat()}
    record_change(visit=visit, kind=ChangeKind.CANCELLED, details=details, by=None)
    return_for_visit(visit=visit, today=timezone.localdate(now))
    log(identity, Action.UPDATE, "visit", visit.pk, "cancelled")
    _confirm(
        identity,
        visit,
        "cancelled",
        _("Your visit is cancelled: %(what)s %(when)s. Kind regards, home care."),
    )
    return visit


def when_text(moment: dt.datetime) -> str:
    """``"mandag 30. november kl. 10.00"`` in the active language."""
    local = moment.astimezone(COPENHAGEN)
    return _("%(day)s at %(time)s") % {
        "day": formats.date_format(local, "l j. F"),
        "time": formats.time_format(local, "H.i"),
    }


def _confirm(identity: Identity, visit: Visit, what: str, text: str) -> None:
    """A text message to whoever acted (the citizen or the relative) confirming it."""
    phone = identity.relative.phone if identity.relative else identity.citizen.phone
    if not is_valid_phone(phone):
        return
    body = text % {"what": visit.service.name, "when": when_text(_start_of(visit))}
    enqueue(
        to=phone,
        body=body,
        kind=f"booking_{what}",
        key=f"booking:{what}:{visit.pk}:{visit.version}",
        citizen=identity.citizen,
        relative=identity.relative,
        visit=visit,
    )
