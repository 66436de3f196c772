# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""An import target like the examples in docs/examples expect: Team Tinglev and Team Bov in
Aabenraa, the demo's competence and service catalogues, and a visitator importing."""

from __future__ import annotations

from pathlib import Path

import pytest

from naerhed.accounts.models import Role, User
from naerhed.demo.catalogue import load_competences, load_services
from naerhed.organisation.models import Team
from tests import factories as f

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture
def tinglev(db: None) -> Team:
    load_services(load_competences())
    south = f.district(name="Aabenraa Syd")
    f.team(district=south, name="Team Bov")
    return f.team(district=south, name="Team Tinglev")


@pytest.fixture
def visitator(tinglev: Team) -> User:
    return f.user(Role.VISITATOR, username="visitator")


def example(kind: str) -> bytes:
    return (EXAMPLES / f"{kind}.csv").read_bytes()
