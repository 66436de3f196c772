# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Building blocks of the synthetic instance generator (:mod:`naerhed.planner.generate`).

``geography`` places offices and homes and builds travel matrices, ``care`` turns
Aabenraa's package mix into citizens and visits, ``staff`` sizes and rosters the
carers. Every function takes a ``random.Random`` so one seed fixes the instance.
"""
