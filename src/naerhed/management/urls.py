# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path, re_path

from naerhed.management import views

app_name = "management"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    re_path(r"^export\.(?P<fmt>csv|xlsx|pdf)$", views.export, name="export"),
]
