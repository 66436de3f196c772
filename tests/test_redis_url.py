# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The ``redis_url`` fixture (tests/conftest.py) gives a private, working Redis."""

from __future__ import annotations

import redis


def test_redis_url_points_at_a_private_server_that_stores_and_returns_values(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)

    client.set("naerhed:test", "nærhed")

    assert client.get("naerhed:test") == "nærhed".encode()
    assert client.dbsize() == 1
    client.close()
