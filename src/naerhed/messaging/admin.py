# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The municipality's message rules are set here; the outbox can be read, never edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from naerhed.audit.admin_mixins import AuditedAdmin
from naerhed.messaging.models import Message, MunicipalityMessageSettings


@admin.register(MunicipalityMessageSettings)
class MunicipalityMessageSettingsAdmin(admin.ModelAdmin[MunicipalityMessageSettings]):
    list_display = [
        "municipality",
        "enabled",
        "reminder_24h",
        "reminder_30m",
        "new_carer",
        "delay",
        "changes",
    ]


@admin.register(Message)
class MessageAdmin(AuditedAdmin[Message]):
    list_display = ["created_at", "kind", "status", "attempts", "send_after", "sent_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [field.name for field in Message._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
