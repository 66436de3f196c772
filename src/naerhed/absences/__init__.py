# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Sick calls and re-planning the rest of a day: absences, proposals, accepting them."""
