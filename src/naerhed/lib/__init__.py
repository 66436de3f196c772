# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Topic-named helpers shared by the Django apps (never by the planner)."""
