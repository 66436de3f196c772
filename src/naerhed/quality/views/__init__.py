# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The quality pages, one module per concept. Views parse, check access, call one service and render."""
