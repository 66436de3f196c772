# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("log-ind/", views.login_phone, name="login"),
    path("log-ind/kode/", views.login_code, name="login_code"),
    path("log-ind/vaelg/", views.choose, name="choose"),
    path("log-ud/", views.logout, name="logout"),
    path("bestil/", views.book_start, name="book"),
    path("bestil/<int:grant_pk>/", views.book_times, name="book_times"),
    path("besoeg/<int:pk>/", views.visit_detail, name="visit"),
    path("besoeg/<int:pk>/flyt/", views.visit_move, name="move"),
    path("besoeg/<int:pk>/aflys/", views.visit_cancel, name="cancel"),
    path("klippekort/", views.klippekort, name="klippekort"),
]
