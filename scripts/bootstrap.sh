#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
#
# Prepare a machine for Nærhed: the Debian packages the tests need (chromium,
# PostgreSQL, Redis, fonts, shellcheck) and the virtual environment in .venv.
# Safe to run again: apt is skipped when every package is installed, and pip
# only runs when pyproject.toml is newer than .venv/.installed.
#
#   scripts/bootstrap.sh           system packages, then .venv
#   scripts/bootstrap.sh system    only the system packages
#   scripts/bootstrap.sh venv      only .venv
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3.11}
VENV=.venv
STAMP=$VENV/.installed
SYSTEM_PACKAGES=(chromium postgresql redis-server fonts-dejavu-core shellcheck)

say() { printf '[bootstrap] %s\n' "$*" >&2; }

is_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo "$@"
    else
        return 1
    fi
}

install_system_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian system: install ${SYSTEM_PACKAGES[*]} and python3.11 yourself"
        return 0
    fi
    local missing=() package
    for package in "${SYSTEM_PACKAGES[@]}"; do
        is_installed "$package" || missing+=("$package")
    done
    if ! command -v "$PYTHON" >/dev/null 2>&1 || ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
        missing+=(python3.11 python3.11-venv)
    fi
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    say "installing ${missing[*]}"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
        ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
        say "could not install ${missing[*]} (needs root or password-less sudo)"
        return 1
    fi
}

venv_works() {
    [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null
}

install_venv() {
    if ! venv_works; then
        say "creating $VENV with $PYTHON"
        rm -rf "$VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    if [ -f "$STAMP" ] && [ "$STAMP" -nt pyproject.toml ]; then
        return 0
    fi
    say "installing naerhed and its development tools into $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[dev]'
    touch "$STAMP"
}

case "${1:-all}" in
    all) install_system_packages && install_venv ;;
    system) install_system_packages ;;
    venv) install_venv ;;
    *)
        say "usage: $0 [all|system|venv]"
        exit 2
        ;;
esac
