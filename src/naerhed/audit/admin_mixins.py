# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Admin pages over citizens' records write the audit log like every other page."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event

M = TypeVar("M", bound=Model)


class AuditedAdmin(admin.ModelAdmin[M], Generic[M]):
    """Logs every opened record and every saved or deleted one, naming the citizen."""

    def citizen_id_of(self, obj: M) -> int | None:
        return getattr(obj, "citizen_id", None) or (obj.pk if obj._meta.model_name == "citizen" else None)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET":
            self._log(request, Action.VIEW, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: M, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self._log(request, Action.UPDATE if change else Action.CREATE, obj)

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        self._log(request, Action.DELETE, obj)
        super().delete_model(request, obj)

    def _log(self, request: HttpRequest, action: Action, obj: M) -> None:
        user = request.user if isinstance(request.user, User) else None
        record_event(
            user=user,
            action=action,
            object_type=obj._meta.model_name or "",
            object_id=obj.pk,
            citizen_id=self.citizen_id_of(obj),
            summary=f"admin {action}",
        )
