# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The message rules: what the citizen (or a consenting relative) is told, and when.

Each tick, :func:`apply_rules` looks at the near future and puts what is due in the outbox. Every
message has a key made of rule, visit, visit version (or carer, step or change event) and recipient,
so running the rules twice never writes twice, and a changed visit (a new version) gets new ones.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone

from naerhed.citizens.models import Citizen
from naerhed.lib.dates import COPENHAGEN
from naerhed.messaging import wording
from naerhed.messaging.models import Message, MessageStatus, MunicipalityMessageSettings
from naerhed.messaging.outbox import enqueue
from naerhed.messaging.quiet_hours import after_quiet_hours
from naerhed.messaging.recipients import Recipient, eligible_citizens, recipients_of, settings_for
from naerhed.visits.models import ChangeKind, CitizenChangeEvent, Visit, VisitStatus
from naerhed.workforce.models import StaffMember

REMINDER_24H = "reminder_24h"
REMINDER_30M = "reminder_30m"
NEW_CARER = "new_carer"
DELAY = "delay"
CANCELLED = "cancelled"
NEW_TIME = "new_time"
#: Messages about one version of a visit: stale once the visit changes or is cancelled.
VISIT_BOUND = (REMINDER_24H, REMINDER_30M, NEW_CARER, DELAY)

#: A 24-hour reminder made later than this before the visit is left to the 30-minute one.
REMINDER_24H_CUTOFF = dt.timedelta(hours=1)
#: Delays are announced only this close to the planned time; earlier estimates still move too much.
DELAY_LOOKAHEAD = dt.timedelta(hours=1)
#: Changes made by the citizen's own booking: the portal confirms those itself.
SELF_SERVICE_SOURCES = frozenset({"booking"})
#: How long after the estimated arrival a delay notice is still sent.
DELAY_GRACE = dt.timedelta(minutes=10)
#: Changes recorded longer ago than this are history, not news.
CHANGE_NEWS_WINDOW = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Context:
    now: dt.datetime
    citizen: Citizen
    rules: MunicipalityMessageSettings
    recipients: list[Recipient]


def apply_rules(*, now: dt.datetime | None = None) -> int:
    """Put every message the rules call for at ``now`` in the outbox; returns how many are new."""
    now = now or timezone.now()
    before = Message.objects.count()
    cancel_stale_messages()
    contexts = _contexts(now)
    if contexts:
        visits = _upcoming_visits(now, contexts.keys())
        _visit_rules(now, contexts, visits)
        _delay_rule(now, contexts, visits)
        _change_rules(now, contexts)
    return Message.objects.count() - before


def cancel_stale_messages() -> int:
    """Cancel waiting messages about a visit that has since changed, been cancelled or been removed."""
    changed = Q(visit__isnull=False) & (
        ~Q(visit__status=VisitStatus.PLANNED) | ~Q(visit_version=F("visit__version"))
    )
    removed = Q(visit__isnull=True, visit_version__isnull=False)
    stale = changed | removed
    return Message.objects.filter(stale, status=MessageStatus.QUEUED, kind__in=VISIT_BOUND).update(
        status=MessageStatus.CANCELLED, last_error="the visit changed before the message was sent"
    )


def _contexts(now: dt.datetime) -> dict[int, Context]:
    cache: dict[int, MunicipalityMessageSettings] = {}
    out = {}
    for citizen in eligible_citizens(now.astimezone(COPENHAGEN).date()):
        rules = settings_for(citizen.team.district.municipality_id, cache)
        recipients = recipients_of(citizen)
        if rules.enabled and recipients:
            out[citizen.pk] = Context(now, citizen, rules, recipients)
    return out


def _upcoming_visits(now: dt.datetime, citizen_ids: Iterable[int]) -> list[Visit]:
    """Planned visits with a carer and a planned start in the next 24 hours (or just begun)."""
    return list(
        Visit.objects.filter(
            citizen_id__in=list(citizen_ids),
            status=VisitStatus.PLANNED,
            planned_start__gte=now - dt.timedelta(hours=3),
            planned_start__lte=now + dt.timedelta(hours=24),
        )
        .filter(carers__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("carers", queryset=StaffMember.objects.order_by("first_name")))
        .order_by("planned_start", "pk")
    )


def _visit_rules(now: dt.datetime, contexts: dict[int, Context], visits: list[Visit]) -> None:
    met = _carers_met(visits, weeks=max((c.rules.new_carer_weeks for c in contexts.values()), default=4))
    for visit in visits:
        context, start = contexts[visit.citizen_id], _start(visit)
        if start <= now:
            continue
        carers = list(visit.carers.all())
        if context.rules.reminder_24h and start - dt.timedelta(hours=24) <= now < start - REMINDER_24H_CUTOFF:
            _send(context, visit, REMINDER_24H, f"v{visit.version}", start, urgent=False, carers=carers)
        if context.rules.reminder_30m and start - dt.timedelta(minutes=30) <= now:
            _send(context, visit, REMINDER_30M, f"v{visit.version}", start, urgent=False, carers=carers)
        if context.rules.new_carer and start - dt.timedelta(hours=24) <= now:
            since = start - dt.timedelta(weeks=context.rules.new_carer_weeks)
            for carer in carers:
                if not any(since <= seen < start for seen in met.get((visit.citizen_id, carer.pk), ())):
                    _send(
                        context,
                        visit,
                        NEW_CARER,
                        f"v{visit.version}:s{carer.pk}",
                        start,
                        urgent=False,
                        carer=carer,
                    )


def _carers_met(visits: list[Visit], *, weeks: int) -> dict[tuple[int, int], list[dt.datetime]]:
    """(citizen, carer) -> when that carer came, over the last ``weeks`` weeks before these visits."""
    if not visits:
        return {}
    earliest = min(_start(v) for v in visits) - dt.timedelta(weeks=weeks)
    rows = Visit.carers.through.objects.filter(
        visit__citizen_id__in={v.citizen_id for v in visits},
        visit__window_start__gte=earliest - dt.timedelta(days=1),
        visit__status__in=[VisitStatus.PLANNED, VisitStatus.DELIVERED],
    ).values_list("visit__citizen_id", "staffmember_id", "visit__planned_start", "visit__window_start")
    met: dict[tuple[int, int], list[dt.datetime]] = defaultdict(list)
    for citizen_id, staff_id, planned, window in rows:
        met[(citizen_id, staff_id)].append(planned or window)
    return met


def _delay_rule(now: dt.datetime, contexts: dict[int, Context], visits: list[Visit]) -> None:
    from naerhed.carer_day.queries import StopState, route_estimate

    soon = [v for v in visits if contexts[v.citizen_id].rules.delay and now >= _start(v) - DELAY_LOOKAHEAD]
    if not soon:
        return
    wanted = {v.pk for v in soon}
    estimates: dict[int, dt.datetime] = {}
    carers = {c for v in soon for c in v.carers.all()}
    for carer in carers:
        for stop in route_estimate(carer, now.astimezone(COPENHAGEN).date(), now):
            if stop.visit.pk in wanted and stop.state == StopState.UPCOMING:
                previous = estimates.get(stop.visit.pk)
                estimates[stop.visit.pk] = max(stop.estimated_start, previous or stop.estimated_start)
    for visit in soon:
        estimate, context = estimates.get(visit.pk), contexts[visit.citizen_id]
        if estimate is None:
            continue
        late = int((estimate - _start(visit)).total_seconds() // 60)
        threshold, step_size = context.rules.delay_threshold_minutes, context.rules.delay_update_minutes
        if late <= threshold:
            continue
        step = (late - threshold - 1) // step_size
        estimate = _round_up(estimate, minutes=5)  # "ca. kl. 8.20" reads better than 8.16
        extra = {
            "estimate": estimate,
            "planned": _start(visit),
            "step": step,
            "carers": list(visit.carers.all()),
        }
        key = f"v{visit.version}:d{step}"
        # A carer not yet on the way is estimated to start "now", so the estimate is a lower bound:
        # the notice stays worth sending a little past it (arrival itself ends the delay rule).
        deadline = estimate + DELAY_GRACE
        _send(context, visit, DELAY, key, estimate, urgent=True, deadline=deadline, **extra)


def _change_rules(now: dt.datetime, contexts: dict[int, Context]) -> None:
    events = (
        CitizenChangeEvent.objects.filter(
            citizen_id__in=list(contexts),
            kind__in=[ChangeKind.CANCELLED, ChangeKind.TIME_CHANGED],
            created_at__gte=now - CHANGE_NEWS_WINDOW,
            visit__isnull=False,
        )
        .select_related("visit")
        .order_by("-created_at", "-id")
    )
    latest: dict[int, CitizenChangeEvent] = {}
    for event in events:  # newest first: only the latest change of each visit is news
        if event.visit_id is not None:
            latest.setdefault(event.visit_id, event)
    for event in latest.values():
        context = contexts[event.citizen_id]
        # A change the citizen (or relative) booked themselves was confirmed by the booking portal.
        if context.rules.changes and event.details.get("source") not in SELF_SERVICE_SOURCES:
            _change_notice(context, event)


def _change_notice(context: Context, event: CitizenChangeEvent) -> None:
    visit = event.visit
    assert visit is not None
    old = _parse(event.details.get("old_start")) or _start(visit)
    if event.kind == ChangeKind.CANCELLED:
        if visit.status == VisitStatus.CANCELLED and old > context.now:
            _send(context, visit, CANCELLED, f"e{event.pk}", old, urgent=False, deadline=old)
        return
    new = _parse(event.details.get("new_start"))
    moved = new is not None and abs((new - old).total_seconds()) >= context.rules.delay_threshold_minutes * 60
    if new is not None and moved and visit.status == VisitStatus.PLANNED and min(old, new) > context.now:
        _send(context, visit, NEW_TIME, f"e{event.pk}", new, urgent=False, deadline=min(old, new), old=old)


def _send(
    context: Context,
    visit: Visit,
    rule: str,
    version: str,
    at: dt.datetime,
    *,
    urgent: bool,
    deadline: dt.datetime | None = None,
    **extra: Any,
) -> None:
    """One message per recipient for ``rule`` about ``visit`` at time ``at``, unless it would come too
    late. A non-urgent message waits out the quiet hours; one that would then arrive after
    ``deadline`` (the visit's start by default) is sent at once if it is a change, dropped otherwise."""
    deadline = deadline or _start(visit)
    send_after = (
        context.now
        if urgent
        else after_quiet_hours(context.now, start=context.rules.quiet_from, end=context.rules.quiet_until)
    )
    if send_after >= deadline:
        if rule not in (CANCELLED, NEW_TIME):
            return
        send_after = context.now  # being woken beats waiting for a visit that will not come
    seen_on = send_after.astimezone(COPENHAGEN).date()
    with transaction.atomic():
        for recipient in context.recipients:
            body = _render(rule, context.citizen, recipient, at, seen_on, extra)
            enqueue(
                to=recipient.phone,
                body=body,
                kind=rule,
                key=f"{rule}:{visit.pk}:{version}:{recipient.key}",
                citizen=context.citizen,
                relative=recipient.relative,
                visit=visit,
                send_after=send_after,
                expires_at=deadline,
            )


def _render(
    rule: str,
    citizen: Citizen,
    recipient: Recipient,
    at: dt.datetime,
    seen_on: dt.date,
    extra: dict[str, Any],
) -> str:
    first_names = [c.first_name for c in extra.get("carers", [])]
    context: dict[str, Any] = {
        "name": recipient.greeting_name,
        "for_relative": recipient.relative is not None,
        "citizen_name": citizen.first_name,
        "when": wording.when(at, seen_on=seen_on),
        "when_lead": wording.when(at, seen_on=seen_on, leading=True),
        "clock": wording.clock(at),
        "carers": wording.names(first_names),
    }
    template = rule
    if rule == NEW_CARER:
        context["carer"] = extra["carer"].first_name
    elif rule == DELAY:
        context |= {"estimate": wording.clock(extra["estimate"]), "planned": wording.clock(extra["planned"])}
        template = "delay_update" if extra["step"] > 0 else "delay"
    elif rule == NEW_TIME:
        same_day = extra["old"].astimezone(COPENHAGEN).date() == at.astimezone(COPENHAGEN).date()
        context["old_when"] = (
            wording.clock(extra["old"]) if same_day else wording.when(extra["old"], seen_on=seen_on)
        )
    text = render_to_string(f"messaging/sms/{template}.txt", context)
    return " ".join(text.split())


def _round_up(moment: dt.datetime, *, minutes: int) -> dt.datetime:
    whole = moment.replace(second=0, microsecond=0)
    if whole != moment:
        whole += dt.timedelta(minutes=1)
    return whole + dt.timedelta(minutes=-whole.minute % minutes)


def _start(visit: Visit) -> dt.datetime:
    return visit.planned_start or visit.window_start


def _parse(raw: object) -> dt.datetime | None:
    if not isinstance(raw, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None
