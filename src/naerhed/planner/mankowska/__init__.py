# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The Mankowska, Meisel & Bierwirth (2014) home health care benchmark.

:mod:`.reader` parses the original text files, :mod:`.mapping` turns an
instance into a ``naerhed-plan/1`` :class:`~naerhed.planner.model.Problem`,
:mod:`.solution` holds and writes solutions, :mod:`.timing` recomputes start
times from route orders in double precision, :mod:`.verify` checks a solution
against the original data only and computes the published objective, and
:mod:`.bench` runs solvers over the instance set.
"""
