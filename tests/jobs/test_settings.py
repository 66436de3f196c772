# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The job backend comes from the environment and a bad value stops start-up with a clear message.

Each case imports the settings in a fresh interpreter, because settings are read once per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PRINT = "from naerhed import settings as s; print(s.NAERHED_JOBS, s.REDIS_URL)"


def _settings(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("NAERHED_", "DATABASE_URL", "REDIS_URL"))
    }
    clean |= {"PYTHONPATH": str(REPO / "src"), "NAERHED_VAR_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-c", PRINT], env=clean, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "inprocess None"),
        ({"REDIS_URL": "redis://cache:6379/0"}, "celery redis://cache:6379/0"),
        (
            {"REDIS_URL": "redis://cache:6379/0", "NAERHED_JOBS": "inprocess"},
            "inprocess redis://cache:6379/0",
        ),
    ],
)
def test_jobs_run_in_process_unless_redis_is_configured(
    env: dict[str, str], expected: str, tmp_path: Path
) -> None:
    result = _settings(env, tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NAERHED_JOBS": "threads"}, "NAERHED_JOBS='threads' must be one of inprocess, celery"),
        ({"NAERHED_JOBS": "celery"}, "NAERHED_JOBS=celery needs REDIS_URL"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL='localhost:6379' must start with redis://"),
    ],
)
def test_a_bad_job_configuration_stops_start_up_naming_the_variable(
    env: dict[str, str], message: str, tmp_path: Path
) -> None:
    result = _settings(env, tmp_path)

    assert result.returncode != 0 and message in result.stderr
