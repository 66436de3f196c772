# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""One module per solver library stage: CP-SAT assignment and CP-SAT sequencing."""
