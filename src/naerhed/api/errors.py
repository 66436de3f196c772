# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Error responses: 403 for anything outside the caller's scope, 400 naming the fields of a model error.

Schema errors stay ninja's 422 ``{"detail": [{"loc": [...], "msg": ...}]}``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema


class ErrorOut(Schema):
    detail: str


class FieldErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def install_error_handlers(api: NinjaAPI) -> None:
    # Typed loosely: ninja declares handlers as taking the exception or its class.
    def forbidden(request: HttpRequest, exc: object) -> HttpResponse:
        response: HttpResponse = api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)
        return response

    def invalid(request: HttpRequest, exc: object) -> HttpResponse:
        errors = field_errors(exc) if isinstance(exc, ValidationError) else {}
        body = {"detail": "Invalid data.", "errors": errors}
        response: HttpResponse = api.create_response(request, body, status=400)
        return response

    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(ValidationError, invalid)


def field_errors(exc: ValidationError) -> dict[str, list[str]]:
    """Messages by field name; errors about the whole object come under ``__all__``."""
    if hasattr(exc, "error_dict"):
        return {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}
