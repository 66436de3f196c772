# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.messaging import views

app_name = "messaging"
urlpatterns = [
    path("citizens/<int:pk>/", views.citizen_messages, name="citizen_messages"),
    path("citizens/<int:pk>/preferences/", views.preference_edit, name="preference_edit"),
]
