# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.run_list, name="list"),
    path("new/", views.run_new, name="new"),
    path("<int:pk>/", views.run_detail, name="detail"),
    path("<int:pk>/status/", views.run_status, name="status"),
    path("<int:pk>/cancel/", views.run_cancel, name="cancel"),
    path("<int:pk>/publish/", views.run_publish, name="publish"),
]
