#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
#
# Static checks: ruff, mypy --strict, import-linter (the planner never imports
# Django or the apps), shellcheck, and a guard that every test directory is a
# package (two tests/<app>/test_models.py would otherwise collide).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=.venv/bin
# Settings are imported by mypy's Django plugin: keep them in development mode.
unset NAERHED_MODE DATABASE_URL DATABASE_URL_FILE

section() { printf '\n==== %s ====\n' "$*"; }

section "ruff check"
"$BIN/ruff" check .

section "mypy --strict"
# shellcheck disable=SC2086 # MYPY_TARGETS is a list of paths
"$BIN/mypy" ${MYPY_TARGETS:-src tests}

section "import-linter"
"$BIN/lint-imports"

section "shellcheck"
if command -v shellcheck >/dev/null 2>&1; then
    shellcheck scripts/*.sh .ci/run
else
    echo "shellcheck is not installed (scripts/bootstrap.sh installs it); skipped"
fi

section "test packages"
missing=0
while IFS= read -r dir; do
    if [ ! -f "$dir/__init__.py" ]; then
        echo "$dir has tests but no __init__.py"
        missing=1
    fi
done < <(find tests -name 'test_*.py' -not -path '*/__pycache__/*' -exec dirname {} \; | sort -u)
[ "$missing" -eq 0 ] && echo "every test directory is a package"
exit "$missing"
