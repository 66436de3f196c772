# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Figures from the grants: delegated nursing created with an end date, and screen-visit citizens."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from naerhed.grants.models import LawParagraph
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

#: Aabenraa's goals (2024 institution agreement).
DELEGATED_WITH_END_GOAL = 70.0
SCREEN_CITIZENS_PER_DISTRICT_GOAL = 15


def delegated_with_end_date(ctx: FigureContext) -> FigureResult:
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    grants = cached(ctx, "grants", lambda: grants_in(ctx.scope.team_ids, ctx.period))
    for grant in grants:
        if grant.service.paragraph == LawParagraph.SUL_138:
            counts[grant.citizen.team_id][0] += 1
            counts[grant.citizen.team_id][1] += grant.ends_on is not None

    def row(label: str, n: int, ended: int) -> Row:
        return Row(label, (float(n), float(ended), share(ended, n)))

    rows = tuple(row(name, *counts.get(pk, [0, 0])) for pk, name in ctx.team_names.items())
    total = row(_("Total"), sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values()))
    return FigureResult(
        label_title=_("Team"),
        columns=(
            Column(_("Delegated nursing grants"), Unit.COUNT),
            Column(_("With an end date"), Unit.COUNT),
            Column(_("Share with an end date"), Unit.PERCENT),
        ),
        rows=rows,
        total=total,
        headlines=(Headline(_("With an end date"), total.values[2], Unit.PERCENT, target=_("goal 70 %")),),
        chart=Chart(series=(2,), reference=DELEGATED_WITH_END_GOAL, reference_label=_("Goal")),
    )


def screen_visit_citizens(ctx: FigureContext) -> FigureResult:
    grants = cached(ctx, "grants", lambda: grants_in(ctx.scope.team_ids, ctx.period))
    districts = {t.district_id: t.district.name for t in ctx.scope.teams}
    citizens: dict[int, set[int]] = defaultdict(set)
    team_district = {t.pk: t.district_id for t in ctx.scope.teams}
    for grant in grants:
        if grant.remote or grant.service.remote:
            citizens[team_district[grant.citizen.team_id]].add(grant.citizen_id)
    rows = tuple(
        Row(name, (float(len(citizens.get(pk, set()))),))
        for pk, name in sorted(districts.items(), key=lambda d: d[1])
    )
    total = Row(_("Total"), (float(sum(len(c) for c in citizens.values())),))
    return FigureResult(
        label_title=_("District"),
        columns=(Column(_("Citizens with screen visits"), Unit.COUNT),),
        rows=rows,
        total=total,
        headlines=(
            Headline(
                _("Citizens with screen visits"),
                total.values[0],
                Unit.COUNT,
                target=_("goal 15 per district"),
            ),
        ),
        chart=Chart(series=(0,), reference=SCREEN_CITIZENS_PER_DISTRICT_GOAL, reference_label=_("Goal")),
    )
