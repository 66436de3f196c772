# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Moving a card on the board, and logging who looked at it.

:func:`move_card` makes the move on the plan in force, re-times the routes it touches, checks
every hard rule with the engine and either refuses with the reasons in plain words or saves at
once through :func:`naerhed.planning.plan_store.apply_plan`, optimistically: the versions of the
visits the mover saw must still be the versions in the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from naerhed.accounts.models import User
from naerhed.audit.models import Action
from naerhed.audit.services import record_event
from naerhed.board.access import check_may_move
from naerhed.board.refusals import Names, explain
from naerhed.lib.dates import COPENHAGEN
from naerhed.organisation.models import Team
from naerhed.planner.check import Rule
from naerhed.planner.model import MINUTES_PER_DAY
from naerhed.planner.moves import Move, MoveError, MoveResult, move_visit, new_violations
from naerhed.planner.plan import Plan
from naerhed.planning.plan_store import AppliedChange, StaleVisitError, apply_plan, current_plan
from naerhed.planning.problem_builder import BuiltProblem, build_problem, to_minutes
from naerhed.visits.models import Visit

SOURCE = "board"
#: A move that breaks many rules says the first few; the first is usually the cause.
MAX_REASONS = 3
#: Reasons about who may take the visit at all come before reasons about time.
RULE_ORDER = {
    rule: k
    for k, rule in enumerate(
        [Rule.COMPETENCE, Rule.BLOCKED_CARER, Rule.TWO_CARER_SAME_CARER, Rule.VISIT_COPIES, Rule.WINDOW]
    )
}


#: Said on the page, in board.js's reply and in the API when a move names a day that is over.
PAST_DAY = gettext_lazy("The day is over – earlier days cannot be changed")


def is_past(day: dt.date) -> bool:
    """A day before today (Copenhagen): its board is a record of what happened and cannot be changed."""
    return day < timezone.localdate()


class MoveRefused(Exception):
    """The move breaks a rule; ``reasons`` say which, in plain words."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class CardMove:
    """A card to move: from a carer's shift (``None``: the tray) to a carer's shift (``None``: the tray).

    ``position`` counts the cards of the target shift that come before it; ``partner`` is the second
    carer's shift (staff pk, shift index) for a two-carer visit taken from the tray. ``version`` is the
    version of the visit the mover saw.
    """

    visit_pk: int
    version: int
    from_staff: int | None
    to_staff: int | None
    to_shift: int = 0
    position: int = 0
    partner: tuple[int, int] | None = None


@transaction.atomic
def move_card(
    *, team: Team, day: dt.date, move: CardMove, by: User, seen: Mapping[int, int] | None = None
) -> list[AppliedChange]:
    """Make ``move`` on the team's day and save it, or raise :class:`MoveRefused`.

    ``seen`` (visit pk → version) is the board as the mover saw it: every visit of the routes the
    move touches must still have that version, else :class:`StaleVisitError` and nothing is
    written. Without ``seen`` only the moved visit's version is checked.
    """
    check_may_move(by)
    if is_past(day):
        raise MoveRefused([str(PAST_DAY)])
    # Serialise moves on one team-day (a row lock on PostgreSQL).
    list(Visit.objects.select_for_update().filter(citizen__team=team, date=day).values_list("pk"))
    built = build_problem(team=team, start=day, days=1)
    vid = f"v-{move.visit_pk}"
    if vid not in built.visit_ids:
        raise MoveRefused([_("The visit is not on this board (it may have been cancelled).")])
    plan = current_plan(built)
    result, reasons = _attempt(built, plan, _engine_move(built, move, _not_before(built)))
    scope = _scope(built, plan, result, vid)
    expected = {built.visit_ids[v]: _expected(built.visit_ids[v], seen) for v in scope}
    expected[move.visit_pk] = move.version
    # A changed board is reported before any broken rule: the mover judged a board that is gone.
    _check_fresh(expected)
    if reasons:
        raise MoveRefused(reasons)
    changes = apply_plan(
        built, result.plan, by=by, source=SOURCE, visit_ids=scope, expected_versions=expected
    )
    _log(by, changes, move.visit_pk)
    return changes


def log_board_viewed(*, user: User, team: Team, day: dt.date, citizen_pks: list[int]) -> None:
    """The board shows each citizen's name and tasks: one VIEW per citizen."""
    for citizen_pk in citizen_pks:
        record_event(
            user=user,
            action=Action.VIEW,
            object_type="citizen",
            object_id=citizen_pk,
            citizen_id=citizen_pk,
            summary=f"T-card board {team.pk} {day.isoformat()}",
        )


def _not_before(built: BuiltProblem) -> int:
    """On today's board a moved visit cannot start in the past (other days have no "now")."""
    now = to_minutes(timezone.now(), built.start)
    return now if 0 < now < MINUTES_PER_DAY else 0


def _engine_move(built: BuiltProblem, move: CardMove, not_before: int) -> Move:
    carer_of = {pk: cid for cid, pk in built.staff_ids.items()}
    for staff in (move.from_staff, move.to_staff, move.partner[0] if move.partner else None):
        if staff is not None and staff not in carer_of:
            raise MoveRefused([_("The carer is not in this team.")])
    if move.to_staff is not None and not built.problem.carer_by_id[carer_of[move.to_staff]].shifts:
        raise MoveRefused([_("The carer has no shift on this day.")])
    return Move(
        visit=f"v-{move.visit_pk}",
        from_carer=carer_of[move.from_staff] if move.from_staff is not None else None,
        to_carer=carer_of[move.to_staff] if move.to_staff is not None else None,
        to_shift=move.to_shift,
        position=move.position,
        partner=(carer_of[move.partner[0]], move.partner[1]) if move.partner else None,
        not_before=not_before,
    )


def _attempt(built: BuiltProblem, plan: Plan, move: Move) -> tuple[MoveResult, list[str]]:
    """The move with the fewest changed times that breaks no new rule, or the reasons it breaks one."""
    problem = built.problem
    try:
        result = move_visit(problem, plan, move)
    except MoveError:
        raise MoveRefused([_("The card is no longer where the board showed it. Reload the board.")]) from None
    broken = new_violations(problem, plan, result.plan)
    if not broken:
        return result, []
    earliest = move_visit(problem, plan, move, keep_times=False)
    if not new_violations(problem, plan, earliest.plan):
        return earliest, []
    names = Names.for_problem(built)
    broken.sort(key=lambda v: (RULE_ORDER.get(v.rule, len(RULE_ORDER)), v.visit != move.visit))
    reasons = list(dict.fromkeys(explain(v, problem, result.plan, names, move.visit) for v in broken))
    return result, reasons[:MAX_REASONS]


def _check_fresh(expected: Mapping[int, int]) -> None:
    current = dict(Visit.objects.filter(pk__in=expected).values_list("pk", "version"))
    stale = sorted(pk for pk, version in expected.items() if current.get(pk) != version)
    if stale:
        raise StaleVisitError(stale)


def _scope(built: BuiltProblem, before: Plan, result: MoveResult, vid: str) -> list[str]:
    """The visits of every route the move touched, as they were and as they are now."""
    touched = set(result.routes)
    out = {vid}
    for plan in (before, result.plan):
        for route in plan.routes:
            if (route.carer, route.shift) in touched:
                out.update(s.visit for s in route.visit_stops)
    return sorted(out, key=lambda v: built.visit_ids[v])


def _expected(pk: int, seen: Mapping[int, int] | None) -> int:
    # A visit the mover never saw (added since) has no version 0, so the move is stale.
    return seen.get(pk, 0) if seen is not None else _current_version(pk)


def _current_version(pk: int) -> int:
    return Visit.objects.values_list("version", flat=True).get(pk=pk)


def _log(by: User, changes: list[AppliedChange], moved_pk: int) -> None:
    citizens = dict(
        Visit.objects.filter(pk__in=[c.visit_pk for c in changes]).values_list("pk", "citizen_id")
    )
    for change in changes:
        what = "moved" if change.visit_pk == moved_pk else "re-timed"
        record_event(
            user=by,
            action=Action.UPDATE,
            object_type="visit",
            object_id=change.visit_pk,
            citizen_id=citizens[change.visit_pk],
            summary=f"T-card board: {what}; carers {list(change.old_carers)} → {list(change.new_carers)}, "
            f"start {_hm(change.old_start)} → {_hm(change.new_start)}",
        )


def _hm(moment: dt.datetime | None) -> str:
    return moment.astimezone(COPENHAGEN).strftime("%H:%M") if moment else "–"
