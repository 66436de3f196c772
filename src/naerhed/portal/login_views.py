# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Logging in to the portal with a code by SMS, choosing whose help to see, and logging out."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from naerhed.portal import identity as session_identity
from naerhed.portal.forms import CodeForm, PhoneForm
from naerhed.portal.identity import Identity
from naerhed.portal.login import LoginFailed, request_code, verify_code

P = ParamSpec("P")
PortalView = Callable[Concatenate[HttpRequest, Identity, P], HttpResponse]


def staff_refused(request: HttpRequest) -> HttpResponse | None:
    """Staff logins never reach the portal: the portal is for citizens and relatives only."""
    if request.user.is_authenticated:
        return render(request, "portal/staff_refused.html", status=403)
    return None


def portal_login_required(view: PortalView[P]) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Passes the logged-in :class:`Identity`; sends anyone else to the portal's login."""

    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        refused = staff_refused(request)
        if refused is not None:
            return refused
        who = session_identity.current(request.session)
        if who is None:
            if request.session.get(session_identity.SESSION_CHOICES):
                return redirect("portal:choose")
            return redirect("portal:login")
        return view(request, who, *args, **kwargs)

    return wraps(view)(wrapper)  # type: ignore[return-value]  # wraps widens the signature


@require_http_methods(["GET", "POST"])
def login_phone(request: HttpRequest) -> HttpResponse:
    refused = staff_refused(request)
    if refused is not None:
        return refused
    form = PhoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        number = request_code(
            phone=form.cleaned_data["phone"], now=timezone.now(), ip_address=request.META.get("REMOTE_ADDR")
        )
        request.session[session_identity.SESSION_PENDING_PHONE] = number
        return redirect("portal:login_code")
    return render(request, "portal/login_phone.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    refused = staff_refused(request)
    if refused is not None:
        return refused
    phone = request.session.get(session_identity.SESSION_PENDING_PHONE)
    if not phone:
        return redirect("portal:login")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            found = verify_code(phone=phone, code=form.cleaned_data["code"], now=timezone.now())
        except LoginFailed as failure:
            form.add_error("code", str(failure))
        else:
            session_identity.start_session(request.session, found)
            return redirect("portal:home")
    return render(request, "portal/login_code.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    refused = staff_refused(request)
    if refused is not None:
        return refused
    options = session_identity.choices(request.session)
    if not options:
        return redirect("portal:login")
    if request.method == "POST":
        raw = request.POST.get("who", "")
        if raw.isdigit() and int(raw) in {index for index, _ in options}:
            session_identity.choose(request.session, int(raw))
            return redirect("portal:home")
    return render(request, "portal/choose.html", {"options": options})


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        request.session.flush()
    return redirect("portal:login")
