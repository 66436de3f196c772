# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Peer planners the engine is measured against (``bench/run_planning.py``).

Among them, ``ortools_blind`` is a straightforward, continuity-blind OR-Tools routing
model whose plans pass :func:`naerhed.planner.check.check`; ``pyvrp_reference`` is a
PyVRP relaxation (no breaks, no synchronisation) whose travel is a reference only.
"""
