# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The competence catalogue and loading both catalogues, upserted by code."""

from __future__ import annotations

from decimal import Decimal

from naerhed.demo.packages import ALL_SERVICES
from naerhed.grants.models import Service
from naerhed.workforce.models import Competence

COMPETENCES: list[tuple[str, str, bool]] = [
    ("medication-administration", "Medicingivning", True),
    ("medication-dispensing", "Medicindispensering", True),
    ("eye-drops", "Øjendråber", True),
    ("compression-stockings", "Kompressionsstrømper", True),
    ("insulin", "Insulingivning", True),
    ("wound-care", "Sårpleje", True),
    ("catheter", "Kateterpleje", True),
    ("stoma", "Stomipleje", True),
    ("tube-feeding", "Sondeernæring", True),
    ("lifting", "Forflytning med lift", False),
    ("dementia", "Demensomsorg", False),
    ("rehabilitation", "Rehabilitering", False),
    ("screen-visits", "Skærmbesøg", False),
]

#: Delegated competences an SSA normally holds; nurses hold every delegated one.
SSA_DELEGATED = ["medication-administration", "eye-drops", "compression-stockings", "insulin"]
SSA_EXTRA = ["medication-dispensing", "wound-care", "catheter", "stoma"]


def load_competences() -> dict[str, Competence]:
    """Upsert the competence catalogue by code."""
    out: dict[str, Competence] = {}
    for code, name, delegated in COMPETENCES:
        out[code], _ = Competence.objects.update_or_create(
            code=code, defaults={"name": name, "delegated_nursing": delegated}
        )
    return out


def load_services(competences: dict[str, Competence]) -> dict[str, Service]:
    """Upsert the service catalogue by code, with each service's required competences."""
    out: dict[str, Service] = {}
    for spec in ALL_SERVICES:
        price = Decimal(str(spec.weekly_price)) if spec.weekly_price is not None else None
        defaults = {
            "name": spec.name,
            "kind": spec.kind,
            "paragraph": spec.paragraph,
            "shift_layer": spec.layer,
            "default_duration": spec.visit_minutes,
            "two_carers": spec.two_carers,
            "remote": spec.remote,
            "default_priority": spec.priority,
            "weekly_price": price,
            "active": True,
        }
        service, _ = Service.objects.update_or_create(code=spec.code, defaults=defaults)
        service.required_competences.set([competences[c] for c in spec.competences])
        out[spec.code] = service
    return out
