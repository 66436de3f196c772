# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Background entry point of re-planning: an id in, the work is in :mod:`naerhed.absences.services`."""

from __future__ import annotations

from naerhed.absences import services
from naerhed.absences.services import COMPUTE_PROPOSAL
from naerhed.jobs.registry import job


@job(COMPUTE_PROPOSAL)
def compute_proposal(proposal_id: int) -> None:
    """Compute a queued proposal; a second delivery, or a proposal superseded meanwhile, does nothing."""
    services.compute_proposal(proposal_id=proposal_id)
