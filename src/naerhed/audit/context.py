# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Where the current request comes from, for the audit log."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None
    path: str
    channel: str  # "web", "api", "admin" or "cli"


CLI_CONTEXT = RequestContext(ip_address=None, path="", channel="cli")
current_request: ContextVar[RequestContext] = ContextVar("current_request", default=CLI_CONTEXT)
