# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.grants import views

app_name = "grants"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("citizens/<int:pk>/new/", views.grant_new, name="new"),
    path("<int:pk>/", views.grant_edit, name="edit"),
    path("<int:pk>/end/", views.grant_end, name="end"),
]
