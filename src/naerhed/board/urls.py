# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.board import views

app_name = "board"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:team_id>/", views.team_today, name="team"),
    path("<int:team_id>/<str:day>/", views.day_board, name="day"),
    path("<int:team_id>/<str:day>/part/", views.board_part, name="part"),
    path("<int:team_id>/<str:day>/version/", views.board_version, name="version"),
    path("<int:team_id>/<str:day>/move/", views.move, name="move"),
]
