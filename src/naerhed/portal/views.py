# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The portal's pages for a citizen (or a relative with consent): home, booking, moving and cancelling
a visit, and the klippekort. Views parse, check the portal session, call one service and render; every
page view and change is written to the audit log."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from naerhed.audit.models import Action
from naerhed.grants.models import Grant
from naerhed.klippekort.periods import ledger_period, parse_until
from naerhed.klippekort.queries import ledger
from naerhed.klippekort.services import sync_ledger
from naerhed.portal import booking
from naerhed.portal.allowance import flexible_help
from naerhed.portal.forms import ChoiceForm, VersionForm
from naerhed.portal.identity import Identity, log
from naerhed.portal.login_views import choose, login_code, login_phone, logout, portal_login_required
from naerhed.portal.placing import SEARCH_DAYS, parse_token
from naerhed.portal.queries import coming_visit, coming_visits
from naerhed.visits.models import Visit

__all__ = ["choose", "login_code", "login_phone", "logout"]


@require_GET
@portal_login_required
def home(request: HttpRequest, who: Identity) -> HttpResponse:
    now = timezone.now()
    sync_ledger(citizen=who.citizen, today=timezone.localdate(now))
    context = {
        "who": who,
        "visits": coming_visits(who.citizen, now),
        "help": flexible_help(who.citizen, timezone.localdate(now)),
        "ledger": ledger(who.citizen, today=timezone.localdate(now), with_entries=False),
    }
    log(who, Action.VIEW, "portal_home", who.citizen.pk, "home")
    return render(request, "portal/home.html", context)


@require_GET
@portal_login_required
def book_start(request: HttpRequest, who: Identity) -> HttpResponse:
    chosen = request.GET.get("grant", "")
    if chosen.isdigit():
        grant = _grant(who, int(chosen))
        hvem = "hurtigst" if request.GET.get("hvem") == "hurtigst" else "fast"
        return redirect(f"{reverse('portal:book_times', args=[grant.pk])}?hvem={hvem}")
    today = timezone.localdate()
    sync_ledger(citizen=who.citizen, today=today)
    log(who, Action.VIEW, "portal_booking", who.citizen.pk, "what to book")
    help_ = flexible_help(who.citizen, today)
    context = {"who": who, "help": help_, "any_bookable": any(a.bookable for a in help_)}
    return render(request, "portal/book.html", context)


def _first_day(request: HttpRequest) -> dt.date:
    raw = request.GET.get("fra", "")
    try:
        return max(dt.date.fromisoformat(raw), timezone.localdate()) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _grant(who: Identity, pk: int) -> Grant:
    grant = Grant.objects.select_related("service", "citizen__team__district__municipality").filter(
        pk=pk, citizen=who.citizen
    )
    found = grant.first()
    if found is None:
        raise Http404
    return found


@require_http_methods(["GET", "POST"])
@portal_login_required
def book_times(request: HttpRequest, who: Identity, grant_pk: int) -> HttpResponse:
    grant, now = _grant(who, grant_pk), timezone.now()
    form = ChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            choice = parse_token(form.cleaned_data["choice"])
            visit = booking.book_visit(
                identity=who,
                grant=grant,
                staff_pk=choice.staff_pk,
                partner_pk=choice.partner_pk,
                start=choice.start,
                now=now,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request, _("Your visit is booked. We will send you a text message to confirm it.")
            )
            return redirect("portal:visit", pk=visit.pk)
    return _times_page(request, who, grant, form, moving=None)


def _times_page(
    request: HttpRequest, who: Identity, grant: Grant, form: ChoiceForm, *, moving: Visit | None
) -> HttpResponse:
    first, prefer_carer = _first_day(request), request.GET.get("hvem", "fast") != "hurtigst"
    try:
        options = booking.times_for(
            grant=grant, first=first, now=timezone.now(), prefer_carer=prefer_carer, moving=moving
        )
    except ValidationError as error:
        form.add_error(None, error.messages[0])
        options = []
    log(who, Action.VIEW, "portal_times", grant.pk, f"free times for {grant.service.name}")
    context = {
        "who": who,
        "grant": grant,
        "form": form,
        "options": options,
        "first": first,
        "later": first + dt.timedelta(days=SEARCH_DAYS),
        "prefer": "fast" if prefer_carer else "hurtigst",
        "moving": moving,
        "version_form": VersionForm(initial={"version": moving.version}) if moving else None,
    }
    return render(request, "portal/times.html", context, status=400 if form.errors else 200)


def _visit(who: Identity, pk: int) -> Visit:
    visit = (
        Visit.objects.select_related(
            "service", "grant", "grant__service", "citizen__team__district__municipality"
        )
        .prefetch_related("carers")
        .filter(pk=pk, citizen=who.citizen)
        .first()
    )
    if visit is None:
        raise Http404
    return visit


@require_GET
@portal_login_required
def visit_detail(request: HttpRequest, who: Identity, pk: int) -> HttpResponse:
    visit = _visit(who, pk)
    log(who, Action.VIEW, "visit", visit.pk, "visit")
    context = {
        "who": who,
        "item": coming_visit(visit, timezone.now()),
        "version_form": VersionForm(initial={"version": visit.version}),
    }
    return render(request, "portal/visit.html", context)


@require_http_methods(["GET", "POST"])
@portal_login_required
def visit_move(request: HttpRequest, who: Identity, pk: int) -> HttpResponse:
    visit, now = _visit(who, pk), timezone.now()
    if visit.grant is None or not booking.can_change(visit, now):
        messages.error(request, _too_late(visit))
        return redirect("portal:visit", pk=visit.pk)
    form = ChoiceForm(request.POST or None)
    version = VersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and version.is_valid():
        try:
            choice = parse_token(form.cleaned_data["choice"])
            booking.move_visit(
                identity=who,
                visit_pk=visit.pk,
                expected_version=version.cleaned_data["version"],
                staff_pk=choice.staff_pk,
                partner_pk=choice.partner_pk,
                start=choice.start,
                now=now,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request, _("Your visit is moved. We will send you a text message to confirm it.")
            )
            return redirect("portal:visit", pk=visit.pk)
    return _times_page(request, who, visit.grant, form, moving=visit)


@require_http_methods(["GET", "POST"])
@portal_login_required
def visit_cancel(request: HttpRequest, who: Identity, pk: int) -> HttpResponse:
    visit, now = _visit(who, pk), timezone.now()
    if not booking.can_change(visit, now):
        messages.error(request, _too_late(visit))
        return redirect("portal:visit", pk=visit.pk)
    version = VersionForm(request.POST or None, initial={"version": visit.version})
    if request.method == "POST" and version.is_valid():
        try:
            booking.cancel_visit(
                identity=who, visit_pk=visit.pk, expected_version=version.cleaned_data["version"], now=now
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Your visit is cancelled."))
            return redirect("portal:home")
    log(who, Action.VIEW, "visit", visit.pk, "cancel?")
    context = {"who": who, "item": coming_visit(visit, now), "version_form": version}
    return render(request, "portal/cancel.html", context)


def _too_late(visit: Visit) -> str:
    hours = booking.rules_for(visit.citizen).change_notice_hours
    return _(
        "It is too late to change this visit yourself: it must be done at least %(hours)d hours before. "
        "Please call us."
    ) % {"hours": hours}


@require_GET
@portal_login_required
def klippekort(request: HttpRequest, who: Identity) -> HttpResponse:
    today = timezone.localdate()
    sync_ledger(citizen=who.citizen, today=today)
    log(who, Action.VIEW, "klippekort", who.citizen.pk, "klippekort")
    context = {
        "who": who,
        "ledger": ledger(who.citizen, today=today, with_entries=False),
        "period": ledger_period(
            who.citizen, today=today, until=parse_until(request.GET.get("til"), today=today)
        ),
    }
    return render(request, "portal/klippekort.html", context)
