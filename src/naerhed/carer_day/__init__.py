# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The carer's day on a phone: the route, check-in and check-out, visit plans and handovers."""
