# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The move form: what a drag and drop sends, and what the keyboard fallback form posts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from naerhed.board.services import CardMove

TRAY = "tray"
#: A place after every card of the shift.
LAST = 10_000


def parse_column(value: str, field: str) -> tuple[int, int] | None:
    """A column key "<staff pk>-<shift index>" as a pair, or ``None`` for the tray."""
    if value in ("", TRAY):
        return None
    staff, sep, index = value.partition("-")
    if not (sep and staff.isdigit() and index.isdigit()):
        raise ValidationError({field: _("Choose a carer or the tray.")})
    return int(staff), int(index)


def parse_seen(value: str) -> dict[int, int]:
    """ "pk:version,…" as a mapping; unreadable pairs are left out (and make the move stale)."""
    out: dict[int, int] = {}
    for pair in value.split(","):
        pk, _sep, version = pair.partition(":")
        if pk.isdigit() and version.isdigit():
            out[int(pk)] = int(version)
    return out


class MoveForm(forms.Form):
    visit = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    source = forms.CharField(required=False, widget=forms.HiddenInput)
    target = forms.CharField(label=_("Move to"))
    place = forms.IntegerField(
        label=_("Place (1 = first)"), min_value=1, required=False, help_text=_("Empty: last.")
    )
    partner = forms.CharField(label=_("Second carer"), required=False)
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not self.errors:
            data["move"] = self._card_move(data)
        return data

    def _card_move(self, data: dict[str, Any]) -> CardMove:
        source = parse_column(data["source"], "source")
        target = parse_column(data["target"], "target")
        partner = parse_column(data["partner"], "partner") if target is not None else None
        place = data["place"]
        return CardMove(
            visit_pk=data["visit"],
            version=data["version"],
            from_staff=source[0] if source else None,
            to_staff=target[0] if target else None,
            to_shift=target[1] if target else 0,
            position=place - 1 if place else LAST,
            partner=partner,
        )
