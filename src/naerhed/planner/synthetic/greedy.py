# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""How many carers a bucket of visits needs at the least: a greedy proof of feasibility.

The visits of one team, day and part of the day are handed, most urgent first, to
whichever carer can start them earliest (both of the two earliest for a two-carer
visit). The smallest number of carers (and of SSA or nurses among them) for which
every visit starts in its window is the number the roster must at least provide, so
a generated instance can always be planned in essence; utilisation then adds slack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Minutes = Callable[[int, int], float]


@dataclass(frozen=True)
class Job:
    """A visit as the greedy sees it: window in minutes of the day, place as a location index."""

    earliest: int
    latest: int
    duration: int
    place: int
    carers: int
    remote: bool
    skilled: bool


@dataclass
class _Carer:
    ready: float
    place: int
    skilled: bool
    fresh: bool = True


def needed(jobs: list[Job], start: int, office: int, travel: Minutes) -> tuple[int, int]:
    """(carers, of whom skilled) the greedy needs so that every job starts in its window.

    Carers leave ``office`` at minute ``start`` of the day.
    """
    if not jobs:
        return 0, 0
    ordered = sorted(jobs, key=lambda j: (j.latest, j.earliest))
    skilled_jobs = [j for j in ordered if j.skilled]
    most = sum(j.carers for j in jobs)  # one carer per visit copy always fits
    k = 0
    while skilled_jobs and k < most and not _fits(skilled_jobs, k, k, start, office, travel):
        k += 1
    n = max(k, max(j.carers for j in jobs))
    while n < most and not _fits(ordered, n, k, start, office, travel):
        n += 1
    return n, k


def _fits(jobs: list[Job], n: int, k: int, start: int, office: int, travel: Minutes) -> bool:
    if n < max(j.carers for j in jobs):
        return False
    team = [_Carer(start, office, i < k) for i in range(n)]
    for job in jobs:
        # Earliest start wins, but SSA and nurses are kept for delegated work while others can go.
        ranked = sorted(
            (_start(c, job, travel) > job.latest, c.skilled and not job.skilled, _start(c, job, travel), i)
            for i, c in enumerate(team)
            if c.skilled or not job.skilled
        )
        options = [(s, i) for _, _, s, i in ranked[: job.carers]]
        if len(options) < job.carers:
            return False
        begin = max(s for s, _ in options)
        if begin > job.latest:
            return False
        for _, i in options:
            team[i].ready, team[i].fresh = begin + job.duration, False
            if not job.remote:
                team[i].place = job.place
    return True


def _start(c: _Carer, job: Job, travel: Minutes) -> float:
    if c.fresh:  # a carer's first visit: they set out in time for it
        return max(c.ready, job.earliest)
    arrival = c.ready + (0 if job.remote else travel(c.place, job.place))
    return max(arrival, job.earliest)
