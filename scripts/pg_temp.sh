#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
#
# A throw-away PostgreSQL server for the test suite.
#
#   dir=$(scripts/pg_temp.sh start)      prints the server's directory;
#                                        "$dir/database_url" holds its DATABASE_URL
#   scripts/pg_temp.sh stop "$dir"       stops the server and deletes the directory
#
# The server listens on a free loopback port with its socket inside the
# directory, trusts local connections and runs without fsync: it is for tests
# only. PostgreSQL refuses to run as root, so as root it runs as the
# "postgres" user (NAERHED_PG_OS_USER to choose another).
set -euo pipefail

OS_USER=${NAERHED_PG_OS_USER:-postgres}
DB_USER=naerhed
DB_NAME=naerhed

say() { printf '[pg_temp] %s\n' "$*" >&2; }

pg_bin_dir() {
    if [ -n "${PG_BIN:-}" ]; then
        echo "$PG_BIN"
        return
    fi
    local found
    found=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$found" ]; then
        echo "$found"
    elif command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
    else
        say "PostgreSQL is not installed (scripts/bootstrap.sh installs it)"
        return 1
    fi
}

# Run a PostgreSQL program as the unprivileged owner of the data directory.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$OS_USER" -- "$@"
    else
        "$@"
    fi
}

free_port() {
    local python=python3
    [ -x .venv/bin/python ] && python=.venv/bin/python
    "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local bin dir port attempt
    bin=$(pg_bin_dir)
    if [ "$(id -u)" -eq 0 ] && ! id "$OS_USER" >/dev/null 2>&1; then
        say "no user $OS_USER to run PostgreSQL as (set NAERHED_PG_OS_USER)"
        return 1
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/naerhed-pg.XXXXXX")
    # From here on a failure must not leave a server or a directory behind.
    trap 'stop "$dir" >/dev/null 2>&1 || true' ERR
    chmod 755 "$dir"
    mkdir "$dir/run"
    [ "$(id -u)" -eq 0 ] && chown -R "$OS_USER" "$dir"
    as_owner "$bin/initdb" --pgdata="$dir/data" --username="$DB_USER" --auth=trust \
        --encoding=UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; false; }
    for attempt in 1 2 3; do
        port=$(free_port)
        if as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/postgres.log" --wait --timeout=60 \
            --options="-c listen_addresses=127.0.0.1 -p $port -k $dir/run -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=50" start >/dev/null; then
            break
        fi
        say "could not start on port $port (attempt $attempt)"
        tail -n 20 "$dir/postgres.log" >&2 || true
        [ "$attempt" -lt 3 ] || false
    done
    as_owner "$bin/createdb" --host=127.0.0.1 --port="$port" --username="$DB_USER" "$DB_NAME"
    echo "postgres://$DB_USER@127.0.0.1:$port/$DB_NAME" >"$dir/database_url"
    trap - ERR
    say "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir"
    echo "$dir"
}

stop() {
    local dir=${1:?usage: pg_temp.sh stop DIR} bin
    case "$dir" in
        */naerhed-pg.*) ;;
        *)
            say "refusing to delete $dir: not made by pg_temp.sh start"
            return 1
            ;;
    esac
    [ -d "$dir" ] || return 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        bin=$(pg_bin_dir)
        as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null ||
            say "pg_ctl stop failed; see $dir/postgres.log"
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *)
        say "usage: $0 start | stop DIR"
        exit 2
        ;;
esac
