# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Figures from :mod:`naerhed.quality`: start-up conversations held within 1–7 days with the change in
the four scores, and citizens with rehabilitation goals. The registry lists them only while that app is
installed, so the quality models are imported inside the functions."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from naerhed.management.figures.base import (
    Chart,
    Column,
    FigureContext,
    FigureResult,
    Headline,
    Row,
    Unit,
    share,
)
from naerhed.management.figures.data import cached, grants_in

#: Hedensted's survey after the move to fixed teams (BRIEF.md), for comparison.
HEDENSTED_AFTER = {"seen_heard": 7.23, "coherent": 7.77, "own_abilities": 8.08, "overall": 8.46}


def startup_conversations(ctx: FigureContext) -> FigureResult:
    """Conversations due in the period (not cancelled) by team: held by the due date, held late, not held."""
    from naerhed.quality.models import ConversationStatus, StartupConversation

    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    conversations = StartupConversation.objects.filter(
        team_id__in=ctx.scope.team_ids, due_date__gte=ctx.period.start, due_date__lt=ctx.period.end
    ).exclude(status=ConversationStatus.CANCELLED)
    for conversation in conversations:
        on_time = conversation.held_on_time
        counts[conversation.team_id][0] += 1
        counts[conversation.team_id][1] += on_time is True
        counts[conversation.team_id][2] += on_time is False

    def row(label: str, due: int, on_time: int, late: int) -> Row:
        return Row(label, (float(due), float(on_time), float(late), share(on_time, due)))

    rows = tuple(row(name, *counts.get(pk, [0, 0, 0])) for pk, name in ctx.team_names.items())
    total = row(_("Total"), *(sum(c[i] for c in counts.values()) for i in range(3)))
    return FigureResult(
        label_title=_("Team"),
        columns=(
            Column(_("Due in the period"), Unit.COUNT),
            Column(_("Held within 1–7 days"), Unit.COUNT),
            Column(_("Held late"), Unit.COUNT),
            Column(_("Held in time"), Unit.PERCENT),
        ),
        rows=rows,
        total=total,
        headlines=(Headline(_("Held within 1–7 days"), total.values[3], Unit.PERCENT),),
        chart=Chart(series=(3,)),
    )


def conversation_scores(ctx: FigureContext) -> FigureResult:
    """The four questions' average at the start and at follow-up, over conversations of the scope whose
    follow-up answers were given in the period (so the same citizens are compared)."""
    from naerhed.quality.models import SCORE_FIELDS, ConversationScore, ScorePhase

    follow_ups = ConversationScore.objects.filter(
        conversation__team_id__in=ctx.scope.team_ids,
        phase=ScorePhase.FOLLOW_UP,
        recorded_on__gte=ctx.period.start,
        recorded_on__lt=ctx.period.end,
    )
    ids = list(follow_ups.values_list("conversation_id", flat=True))
    starts = {
        s.conversation_id: s
        for s in ConversationScore.objects.filter(conversation_id__in=ids, phase=ScorePhase.START)
    }
    pairs = [(starts[f.conversation_id], f) for f in follow_ups if f.conversation_id in starts]
    names = {
        "seen_heard": _("seen, heard and understood"),
        "coherent": _("a coherent, coordinated course"),
        "own_abilities": _("the help uses what I can do myself"),
        "overall": _("overall experience"),
    }

    def row(field: str) -> Row:
        if not pairs:
            return Row(names[field], (None, None, None, HEDENSTED_AFTER[field]))
        before = sum(getattr(s, field) for s, _f in pairs) / len(pairs)
        after = sum(getattr(f, field) for _s, f in pairs) / len(pairs)
        return Row(
            names[field],
            (round(before, 2), round(after, 2), round(after - before, 2), HEDENSTED_AFTER[field]),
        )

    return FigureResult(
        label_title=_("Question (1–10)"),
        columns=(
            Column(_("At the start"), Unit.NUMBER),
            Column(_("At follow-up"), Unit.NUMBER),
            Column(_("Change in score"), Unit.NUMBER),
            Column(_("Hedensted after"), Unit.NUMBER),
        ),
        rows=tuple(row(field) for field in SCORE_FIELDS),
        headlines=(Headline(_("Citizens answering both times"), float(len(pairs)), Unit.COUNT),),
        chart=Chart(series=(0, 1)) if pairs else None,
    )


def citizens_with_rehab_goals(ctx: FigureContext) -> FigureResult:
    """Citizens with help in the period (a grant active in it) who had a rehab goal open in it."""
    from naerhed.quality.models import GoalKind, GoalStatus, RehabGoal

    grants = cached(ctx, "grants", lambda: grants_in(ctx.scope.team_ids, ctx.period))
    helped: dict[int, set[int]] = defaultdict(set)
    for grant in grants:
        helped[grant.citizen.team_id].add(grant.citizen_id)
    goals = (
        RehabGoal.objects.filter(citizen__team_id__in=ctx.scope.team_ids, set_on__lt=ctx.period.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=ctx.period.start))
        .exclude(status=GoalStatus.CANCELLED)
        .values_list("citizen_id", "kind")
    )
    with_goal = {citizen for citizen, _kind in goals}
    developing = {citizen for citizen, kind in goals if kind == GoalKind.DEVELOPING}

    def row(label: str, citizens: set[int]) -> Row:
        n, g, d = len(citizens), len(citizens & with_goal), len(citizens & developing)
        return Row(label, (float(n), float(g), share(g, n), share(d, n)))

    rows = tuple(row(name, helped.get(pk, set())) for pk, name in ctx.team_names.items())
    total = row(_("Total"), set().union(*helped.values()) if helped else set())
    return FigureResult(
        label_title=_("Team"),
        columns=(
            Column(_("Citizens with help"), Unit.COUNT),
            Column(_("With a rehab goal"), Unit.COUNT),
            Column(_("Share with a rehab goal"), Unit.PERCENT),
            Column(_("Share with a developing goal"), Unit.PERCENT),
        ),
        rows=rows,
        total=total,
        headlines=(
            Headline(_("With a rehab goal"), total.values[2], Unit.PERCENT, target=_("Aabenraa 78 %")),
            Headline(_("With a developing goal"), total.values[3], Unit.PERCENT, target=_("Aabenraa 58 %")),
        ),
        chart=Chart(series=(2, 3)),
    )
