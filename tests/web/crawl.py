# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""A breadth-first crawler over the web app through Django's test client, for tests/web/test_crawl.py.

It follows only what the pages show (``<a href>``, and a GET form as its default values submit it),
so new apps are covered as soon as something links to them. It never posts a form and skips logout,
the admin, static files, downloads and the URLs that POST forms send to.
"""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.test import Client

#: Paths never fetched: leaving the session, Django's admin, assets, the language switch (a POST).
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/i18n/")
SKIPPED_SEGMENTS = ("logout", "log-ud")
#: Downloads: ``export.csv`` and friends, and anything that names a file type.
DOWNLOAD = re.compile(r"(^|/)export[^/]*$|\.(csv|xlsx|pdf|ics|zip|json|png|jpg|svg)$")
#: Numbers in a path: /citizens/12/ and /citizens/13/ are the same page to a crawler.
NUMBER = re.compile(r"\d+")
OK = frozenset({200, 301, 302, 303})
#: A redirect here sends a logged-in visitor away to log in: a refusal in disguise.
LOGIN = frozenset({"login", "log-ind"})
#: A form with one of these attributes is sent by HTMX as a write, whatever its method says.
HTMX_WRITES = frozenset({"hx-post", "hx-put", "hx-patch", "hx-delete"})
#: Inputs a form's defaults do not send.
BUTTONS = frozenset({"submit", "button", "reset", "image", "file"})


class PageParser(HTMLParser):
    """The parts of a page the checks need: links, GET forms as the URL their defaults submit, POST form
    actions, the <html lang> and the <h1> texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.post_actions: list[str] = []
        self.lang = ""
        self.h1: list[str] = []
        self._in_h1 = 0
        self._form: tuple[str, list[tuple[str, str]]] | None = None  # a GET form's action and fields
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, selected options

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        elif tag == "form" and (values.get("method", "get").lower() == "post" or HTMX_WRITES & set(values)):
            htmx = [values[name] for name in sorted(HTMX_WRITES & set(values))]
            self.post_actions.append(values.get("action") or (htmx or [""])[0])
        elif tag == "form" and "hidden" not in values:  # a hidden form only carries a token for scripts
            self._form = (values.get("action", ""), [])
        elif tag in ("input", "select", "option") and self._form is not None:
            self._field(tag, values)
        elif tag == "html":
            self.lang = values.get("lang", "")
        elif tag == "h1":
            self._in_h1 += 1
            self.h1.append("")

    def _field(self, tag: str, values: dict[str, str]) -> None:
        assert self._form is not None
        kind = values.get("type", "text").lower()
        if (
            tag == "input"
            and values.get("name", "csrfmiddlewaretoken") != "csrfmiddlewaretoken"
            and kind not in BUTTONS
        ):
            if kind not in ("checkbox", "radio") or "checked" in values:
                default = "on" if kind == "checkbox" else ""
                self._form[1].append((values["name"], values.get("value", default)))
        elif tag == "select" and "name" in values:
            self._select = (values["name"], [], [])
        elif tag == "option" and self._select is not None:
            self._select[1].append(values.get("value", ""))
            if "selected" in values:
                self._select[2].append(values.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._in_h1:
            self._in_h1 -= 1
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options, selected = self._select
            if options:
                self._form[1].append((name, (selected or options)[0]))
            self._select = None
        elif tag == "form" and self._form is not None:
            action, fields = self._form
            self.links.append(f"{action}?{urlencode(fields)}" if fields else action or "?")
            self._form = None

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1[-1] += data


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def same_site(href: str, base: str) -> str | None:
    """``href`` as a path with query (no fragment) if it stays on this site and is worth a GET, else None."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "sms:", "javascript:", "data:")):
        return None
    url = urlsplit(urljoin(f"http://testserver{base}", href))
    if url.scheme not in ("http", "https") or url.netloc != "testserver":
        return None
    path = url.path + (f"?{url.query}" if url.query else "")
    if url.path.startswith(SKIPPED_PREFIXES) or DOWNLOAD.search(url.path):
        return None
    if any(segment in SKIPPED_SEGMENTS for segment in url.path.split("/")):
        return None
    return path


def pattern(path: str) -> str:
    """The page's shape: numbers in the path and the query's values dropped, so the dates, ids and
    filters of the same page count as one."""
    url = urlsplit(path)
    keys = sorted({key for key, _value in parse_qsl(url.query, keep_blank_values=True)})
    return NUMBER.sub("#", url.path) + (f"?{'&'.join(keys)}" if keys else "")


@dataclass(frozen=True)
class Problem:
    url: str
    status: int
    found_on: str
    detail: str = ""

    def __str__(self) -> str:
        extra = f" — {self.detail}" if self.detail else ""
        return f"{self.status} {self.url} (linked from {self.found_on}){extra}"


@dataclass
class Crawl:
    """What one visitor met: the pages fetched and everything wrong with them, by kind."""

    who: str
    visited: dict[str, int] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)  # 5xx
    forbidden: list[Problem] = field(default_factory=list)  # shown, then refused with 403
    dead: list[Problem] = field(default_factory=list)  # shown, then 404 or another 4xx
    leaks: list[Problem] = field(default_factory=list)  # a full CPR number where it must not be
    english: list[Problem] = field(default_factory=list)  # English left in a Danish <h1>
    post_actions: set[str] = field(default_factory=set)  # never fetched: a POST endpoint's GET is not a page
    skipped_by_pattern: int = 0
    capped: bool = False
    seconds: float = 0.0

    @property
    def problems(self) -> list[Problem]:
        return self.errors + self.forbidden + self.dead + self.leaks + self.english

    def summary(self) -> str:
        lines = [
            f"{self.who}: {len(self.visited)} pages"
            + (" (capped)" if self.capped else "")
            + f" in {self.seconds:.1f} CPU s, {self.skipped_by_pattern} look-alike links skipped,"
            + f" {len(self.problems)} problems"
        ]
        for kind in ("errors", "forbidden", "dead", "leaks", "english"):
            lines += [f"  {kind}: {p}" for p in getattr(self, kind)]
        return "\n".join(lines)


@dataclass(frozen=True)
class Checks:
    """Page checks beyond the status code; each returns a detail string per finding."""

    leaks: Callable[[str, str], Iterable[str]]
    english: Callable[[str], Iterable[str]]


def crawl(
    client: Client,
    who: str,
    checks: Checks,
    *,
    start: str = "/",
    max_pages: int = 400,
    per_pattern: int = 3,
) -> Crawl:
    """Fetch ``start`` and every same-site link breadth-first, at most ``per_pattern`` URLs of one shape."""
    result = Crawl(who)
    began = time.process_time()  # freezegun stops the wall clock; CPU time is what the crawl costs
    # Refusals are what the crawl looks for; the request log would only repeat them with tracebacks.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.CRITICAL)
    try:
        _walk(client, start, checks, result, max_pages, per_pattern)
    finally:
        request_log.setLevel(level)
        result.seconds = time.process_time() - began
    return result


def _walk(
    client: Client, start: str, checks: Checks, result: Crawl, max_pages: int, per_pattern: int
) -> None:
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    seen = {start}
    shapes: dict[str, int] = {pattern(start): 1}
    while queue:
        if len(result.visited) >= max_pages:
            result.capped = True
            break
        url, found_on = queue.popleft()
        for link in _visit(client, url, found_on, checks, result):
            if link in seen or link in result.post_actions:
                continue
            seen.add(link)
            shape = pattern(link)
            if shapes.get(shape, 0) >= per_pattern:
                result.skipped_by_pattern += 1
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            queue.append((link, url))


def _visit(client: Client, url: str, found_on: str, checks: Checks, result: Crawl) -> list[str]:
    """GET one page, record what is wrong with it, and return the links to follow from it."""
    try:
        response = client.get(url)
    except Exception as exc:  # the test client re-raises a view's exception instead of a 500
        result.visited[url] = 500
        result.errors.append(Problem(url, 500, found_on, f"{type(exc).__name__}: {exc}"))
        return []
    status = response.status_code
    result.visited[url] = status
    if status >= 500:
        result.errors.append(Problem(url, status, found_on))
    elif status == 403:
        result.forbidden.append(Problem(url, status, found_on))
    elif status not in OK:
        result.dead.append(Problem(url, status, found_on))
    if status in (301, 302, 303):
        target = same_site(response["Location"], url)
        if target and LOGIN.intersection(urlsplit(target).path.split("/")):
            result.forbidden.append(Problem(url, status, found_on, f"sends a logged-in user to {target}"))
            return []
        return [target] if target else []
    if status != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return []
    html = response.content.decode()
    page = parse(html)
    for detail in checks.leaks(url, html):
        result.leaks.append(Problem(url, status, found_on, detail))
    if page.lang == "da":
        for h1 in page.h1:
            for detail in checks.english(h1):
                result.english.append(Problem(url, status, found_on, detail))
    # A form that posts back to its own page is an ordinary page; one that posts elsewhere names an action.
    result.post_actions.update(
        a for a in (same_site(x, url) for x in page.post_actions if x) if a and a != url
    )
    links = (same_site(href, url) for href in page.links)
    return [link for link in links if link is not None]
