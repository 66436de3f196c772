# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.urls import path

from naerhed.quality.views import board, citizen, conversations, index, wellbeing

app_name = "quality"
urlpatterns = [
    path("", index.index, name="index"),
    path("teams/<int:team_pk>/", index.team_overview, name="team"),
    path("teams/<int:team_pk>/conversations/", conversations.conversation_list, name="conversations"),
    path("conversations/<int:pk>/", conversations.conversation_detail, name="conversation"),
    path("conversations/<int:pk>/plan/", conversations.conversation_plan, name="conversation_plan"),
    path("conversations/<int:pk>/record/", conversations.conversation_record, name="conversation_record"),
    path("conversations/<int:pk>/scores/", conversations.conversation_scores, name="conversation_scores"),
    path("conversations/<int:pk>/cancel/", conversations.conversation_cancel, name="conversation_cancel"),
    path("conversations/<int:pk>/goals/", conversations.goal_add, name="goal_add"),
    path("goals/<int:pk>/close/", conversations.goal_close, name="goal_close"),
    path("citizens/<int:pk>/", citizen.citizen_quality, name="citizen"),
    path("citizens/<int:pk>/observations/new/", citizen.observation_new, name="observation_new"),
    path("citizens/<int:pk>/tobs/new/", citizen.tobs_new, name="tobs_new"),
    path("tobs/<int:pk>/", citizen.tobs_detail, name="tobs"),
    path("citizens/<int:pk>/triage/", citizen.triage_set, name="triage_set"),
    path("citizens/<int:pk>/admissions/", citizen.admission_new, name="admission_new"),
    path("stays/<int:pk>/discharge/", citizen.discharge, name="discharge"),
    path("citizens/<int:pk>/adverse-events/", citizen.adverse_event_new, name="adverse_event_new"),
    path("teams/<int:team_pk>/board/", board.board_today, name="board_today"),
    path("teams/<int:team_pk>/board/<str:day>/", board.board_day, name="board"),
    path("teams/<int:team_pk>/board/<str:day>/roles/", board.board_roles, name="board_roles"),
    path("teams/<int:team_pk>/board/<str:day>/actions/", board.board_action_new, name="board_action_new"),
    path(
        "teams/<int:team_pk>/board/<str:day>/citizens/<int:citizen_pk>/triage/",
        board.board_triage,
        name="board_triage",
    ),
    path("actions/<int:pk>/done/", board.board_action_done, name="board_action_done"),
    path("teams/<int:team_pk>/wellbeing/", wellbeing.wellbeing_list, name="wellbeing"),
    path("citizens/<int:pk>/wellbeing/", wellbeing.wellbeing_citizen, name="wellbeing_citizen"),
    path("citizens/<int:pk>/wellbeing/plan/", wellbeing.wellbeing_plan, name="wellbeing_plan"),
    path("citizens/<int:pk>/wellbeing/conversations/", wellbeing.wellbeing_record, name="wellbeing_record"),
    path("citizens/<int:pk>/referrals/", wellbeing.referral_new, name="referral_new"),
    path("referrals/<int:pk>/status/", wellbeing.referral_status, name="referral_status"),
    path("activities/", wellbeing.activities, name="activities"),
]
