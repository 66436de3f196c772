# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The home page of each role, and the log-in page."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_GET

from naerhed.accounts.access import as_user
from naerhed.accounts.login_form import ThrottledLoginForm
from naerhed.accounts.models import Role
from naerhed.web.queries import home_context

HOME_TEMPLATES = {
    Role.CARER: "web/home_carer.html",
    Role.NURSE: "web/home_carer.html",
    Role.TEAM_LEADER: "web/home_team_leader.html",
    Role.PLANNER: "web/home_planner.html",
    Role.VISITATOR: "web/home_visitator.html",
    Role.MANAGER: "web/home_manager.html",
    Role.ADMIN: "web/home_admin.html",
}


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = as_user(request.user)
    context = home_context(user, today=timezone.localdate())
    return render(request, HOME_TEMPLATES[Role(user.role)], context)


login = auth_views.LoginView.as_view(
    template_name="web/login.html", redirect_authenticated_user=True, authentication_form=ThrottledLoginForm
)
logout = auth_views.LogoutView.as_view()


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and tools that ask for /favicon.ico without reading a page get the SVG icon."""
    return HttpResponsePermanentRedirect(static("web/favicon.svg"))
