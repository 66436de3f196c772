# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Remember where each request comes from so audit events can say so."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from naerhed.audit.context import RequestContext, current_request


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path[:300]
        channel = "api" if path.startswith("/api/") else "admin" if path.startswith("/admin/") else "web"
        token = current_request.set(RequestContext(request.META.get("REMOTE_ADDR"), path, channel))
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
