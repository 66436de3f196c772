# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.absences import views

app_name = "absences"
urlpatterns = [
    path("", views.index, name="index"),
    path("teams/<int:team_id>/<str:day>/", views.day, name="day"),
    path("teams/<int:team_id>/<str:day>/absence/", views.register, name="register"),
    path("teams/<int:team_id>/<str:day>/optimise/", views.optimise_day, name="optimise_day"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/status/", views.proposal_status, name="proposal_status"),
    path("proposals/<int:pk>/accept/", views.accept, name="accept"),
    path("proposals/<int:pk>/reject/", views.reject, name="reject"),
    path("proposals/<int:pk>/adjust/", views.adjust, name="adjust"),
    path("proposals/<int:pk>/again/", views.again, name="again"),
]
