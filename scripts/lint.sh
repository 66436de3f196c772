#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
#
# Static checks: ruff, mypy --strict, import-linter (the planner never imports
# Django or the apps), shellcheck, and a guard that every test directory is a
# package (two tests/<app>/test_models.py would otherwise collide). Every check
# runs; the script fails if any of them failed.
#
# MYPY_TARGETS (default "src tests") chooses what mypy checks.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=.venv/bin
# mypy's Django plugin imports the settings: keep them in development mode.
unset NAERHED_MODE NAERHED_DEBUG DATABASE_URL DATABASE_URL_FILE

FAILED=()
check() {
    local name=$1
    shift
    printf '\n==== %s ====\n' "$name"
    if "$@"; then
        return 0
    else
        FAILED+=("$name (exit $?)")
    fi
}

shell_scripts() {
    if ! command -v shellcheck >/dev/null 2>&1; then
        echo "shellcheck is not installed (scripts/bootstrap.sh installs it)"
        return 1
    fi
    shellcheck scripts/*.sh .ci/run
}

test_packages() {
    local dir missing=0
    while IFS= read -r dir; do
        if [ ! -f "$dir/__init__.py" ]; then
            echo "$dir has tests but no __init__.py"
            missing=1
        fi
    done < <(find tests -name 'test_*.py' -not -path '*/__pycache__/*' -exec dirname {} \; | sort -u)
    [ "$missing" -eq 0 ] && echo "every test directory is a package"
    return "$missing"
}

check "ruff check" "$BIN/ruff" check .
# shellcheck disable=SC2086 # MYPY_TARGETS is a list of paths
check "mypy --strict" "$BIN/mypy" ${MYPY_TARGETS:-src tests}
check "import-linter" "$BIN/lint-imports"
check "shellcheck" shell_scripts
check "test packages" test_packages

if [ "${#FAILED[@]}" -gt 0 ]; then
    printf '\nlint failed: %s\n' "${FAILED[@]}" >&2
    exit 1
fi
printf '\nlint passed\n'
