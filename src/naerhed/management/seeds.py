# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Aabenraa's 2024 hourly prices and budget for home care, from the institution agreement
(/work/shared/domain/seeds/002: "Timepris budget 2024" and "5.1 Aktivitetsmål")."""

from __future__ import annotations

from decimal import Decimal

from naerhed.management.models import PriceModel
from naerhed.organisation.models import Municipality

AABENRAA_2024_PRICES = {
    "day_weekday": Decimal("508.57"),
    "day_weekend": Decimal("564.90"),
    "evening": Decimal("638.94"),
    "night": Decimal("1223.18"),
    "practical_help": Decimal("326.51"),
}
#: Budget 2024 (DKK): SEL §83 home help 130 288 000 plus delegated nursing SUL §138 36 314 000.
AABENRAA_2024_BUDGET = Decimal("166602000")
#: Citizens receiving home help in 2023, to scale the budget to a smaller (demo) municipality.
AABENRAA_HOME_HELP_CITIZENS = 2341


def seed_price_model(*, municipality: Municipality, year: int, citizens: int | None = None) -> PriceModel:
    """Create the year's price model from Aabenraa's 2024 figures unless one exists (an edited model is
    kept). With ``citizens``, the budget is scaled by citizens / 2 341."""
    budget = AABENRAA_2024_BUDGET
    note = "Aabenraa 2024 institution agreement: hourly prices and budget (§83 + §138)."
    if citizens is not None:
        budget = (budget * citizens / AABENRAA_HOME_HELP_CITIZENS).quantize(Decimal("1"))
        note += f" Budget scaled to {citizens} of 2 341 citizens."
    model, _created = PriceModel.objects.get_or_create(
        municipality=municipality,
        year=year,
        defaults={**AABENRAA_2024_PRICES, "annual_budget": budget, "note": note},
    )
    return model
