# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Shared pytest configuration.

Two markers are set here rather than by hand: ``e2e`` on everything under
``tests/e2e/``, and ``uses_db`` on every test that touches the database, which
is how ``scripts/test.sh`` picks the tests it runs again on PostgreSQL.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.system_tools import missing_tool

pytest_plugins = ["tests.personas"]

E2E_DIR = Path(__file__).parent / "e2e"

# Fixtures that reach the database. The django_db marker requests `db` only
# while the test runs, so it is checked separately; `live_server` gets its
# database from pytest-django's autouse helper in the same way.
_DB_FIXTURES = frozenset({"db", "transactional_db", "django_db_setup", "live_server"})


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "uses_db: uses the database (set automatically, rerun on PostgreSQL)")
    # OR-Tools' native libraries crash the process when first loaded under freezegun's frozen clock;
    # loading them here, before any test freezes time, keeps that from depending on test order.
    import ortools.constraint_solver.pywrapcp
    import ortools.sat.python.cp_model  # noqa: F401


def _uses_db(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    if _DB_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    test_class = getattr(item, "cls", None)
    if test_class is None:
        return False
    from django.test import TransactionTestCase

    return issubclass(test_class, TransactionTestCase)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # tryfirst: the markers must be in place before `-m` deselects anything.
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.e2e)
        if _uses_db(item):
            item.add_marker(pytest.mark.uses_db)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """Hash test passwords with MD5: Django's PBKDF2 default costs about a second per user on CI."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free loopback port, for the whole session (one per xdist worker)."""
    server = shutil.which("redis-server")
    if server is None:
        missing_tool("redis-server is not installed")
    data_dir = tmp_path_factory.mktemp("redis")
    log_file = data_dir / "redis.log"
    port = _free_port()
    # No persistence: the server lives and dies with the test session.
    options = {"port": str(port), "bind": "127.0.0.1", "dir": str(data_dir), "logfile": str(log_file)}
    options |= {"save": "", "appendonly": "no", "daemonize": "no"}
    command = [server, *(arg for name, value in options.items() for arg in (f"--{name}", value))]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while not _redis_answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log = log_file.read_text(errors="replace") if log_file.exists() else ""
                pytest.fail(f"redis-server did not start on port {port}:\n{log}", pytrace=False)
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
