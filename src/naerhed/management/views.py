# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The management dashboard and its exports (CSV, XLSX, PDF). Figures only, never records."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from naerhed.accounts.access import as_user
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.management.charts import bar_chart
from naerhed.management.exports import to_csv, to_xlsx
from naerhed.management.figures.registry import Dashboard, build_dashboard
from naerhed.management.forms import DashboardForm
from naerhed.management.pdf_report import to_pdf
from naerhed.management.period import PeriodKind
from naerhed.management.scope import scopes_for

EXPORTS: dict[str, tuple[str, Callable[[Dashboard], bytes]]] = {
    "csv": ("text/csv; charset=utf-8", to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
    "pdf": ("application/pdf", to_pdf),
}


def _choose(request: HttpRequest) -> tuple[DashboardForm, Dashboard | None]:
    user = as_user(request.user)
    scopes = scopes_for(user)
    defaults = {
        "scope": scopes[0].token if scopes else "",
        "period": PeriodKind.WEEK.value,
        "day": timezone.localdate().isoformat(),
    }
    data = request.GET if "scope" in request.GET else defaults
    if data["scope"] not in {s.token for s in scopes}:
        raise PermissionDenied("scope outside your own")
    form = DashboardForm(data, scopes=scopes)
    if not form.is_valid():
        return form, None
    scope, period = form.chosen()
    return form, build_dashboard(scope=scope, period=period)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form, board = _choose(request)
    figures = []
    if board is not None:
        figures = [
            {"figure": c.figure, "result": c.result, "chart": bar_chart(c.result, title=str(c.figure.title))}
            for c in board.figures
        ]
    query = request.GET.urlencode() if board is not None and "scope" in request.GET else ""
    if board is not None and not query:
        query = f"scope={board.scope.token}&period={board.period.kind}&day={board.period.start.isoformat()}"
    status = 400 if form.errors else 200
    context = {"form": form, "board": board, "figures": figures, "query": query}
    return render(request, "management/dashboard.html", context, status=status)


@login_required
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    form, board = _choose(request)
    if board is None:
        return render(request, "management/dashboard.html", {"form": form, "board": None}, status=400)
    content_type, render_file = EXPORTS[fmt]
    record_event(
        user=as_user(request.user),
        action=Action.EXPORT,
        object_type="management_figures",
        object_id=board.scope.token,
        summary=f"exported management figures {board.period.slug} as {fmt}",
    )
    response = HttpResponse(render_file(board), content_type=content_type)
    filename = f"naerhed-figures-{board.scope.token}-{board.period.slug}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
