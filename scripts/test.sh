#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
#
# The whole gate, as CI runs it (.ci/run -> make test -> here):
#   1. static checks (scripts/lint.sh)
#   2. every test on SQLite, browser tests included
#   3. every database-using test again on a temporary PostgreSQL server
# Any failure, and a run that collects no tests (pytest exit code 5), fails.
#
# PYTEST_WORKERS (default 2; 0 for none) sets pytest-xdist's worker count;
# arguments are passed on to both pytest runs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=.venv/bin
WORKERS=${PYTEST_WORKERS:-2}
PG_DIR=

section() { printf '\n======== %s ========\n' "$*"; }

cleanup() {
    if [ -n "$PG_DIR" ]; then
        section "Stopping PostgreSQL"
        scripts/pg_temp.sh stop "$PG_DIR" || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

run_pytest() {
    local status=0
    "$BIN/pytest" -n "$WORKERS" "$@" || status=$?
    case "$status" in
        0) ;;
        5) echo "pytest collected no tests: that is a failure here" >&2 ;;
        *) echo "pytest failed with exit code $status" >&2 ;;
    esac
    return "$status"
}

# The suite decides its own configuration; nothing from the caller's shell.
unset NAERHED_MODE NAERHED_DEBUG NAERHED_SECRET_KEY NAERHED_SECRET_KEY_FILE NAERHED_ALLOWED_HOSTS \
    NAERHED_VAR_DIR DATABASE_URL DATABASE_URL_FILE NAERHED_ALLOW_SKIP

section "Bootstrap"
scripts/bootstrap.sh

section "Lint"
scripts/lint.sh

section "Tests on SQLite (all tests, browser tests included)"
run_pytest "$@"

section "Starting a temporary PostgreSQL server"
PG_DIR=$(scripts/pg_temp.sh start)
DATABASE_URL=$(cat "$PG_DIR/database_url")
export DATABASE_URL

section "Tests on PostgreSQL (tests that use the database)"
run_pytest -m uses_db "$@"

section "All checks passed"
