# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``naerhed import-hr FILE [--dry-run]``: import the HR system's monthly staff figures. All rows or none."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from naerhed.accounts.models import User
from naerhed.importer.core import ImportRejected
from naerhed.management.hr_import import import_hr


class Command(BaseCommand):
    help = "Import HR figures (contract hours, sick hours, leavers) per employee and month. All rows or none."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Validate and count, but write nothing.")
        parser.add_argument("--as-user", default="", help="The user the audit log names as importing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        by = self._user(options["as_user"])
        try:
            report = import_hr(path, by=by, dry_run=options["dry_run"])
        except ImportRejected as exc:
            self.stderr.write(f"{path}: {len(exc.errors)} errors; nothing was imported.")
            for error in exc.errors:
                self.stderr.write(f"  {error}")
            raise CommandError("the import was rejected") from exc
        self.stdout.write(self.style.SUCCESS(str(report)))

    def _user(self, username: str) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        return user
