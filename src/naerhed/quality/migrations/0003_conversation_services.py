# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Seed the service catalogue with the start-up conversation's two entries (see ``quality.catalogue``)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

SERVICES = [
    ("opstartssamtale", "Opstartssamtale", "sel83a"),
    ("dialog-om-forloeb", "Dialog med borger om tilrettelæggelse af forløb", "elderly-act"),
]


def seed(apps: Any, schema_editor: Any) -> None:
    service = apps.get_model("grants", "Service")
    for code, name, paragraph in SERVICES:
        service.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": "single",
                "paragraph": paragraph,
                "shift_layer": "day",
                "default_duration": 45,
                "default_priority": 1,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0002_startupconversation_visit"),
        ("grants", "0002_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
