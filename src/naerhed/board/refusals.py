# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The engine's broken rules in plain words with names and clock times, for the people at the board.

The engine speaks of ``s-12`` and minute 450; the board says "Birthe Hansen har ikke kompetencen
insulin" and "07:30". English source strings, Danish in this app's catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from naerhed.citizens.models import Citizen
from naerhed.planner import model as pm
from naerhed.planner.check import Rule, Violation
from naerhed.planner.plan import Plan, VisitStop
from naerhed.planning.problem_builder import BuiltProblem
from naerhed.workforce.models import Competence, StaffMember


def clock(minutes: int) -> str:
    """Engine minutes as a wall-clock time, "07:30" (a time after midnight wraps round)."""
    minutes %= pm.MINUTES_PER_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Names:
    """Names behind the engine's ids."""

    carers: dict[str, str]
    professions: dict[str, str]
    citizens: dict[str, str]
    competences: dict[str, str]

    @classmethod
    def for_problem(cls, built: BuiltProblem) -> Names:
        staff = StaffMember.objects.filter(pk__in=built.staff_ids.values())
        by_pk = {m.pk: m for m in staff}
        citizen_pks = [int(c.id.removeprefix("c-")) for c in built.problem.citizens]
        codes = {code for v in built.problem.visits for code in v.competences}
        return cls(
            carers={cid: by_pk[pk].full_name for cid, pk in built.staff_ids.items()},
            professions={cid: by_pk[pk].get_profession_display() for cid, pk in built.staff_ids.items()},
            citizens={f"c-{c.pk}": c.full_name for c in Citizen.objects.filter(pk__in=citizen_pks)},
            competences=dict(Competence.objects.filter(code__in=codes).values_list("code", "name")),
        )

    def carer(self, cid: str | None) -> str:
        return self.carers.get(cid or "", cid or "")

    def profession(self, cid: str) -> str:
        return self.professions.get(cid, "")

    def citizen_of(self, problem: pm.Problem, vid: str | None) -> str:
        visit = problem.visit_by_id.get(vid or "")
        return self.citizens.get(visit.citizen, visit.citizen) if visit else ""

    def competence(self, code: str) -> str:
        return self.competences.get(code, code)


def explain(
    violation: Violation, problem: pm.Problem, plan: Plan, names: Names, moved: str | None = None
) -> str:
    """One broken rule as a sentence naming the carer, the citizen and the fact."""
    words = _Words(violation, problem, plan, names, moved)
    handler = _HANDLERS.get(violation.rule)
    if handler is None:
        return _("The move breaks a planning rule (%(rule)s).") % {"rule": violation.rule.value}
    return handler(words)


@dataclass(frozen=True)
class _Words:
    violation: Violation
    problem: pm.Problem
    plan: Plan
    names: Names
    moved: str | None

    @property
    def carer(self) -> str:
        return self.names.carer(self.violation.carer)

    @property
    def citizen(self) -> str:
        return self.names.citizen_of(self.problem, self.violation.visit)

    @property
    def visit(self) -> pm.Visit:
        return self.problem.visit_by_id[self.violation.visit or ""]

    def start(self) -> int:
        """The start of the violation's visit in the plan (the carer's copy when there is one)."""
        for route in self.plan.routes:
            for stop in route.visit_stops:
                if stop.visit == self.violation.visit and self.violation.carer in (None, route.carer):
                    return stop.start
        return 0

    def shift(self) -> pm.Shift | None:
        carer = self.problem.carer_by_id.get(self.violation.carer or "")
        route = next((r for r in self.plan.routes if r.carer == self.violation.carer), None)
        return carer.shifts[route.shift] if carer and route else None

    def moved_waits(self) -> pm.Visit | None:
        """The moved visit when it waits for its window in the same route, before this visit."""
        if self.moved is None or self.moved == self.violation.visit:
            return None
        visit = self.problem.visit_by_id[self.moved]
        for route in self.plan.routes:
            if route.carer != self.violation.carer:
                continue
            stops = [s for s in route.stops if isinstance(s, VisitStop)]
            ids = [s.visit for s in stops]
            if (
                self.moved in ids
                and self.violation.visit in ids
                and ids.index(self.moved) < ids.index(self.violation.visit or "")
            ):
                return visit if stops[ids.index(self.moved)].start == visit.window[0] else None
        return None


def _competence(w: _Words) -> str:
    carer = w.problem.carer_by_id[w.violation.carer or ""]
    missing = sorted(w.names.competence(c) for c in w.visit.competences - carer.competences)
    return _("%(carer)s does not have the competence %(competence)s") % {
        "carer": w.carer,
        "competence": ", ".join(missing),
    }


def _blocked(w: _Words) -> str:
    return _("%(carer)s is blocked by the citizen (%(citizen)s)") % {"carer": w.carer, "citizen": w.citizen}


def _window(w: _Words) -> str:
    start, visit = w.start(), w.visit
    if start < visit.window[0]:
        return _("The visit to %(citizen)s can start at %(time)s at the earliest") % {
            "citizen": w.citizen,
            "time": clock(visit.window[0]),
        }
    waits = w.moved_waits()
    if waits is not None:
        return _(
            "The visit to %(moved)s can start at %(time)s at the earliest, so %(carer)s cannot reach "
            "%(citizen)s by %(latest)s"
        ) % {
            "moved": w.names.citizen_of(w.problem, waits.id),
            "time": clock(waits.window[0]),
            "carer": w.carer,
            "citizen": w.citizen,
            "latest": clock(visit.latest_start),
        }
    return _(
        "%(carer)s can reach %(citizen)s at %(time)s at the earliest; the visit must start by %(latest)s"
    ) % {
        "carer": w.carer,
        "citizen": w.citizen,
        "time": clock(start),
        "latest": clock(visit.latest_start),
    }


def _shift_end(w: _Words) -> str:
    shift = w.shift()
    end = clock(shift.end) if shift else ""
    return _("%(carer)s: the route does not get back before the shift ends at %(end)s") % {
        "carer": w.carer,
        "end": end,
    }


def _shift_start(w: _Words) -> str:
    shift = w.shift()
    return _("%(carer)s: the visit would start before the shift starts at %(start)s") % {
        "carer": w.carer,
        "start": clock(shift.start) if shift else "",
    }


def _timing(w: _Words) -> str:
    return _("%(carer)s cannot get to %(citizen)s in time") % {"carer": w.carer, "citizen": w.citizen}


def _break(w: _Words) -> str:
    shift = w.shift()
    brk = shift.break_ if shift else None
    if brk is None:
        return _("%(carer)s: the break does not fit") % {"carer": w.carer}
    return _("%(carer)s cannot take the break between %(earliest)s and %(latest)s") % {
        "carer": w.carer,
        "earliest": clock(brk.earliest),
        "latest": clock(brk.latest),
    }


def _same_carer(w: _Words) -> str:
    return _("The two-carer visit to %(citizen)s needs two different carers; %(carer)s already has it") % {
        "citizen": w.citizen,
        "carer": w.carer,
    }


def _copies(w: _Words) -> str:
    return _("The visit to %(citizen)s needs two carers: choose a second carer as well") % {
        "citizen": w.citizen
    }


def _start_mismatch(w: _Words) -> str:
    return _("The two carers cannot start the visit to %(citizen)s at the same time") % {"citizen": w.citizen}


def _after(w: _Words) -> str:
    return _("The visit to %(citizen)s must keep its time after the visit it goes with") % {
        "citizen": w.citizen
    }


_HANDLERS: dict[Rule, Callable[[_Words], str]] = {
    Rule.COMPETENCE: _competence,
    Rule.BLOCKED_CARER: _blocked,
    Rule.WINDOW: _window,
    Rule.LATE_BEYOND_ALLOWED: _window,
    Rule.SHIFT_START: _shift_start,
    Rule.SHIFT_END: _shift_end,
    Rule.TRAVEL_TIME: _timing,
    Rule.OVERLAP: _timing,
    Rule.BREAK_MISSING: _break,
    Rule.BREAK_WINDOW: _break,
    Rule.BREAK_DURATION: _break,
    Rule.BREAK_EXTRA: _break,
    Rule.TWO_CARER_SAME_CARER: _same_carer,
    Rule.TWO_CARER_START_MISMATCH: _start_mismatch,
    Rule.VISIT_COPIES: _copies,
    Rule.AFTER_GAP: _after,
    Rule.AFTER_PARTIAL: _after,
}
