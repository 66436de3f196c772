# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Included by the root URLconf under ``api/v1/``."""

from __future__ import annotations

from django.urls import path

from naerhed.api.app import api

urlpatterns = [path("", api.urls)]
