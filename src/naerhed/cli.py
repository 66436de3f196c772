# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The ``naerhed`` command.

``naerhed plan …`` and ``naerhed bench …`` are the planning engine's own
commands and never load Django; every other word is handed to Django's
management commands (``naerhed migrate``, ``naerhed demo``, ``naerhed runserver``).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "plan":
        from naerhed.planner.cli import main as plan_main

        return plan_main(args[1:])
    if args and args[0] == "bench":
        from naerhed.planner.bench_cli import main as bench_main

        return bench_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naerhed.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["naerhed", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
