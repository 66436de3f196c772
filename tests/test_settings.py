# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Settings fail loudly, and a full production configuration passes Django's deploy checks.

Each case imports the settings in a fresh interpreter, because settings are
read once per process.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SECRET = secrets.token_urlsafe(45)  # 60 characters


def _run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run python with only the given configuration (nothing from the caller's NAERHED_* or DATABASE_URL)."""
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("NAERHED_", "DATABASE_URL", "DJANGO_"))
    }
    clean["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))
    clean["NAERHED_VAR_DIR"] = str(tmp_path)
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], env=clean, capture_output=True, text=True, timeout=120, check=False
    )


def _import_settings(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return _run(["-c", "import naerhed.settings"], env, tmp_path)


def _production(**extra: str) -> dict[str, str]:
    return {
        "NAERHED_MODE": "production",
        "NAERHED_SECRET_KEY": SECRET,
        "NAERHED_ALLOWED_HOSTS": "naerhed.example.dk",
        **extra,
    }


def test_development_settings_import_without_any_configuration(tmp_path: Path) -> None:
    result = _import_settings({}, tmp_path)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "named"),
    [
        pytest.param({"NAERHED_MODE": "production"}, "NAERHED_SECRET_KEY", id="production-without-secret"),
        pytest.param(_production(NAERHED_SECRET_KEY="short"), "NAERHED_SECRET_KEY", id="short-secret"),
        pytest.param(_production(NAERHED_SECRET_KEY="ab" * 30), "NAERHED_SECRET_KEY", id="monotonous-secret"),
        pytest.param(
            _production(NAERHED_ALLOWED_HOSTS=""), "NAERHED_ALLOWED_HOSTS", id="production-no-hosts"
        ),
        pytest.param(_production(NAERHED_DEBUG="true"), "NAERHED_DEBUG", id="production-with-debug"),
        pytest.param({"NAERHED_DEBUG": "maybe"}, "NAERHED_DEBUG", id="debug-not-a-boolean"),
        pytest.param({"NAERHED_MODE": "staging"}, "NAERHED_MODE", id="unknown-mode"),
        pytest.param({"DATABASE_URL": "mysql://x"}, "DATABASE_URL", id="unsupported-database"),
        pytest.param(
            {"DATABASE_URL": "postgres://db.example.dk/"}, "DATABASE_URL", id="postgres-without-name"
        ),
        pytest.param({"NAERHED_SESSION_SECONDS": "60"}, "NAERHED_SESSION_SECONDS", id="session-too-short"),
        pytest.param({"NAERHED_SESSION_SECONDS": "8h"}, "NAERHED_SESSION_SECONDS", id="session-not-a-number"),
        pytest.param(_production(NAERHED_HSTS_SECONDS="-1"), "NAERHED_HSTS_SECONDS", id="negative-hsts"),
        pytest.param(
            _production(NAERHED_SSL_REDIRECT="sometimes"), "NAERHED_SSL_REDIRECT", id="ssl-redirect"
        ),
        pytest.param({"NAERHED_LOG_LEVEL": "LOUD"}, "NAERHED_LOG_LEVEL", id="unknown-log-level"),
    ],
)
def test_a_bad_setting_stops_start_up_naming_the_variable(
    env: dict[str, str], named: str, tmp_path: Path
) -> None:
    result = _import_settings(env, tmp_path)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


def test_a_secret_key_file_that_does_not_exist_is_named_in_the_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-secret"

    result = _import_settings(_production(NAERHED_SECRET_KEY_FILE=str(missing)), tmp_path)

    assert result.returncode != 0
    assert "NAERHED_SECRET_KEY_FILE" in result.stderr
    assert str(missing) in result.stderr


def test_the_secret_key_file_wins_over_the_variable(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text(f"{SECRET}\n", encoding="utf-8")
    env = _production(NAERHED_SECRET_KEY="ignored", NAERHED_SECRET_KEY_FILE=str(secret_file))

    result = _run(["-c", "from naerhed import settings; print(settings.SECRET_KEY)"], env, tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == SECRET


def test_full_production_configuration_passes_the_deploy_checks(tmp_path: Path) -> None:
    env = _production(
        NAERHED_CSRF_TRUSTED_ORIGINS="https://naerhed.example.dk",
        NAERHED_HSTS_PRELOAD="true",
        DATABASE_URL="postgres://naerhed:pw@db.example.dk:5432/naerhed",
    )

    result = _run([str(REPO / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
