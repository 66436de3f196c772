# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.carer_day import views

app_name = "carer_day"
urlpatterns = [
    path("", views.route, name="route"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("visits/<int:pk>/check-out/", views.check_out, name="check_out"),
    path("visits/<int:pk>/not-delivered/", views.not_delivered, name="not_delivered"),
    path("citizens/<int:pk>/handover/", views.handover_new, name="handover_new"),
    path("plans/", views.plan_list, name="plans"),
    path("citizens/<int:pk>/plan/", views.plan_edit, name="plan"),
]
