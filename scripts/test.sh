#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
#
# The whole gate, as CI runs it (.ci/run -> make test -> here):
#   1. static checks (scripts/lint.sh)
#   2. every test on SQLite, browser tests included
#   3. every database-using test again on a temporary PostgreSQL server
# Every stage runs even when an earlier one failed, so one run shows every
# problem; the script then fails if any stage failed. A pytest run that
# collects no tests (exit code 5) is a failure.
#
# PYTEST_WORKERS (default 2; 0 for none) sets pytest-xdist's worker count;
# arguments are passed on to both pytest runs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=.venv/bin
WORKERS=${PYTEST_WORKERS:-2}
PG_DIR=
FAILED=()

section() { printf '\n======== %s ========\n' "$*"; }

cleanup() {
    if [ -n "$PG_DIR" ]; then
        section "Stopping PostgreSQL"
        scripts/pg_temp.sh stop "$PG_DIR" || true
        PG_DIR=
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stage() {
    local name=$1
    shift
    section "$name"
    if "$@"; then
        return 0
    else
        FAILED+=("$name (exit $?)")
    fi
}

run_pytest() {
    local status=0
    "$BIN/pytest" -n "$WORKERS" --durations=10 "$@" || status=$?
    case "$status" in
        0) ;;
        5) echo "pytest collected no tests: that is a failure here" >&2 ;;
        *) echo "pytest failed with exit code $status" >&2 ;;
    esac
    return "$status"
}

start_postgres() {
    PG_DIR=$(scripts/pg_temp.sh start) || {
        PG_DIR=
        return 1
    }
    DATABASE_URL=$(cat "$PG_DIR/database_url") || return 1
    export DATABASE_URL
}

# The suite decides its own configuration; nothing from the caller's shell.
unset NAERHED_MODE NAERHED_DEBUG NAERHED_SECRET_KEY NAERHED_SECRET_KEY_FILE NAERHED_ALLOWED_HOSTS \
    NAERHED_VAR_DIR NAERHED_VAR_DIR_FILE DATABASE_URL DATABASE_URL_FILE NAERHED_ALLOW_SKIP

section "Bootstrap"
scripts/bootstrap.sh

stage "Lint" scripts/lint.sh
stage "Tests on SQLite (all tests, browser tests included)" run_pytest "$@"
stage "Starting a temporary PostgreSQL server" start_postgres
if [ -n "${DATABASE_URL:-}" ]; then
    stage "Tests on PostgreSQL (the tests that use the database)" run_pytest -m uses_db "$@"
fi
cleanup

if [ "${#FAILED[@]}" -gt 0 ]; then
    section "FAILED"
    printf '  %s\n' "${FAILED[@]}" >&2
    exit 1
fi
section "All checks passed"
