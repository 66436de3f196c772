# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""``naerhed demo``: load the demo municipality (once), expand and plan this week, print the logins."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from naerhed.accounts.models import User
from naerhed.demo.builder import build_demo, demo_counts, demo_exists, demo_teams, expand_week, reset_demo
from naerhed.demo.conversation_visits import put_conversations_on_routes
from naerhed.demo.figures import simulate_figures
from naerhed.demo.klippekort_use import use_klippekort
from naerhed.demo.messages import set_up_messages
from naerhed.demo.planning_bridge import plan_teams
from naerhed.demo.portal import set_up_portal
from naerhed.demo.quality import build_quality_demo
from naerhed.demo.users import DEMO_PASSWORD, demo_logins
from naerhed.lib.dates import monday_of


class Command(BaseCommand):
    help = "Load the Aabenraa demo municipality, expand and plan the current week, and print the demo logins."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--reset", action="store_true", help="Remove the demo data and build it again.")
        parser.add_argument(
            "--no-plan", action="store_true", help="Expand the week's visits but do not plan them."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        start = monday_of(today)
        with transaction.atomic():
            if options["reset"]:
                reset_demo()
                self.stdout.write("Removed the demo data.")
            if demo_exists():
                self.stdout.write("The demo municipality is already loaded; leaving it as it is.")
            else:
                build_demo(today=today)
                self.stdout.write(self.style.SUCCESS("Built the demo municipality Aabenraa (580)."))
            expanded = expand_week(start=start)
        created = sum(r.created for r in expanded.values())
        self.stdout.write(
            f"Visits for the week of {start:%d.%m.%Y}: {created} created across {len(expanded)} teams."
        )
        if not options["no_plan"] and created:
            self._plan(start)
        self.stdout.write(simulate_figures(now=timezone.now()))
        self.stdout.write(set_up_messages(now=timezone.now()))
        self.stdout.write(build_quality_demo(today=timezone.localdate()))
        self.stdout.write(put_conversations_on_routes())
        self.stdout.write(set_up_portal(today=timezone.localdate()))
        self.stdout.write(use_klippekort(today=timezone.localdate()))
        self._print_logins()
        self._print_counts()

    def _plan(self, start: dt.date) -> None:
        planner = User.objects.filter(username="planner").first()
        for line in plan_teams(demo_teams(), start=start, by=planner):
            self.stdout.write(f"  {line}")

    def _print_logins(self) -> None:
        logins = demo_logins()
        width = max((len(login.role) for login in logins), default=4)
        self.stdout.write("")
        self.stdout.write(f"{'user':<11} {'role':<{width}}  {'team / district':<45} password")
        for login in logins:
            self.stdout.write(
                f"{login.username:<11} {login.role:<{width}}  {login.scope:<45} {DEMO_PASSWORD}"
            )

    def _print_counts(self) -> None:
        c = demo_counts()
        self.stdout.write("")
        figures = f"teams {c.teams} · staff {c.staff} · citizens {c.citizens}"
        self.stdout.write(f"{figures} · grants {c.grants} · visits {c.visits}")
