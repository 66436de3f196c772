# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.citizens import relative_views, views

app_name = "citizens"
urlpatterns = [
    path("", views.citizen_list, name="list"),
    path("<int:pk>/", views.citizen_detail, name="detail"),
    path("<int:pk>/profile/", views.citizen_edit, name="edit"),
    path("<int:pk>/function-levels/new/", views.function_level_new, name="function_level_new"),
    path("<int:pk>/relatives/new/", relative_views.relative_new, name="relative_new"),
    path("<int:pk>/relatives/<int:relative_pk>/", relative_views.relative_edit, name="relative_edit"),
    path(
        "<int:pk>/relatives/<int:relative_pk>/remove/", relative_views.relative_remove, name="relative_remove"
    ),
]
