# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The digital T-card board: one team's day as columns of visit cards, moved by hand."""
