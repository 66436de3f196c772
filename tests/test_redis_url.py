# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The ``redis_url`` fixture (tests/conftest.py) gives a private, working Redis."""

from __future__ import annotations

import redis


def test_redis_url_points_at_a_private_loopback_server_that_stores_and_returns_values(redis_url: str) -> None:
    """The server is shared by the session's tests (Celery ones too): only this test's key is checked."""
    assert redis_url.startswith("redis://127.0.0.1:")
    client = redis.Redis.from_url(redis_url)

    client.set("naerhed:test:fixture", "nærhed")

    assert client.get("naerhed:test:fixture") == "nærhed".encode()
    client.delete("naerhed:test:fixture")
    client.close()
