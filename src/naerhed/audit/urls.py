# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.audit import views

app_name = "audit"
urlpatterns = [path("", views.audit_log, name="log")]
