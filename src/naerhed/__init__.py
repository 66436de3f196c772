# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Nærhed: home care and home nursing for small, self-steering teams."""

__version__ = "0.1.0"
