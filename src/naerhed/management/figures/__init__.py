# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The management figures: one plain function per figure, listed in :mod:`.registry`."""
