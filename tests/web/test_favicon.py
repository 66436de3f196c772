# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every page names the site's icon, so browsers stop asking for a missing /favicon.ico."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.personas import World

pytestmark = pytest.mark.django_db

ICON = '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">'


def test_the_icon_is_a_static_svg() -> None:
    path = finders.find("web/favicon.svg")
    assert isinstance(path, str)
    with open(path, encoding="utf-8") as icon:
        assert icon.read().startswith("<svg")


def test_the_staff_pages_the_login_pages_and_the_citizens_portal_link_the_icon(world: World) -> None:
    assert ICON in Client().get("/login/").content.decode()
    assert ICON in Client().get("/borger/log-ind/").content.decode()
    client = Client()
    client.force_login(world.user("teamleader"))
    assert ICON in client.get("/").content.decode()


def test_a_plain_request_for_favicon_ico_is_sent_to_the_icon() -> None:
    response = Client().get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/web/favicon.svg"
