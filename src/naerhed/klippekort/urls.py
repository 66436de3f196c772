# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.klippekort import views

app_name = "klippekort"
urlpatterns = [
    path("citizens/<int:pk>/", views.citizen_ledger, name="citizen"),
]
