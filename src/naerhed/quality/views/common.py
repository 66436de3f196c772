# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""What every quality view does the same way: run one service and turn refusals into messages."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event


def run_service(request: HttpRequest, action: Callable[[], object], done: str) -> bool:
    """Run one service; a ValidationError becomes error messages (each says what to fix in words the
    user knows, so the internal field name is left out). True when it saved."""
    try:
        action()
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
        return False
    messages.success(request, done)
    return True


def form_errors(request: HttpRequest, form: forms.Form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def log_list_view(user: User, object_type: str, object_id: object, summary: str) -> None:
    """A page that lists several citizens' records is logged once, by team."""
    record_event(user=user, action=Action.VIEW, object_type=object_type, object_id=object_id, summary=summary)
