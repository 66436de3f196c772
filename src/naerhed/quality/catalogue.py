# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The catalogue entries a planned start-up conversation's visit is booked under.

Seeded by migration ``quality.0003_conversation_services``; :func:`conversation_service` creates the
entry again if it was removed (a visit needs a service), and keeps whatever an administrator changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from naerhed.grants.models import LawParagraph, Priority, Service, ServiceKind
from naerhed.workforce.models import ShiftLayer


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    name: str
    paragraph: LawParagraph


#: Legacy citizens: the conversation asks what the citizen manages alone, as SEL §83a requires.
STARTUP_CONVERSATION = ServiceSpec("opstartssamtale", "Opstartssamtale", LawParagraph.SEL_83A)
#: Elderly Act citizens: the FSIII intervention "Dialog med borger om tilrettelæggelse af forløb".
COURSE_DIALOGUE = ServiceSpec(
    "dialog-om-forloeb", "Dialog med borger om tilrettelæggelse af forløb", LawParagraph.ELDERLY_ACT
)


def conversation_service(*, elderly_act: bool) -> Service:
    spec = COURSE_DIALOGUE if elderly_act else STARTUP_CONVERSATION
    service, _created = Service.objects.get_or_create(
        code=spec.code,
        defaults={
            "name": spec.name,
            "kind": ServiceKind.SINGLE,
            "paragraph": spec.paragraph,
            "shift_layer": ShiftLayer.DAY,
            "default_duration": 45,
            "default_priority": Priority.MUST,
        },
    )
    return service
