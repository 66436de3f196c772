# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The API under ``api/v1/`` and a login page, for API tests that must not depend on the site's URLconf."""

from django.contrib.auth.views import LoginView
from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("naerhed.api.urls")),
    path("login/", LoginView.as_view(), name="login"),
]
