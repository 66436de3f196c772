# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every role walks the whole web app by its links, and the citizen walks the portal.

The world: the personas, with team A's week of 16 November 2026 planned and published (two carers,
the persona ``carer`` is one of them), Inger Andersen in team A with a grant of every kind, a
relative with consent, a visit plan, a handover note, one visit checked in and out, Anders Holm sick
tomorrow with a proposal to cover his visits, and today's board meeting. "Now" is
Wednesday 18 November 2026, 10:00 in Copenhagen.

No page may fail (500), no link shown may be dead (404, 405, …) or refused (403), no page but the
citizen record may show a full CPR number, no page may name a citizen outside the visitor's team or
district, and no Danish page may keep English in its heading.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable

import pytest
from django.test import Client
from freezegun import freeze_time

import naerhed.urls  # noqa: F401  # load every view (and OR-Tools) before freezegun freezes the clock
from naerhed.absences.models import AbsenceReason
from naerhed.absences.services import compute_proposal, report_absence
from naerhed.carer_day.services import check_in, check_out, update_visit_plan, write_handover
from naerhed.citizens.models import Citizen, Relative
from naerhed.grants.models import Grant, LawParagraph, Recurrence, Service, ServiceKind
from naerhed.lib.dates import COPENHAGEN, aware
from naerhed.planning.models import RunStatus
from naerhed.planning.services import plan_week
from naerhed.quality.services.board import open_board_meeting
from naerhed.visits.models import Visit
from naerhed.workforce.models import RosterShift, StaffMember
from tests import factories as f
from tests.personas import World
from tests.planning.conftest import MONDAY, small_week
from tests.portal.conftest import NOW as PORTAL_NOW
from tests.portal.conftest import TUESDAY, WEDNESDAY, Booking, booking, code_sent_to
from tests.web import crawl_site
from tests.web.crawl import Checks, Crawl, crawl

__all__ = ["booking"]  # the portal's fixture, used by the portal crawl

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=COPENHAGEN)
ROLES = ("carer", "carer_b", "teamleader", "nurse", "planner", "planner_far", "visitator", "manager", "admin")
#: The only page that may show a citizen's whole CPR number.
RECORD_PAGE = re.compile(r"^/citizens/\d+/$")
#: English words that never belong in a Danish heading. Words that are Danish too (for, at, to, by, and,
#: team, plan, note, status, start) are left out; names of people and places never match these.
_ENGLISH_WORDS = """
    the of with from in on my your our all new edit add create delete
    citizen citizens staff member members visit visits week day today tomorrow route planning
    record records overview details settings report reports figures messages message absence absences
    quality board grants grant relatives notes handover sign search results
    conversation conversations goals goal meeting meetings page not found error denied access"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())


def build_world(world: World) -> None:
    """Fill the personas' world so that lists have rows and detail pages have links (see the module doc)."""
    team = world.team_a
    inger = world.citizen_a
    _every_kind_of_grant(inger)
    small_week(team)
    _link(world, "carer_b", f.staff(team=world.team_b, first_name="Lise", last_name="Bach"))
    run = plan_week(team=team, start=MONDAY, by=world.user("planner"), time_limit=1.0)
    assert run.status == RunStatus.PUBLISHED, run.error
    # The carer persona is whoever the plan gives the first visit today (which carer that is, is the
    # engine's choice), so the carer's day has visits to walk. The team leader drives too (Anders,
    # unless the plan made him that carer); the nurse has no staff record, as in many municipalities.
    visit = Visit.objects.filter(date=NOW.date(), carers__team=team).order_by("planned_start", "pk").first()
    assert visit is not None, "the plan gave the team no visit today"
    staff = visit.carers.filter(team=team).order_by("pk").first()
    assert staff is not None
    _link(world, "carer", staff)
    others = StaffMember.objects.filter(team=team).exclude(pk=staff.pk).order_by("pk")
    driving_leader = others.filter(first_name="Anders").first() or others.first()
    assert driving_leader is not None
    _link(world, "teamleader", driving_leader)
    Relative.objects.create(
        citizen=inger,
        name="Hanne Andersen",
        relation="datter",
        phone="+45 61 62 63 64",
        consent_to_share=True,
        consent_recorded_on=dt.date(2026, 1, 5),
    )
    carer = world.user("carer")
    update_visit_plan(citizen=inger, by=carer, expected_version=0, routines="Kaffe først.", watch_for="Fald.")
    check_in(visit=visit, by=carer, at=NOW - dt.timedelta(hours=2), request_id=uuid.uuid4())
    check_out(visit=visit, by=carer, at=NOW - dt.timedelta(hours=1, minutes=35), request_id=uuid.uuid4())
    write_handover(
        citizen=visit.citizen, visit=visit, by=carer, text="Sov dårligt i nat.", request_id=uuid.uuid4()
    )
    anders = StaffMember.objects.get(team=team, first_name="Anders")
    tomorrow = RosterShift.objects.get(staff=anders, date=NOW.date() + dt.timedelta(days=1))
    leader = world.user("teamleader")
    sick_call = report_absence(staff=anders, reason=AbsenceReason.SICK, by=leader, shift=tomorrow)
    compute_proposal(proposal_id=sick_call.pk)
    open_board_meeting(team=team, date=NOW.date(), by=leader)


def _every_kind_of_grant(citizen: Citizen) -> None:
    f.grant(citizen=citizen, service=f.service("dagpakke-2"), starts_on=MONDAY)
    f.grant(
        citizen=citizen,
        service=f.service("medicin", name="Medicingivning", kind=ServiceKind.SINGLE),
        starts_on=MONDAY,
        recurrence=Recurrence.WEEKDAYS,
        weekdays="1010100",
        window_start=dt.time(12, 0),
        window_end=dt.time(13, 0),
        duration=10,
    )
    f.grant(
        citizen=citizen,
        service=f.service(
            "forloeb", name="Forløb", kind=ServiceKind.CARE_COURSE, paragraph=LawParagraph.ELDERLY_ACT
        ),
        starts_on=MONDAY,
        ends_on=MONDAY + dt.timedelta(days=90),
        recurrence=Recurrence.WEEKLY_FRAME,
        weekly_minutes=60,
        duration=30,
        window_start=dt.time(9, 0),
        window_end=dt.time(14, 0),
    )
    f.grant(
        citizen=citizen,
        service=f.service(
            "klippekort", name="Klippekort", kind=ServiceKind.KLIPPEKORT, paragraph=LawParagraph.KLIPPEKORT
        ),
        starts_on=MONDAY,
        recurrence=Recurrence.ON_DEMAND,
        weekly_minutes=30,
        duration=30,
        window_start=dt.time(9, 0),
        window_end=dt.time(16, 0),
    )


def _link(world: World, name: str, staff: StaffMember) -> None:
    user = world.user(name)
    user.staff = staff
    user.save(update_fields=["staff"])


def checks(numbers: list[str] | None = None, hidden: Iterable[str] = ()) -> Checks:
    """Leaks are the world's real CPR numbers (with or without the dash), so phone numbers never match,
    and the names of citizens the visitor may not see."""
    numbers = numbers if numbers is not None else [c.cpr for c in Citizen.objects.all()]
    written = re.compile("|".join(rf"(?<!\d){n[:6]}-?{n[6:]}(?!\d)" for n in numbers))
    names = sorted(hidden)

    def leaks(url: str, html: str) -> Iterable[str]:
        found = [f"shows the name of {name}, who is not theirs to see" for name in names if name in html]
        if not RECORD_PAGE.match(url):
            found += [f"shows the CPR number {m.group(0)[:6]}-…" for m in written.finditer(html)]
        return found

    def english(h1: str) -> Iterable[str]:
        words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]+", h1)}
        left = sorted(words & ENGLISH)
        return [f"English in <h1>: {' '.join(h1.split())!r} ({', '.join(left)})"] if left else []

    return Checks(leaks=leaks, english=english)


def hidden_from(role: str, world: World) -> set[str]:
    """The persona citizens whose names a role must never meet: those outside its team or district."""
    a, b, far = (
        f"{c.first_name} {c.last_name}" for c in (world.citizen_a, world.citizen_b, world.citizen_far)
    )
    sees = {
        "carer": {a},
        "carer_b": {b},
        "teamleader": {a},
        "nurse": {a},
        "planner": {a, b},
        "planner_far": {far},
        "visitator": {a, b, far},
    }
    return {a, b, far} - sees.get(role, set())


def report(crawls: list[Crawl]) -> str:
    return "\n".join(c.summary() for c in crawls)


@freeze_time(NOW)
def test_every_role_walks_every_link_without_a_failure_a_refusal_or_a_leak(world: World) -> None:
    build_world(world)
    crawls = []
    for role in ROLES:
        client = Client()
        client.force_login(world.user(role))
        crawls.append(crawl(client, role, checks(hidden=hidden_from(role, world))))
    assert all(len(c.visited) > 5 for c in crawls), report(crawls)
    assert not any(c.problems for c in crawls), report(crawls)


def _visit(
    citizen: Citizen, service: Service, start: dt.datetime, carer: StaffMember, grant: Grant | None = None
) -> None:
    visit = Visit.objects.create(
        citizen=citizen,
        service=service,
        grant=grant,
        date=start.date(),
        window_start=start - dt.timedelta(minutes=30),
        window_end=start + dt.timedelta(minutes=30),
        duration=30,
        planned_start=start,
    )
    visit.carers.set([carer])


def logged_in_citizen(phone: str) -> Client:
    client = Client()
    assert client.post("/borger/log-ind/", {"phone": phone}).status_code == 302
    assert client.post("/borger/log-ind/kode/", {"code": code_sent_to(f"+45{phone}")}).status_code == 302
    return client


@freeze_time(PORTAL_NOW)
def test_the_citizen_walks_every_link_of_the_portal_without_a_failure_or_a_leak(booking: Booking) -> None:
    """Inger (and her daughter Hanne) with a booked bath she may still move and a morning visit she may not
    (it is not hers to book)."""
    morning = aware(TUESDAY, dt.time(8, 0))
    bath = aware(WEDNESDAY, dt.time(10, 0))
    _visit(booking.citizen, f.service("personlig-pleje", name="Personlig pleje"), morning, booking.sofie)
    _visit(booking.citizen, booking.bath.service, bath, booking.sofie, grant=booking.bath)
    others = {"Poul Bertelsen", "Karen Frandsen"}
    citizen = crawl(logged_in_citizen("20304050"), "citizen", checks(hidden=others), start="/borger/")
    relative = crawl(logged_in_citizen("61626364"), "relative", checks(hidden=others), start="/borger/")
    crawls = [citizen, relative]
    assert all(len(c.visited) >= 6 for c in crawls), report(crawls)
    assert not any(c.problems for c in crawls), report(crawls)


@pytest.mark.urls("tests.web.crawl_site")
def test_the_crawler_finds_each_kind_of_fault_and_fetches_nothing_it_must_skip() -> None:
    found = crawl(Client(), "anyone", checks([crawl_site.CPR]), per_pattern=3)
    assert [p.url for p in found.errors] == ["/boom/"]
    assert "RuntimeError" in found.errors[0].detail
    assert [p.url for p in found.forbidden] == ["/secret/", "/to-login/"]
    assert [(p.url, p.status) for p in found.dead] == [("/gone/", 404)]
    assert [p.url for p in found.leaks] == ["/leak/"], "the record page /citizens/7/ may show it"
    assert found.visited["/citizens/7/"] == 200
    assert found.visited["/search/?q=&team=2"] == 200, "a GET form is sent with its default values"
    assert [p.url for p in found.english] == ["/english/"]
    assert sorted(u for u in found.visited if u.startswith("/item/")) == ["/item/1/", "/item/2/", "/item/3/"]
    assert found.skipped_by_pattern == 7
    assert "anyone: " in found.summary() and "/boom/ (linked from /)" in found.summary()
