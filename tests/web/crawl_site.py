# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A tiny made-up site with one of every fault, so tests/web/test_crawl.py can show the crawler finds them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path

#: A CPR number the leak check of the self-test looks for.
CPR = "0103401234"
LINKS = [
    "/ok/",
    "/boom/",
    "/secret/",
    "/gone/",
    "/leak/",
    "/citizens/7/",
    "/english/",
    "/to-login/",
    "/logout/",
    "/admin/anything/",
    "/static/site.css",
    "/figures/export.csv",
    "/act/",
    "https://example.org/elsewhere/",
    "mailto:team@example.org",
    "#top",
    *(f"/item/{n}/" for n in range(1, 11)),
]


def _page(h1: str, body: str = "") -> HttpResponse:
    return HttpResponse(f'<!doctype html><html lang="da"><body><h1>{h1}</h1>{body}</body></html>')


def home(request: HttpRequest) -> HttpResponse:
    links = "".join(f'<a href="{url}">x</a>' for url in LINKS)
    search = (
        '<form action="/search/"><input name="q" value=""><input type="checkbox" name="old">'
        '<select name="team"><option value="1">A</option><option value="2" selected>B</option></select>'
        '<button type="submit" name="go">Søg</button></form>'
    )
    return _page("Forside", links + search + '<form method="post" action="/act/"></form>')


def ok(request: HttpRequest, n: int = 0) -> HttpResponse:
    return _page("Borgere", '<a href="/ok/">igen</a>')


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the view fell over")


def secret(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def gone(request: HttpRequest) -> HttpResponse:
    raise Http404


def leak(request: HttpRequest) -> HttpResponse:
    return _page("Oversigt", f"<p>{CPR[:6]}-{CPR[6:]}</p>")


def record(request: HttpRequest, pk: int) -> HttpResponse:
    return _page("Journal", f"<p>{CPR}</p>")


def english(request: HttpRequest) -> HttpResponse:
    return _page("Edit the visit plan")


def to_login(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect("/login/?next=/to-login/")


def never(request: HttpRequest) -> HttpResponse:
    raise AssertionError("the crawler fetched a page it must skip")


urlpatterns = [
    path("", home),
    path("ok/", ok),
    path("boom/", boom),
    path("secret/", secret),
    path("gone/", gone),
    path("leak/", leak),
    path("citizens/<int:pk>/", record),
    path("english/", english),
    path("to-login/", to_login),
    path("item/<int:n>/", ok),
    path("search/", ok),
    path("logout/", never),
    path("admin/anything/", never),
    path("static/site.css", never),
    path("figures/export.csv", never),
    path("act/", never),
]


def refused(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponse("nej", status=403)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponse("findes ikke", status=404)


# The project's error pages extend its base template, whose links do not exist on this site.
handler403 = refused
handler404 = not_found
