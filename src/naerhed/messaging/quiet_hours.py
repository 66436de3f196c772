# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Quiet hours: a non-urgent message due in them waits until they end."""

from __future__ import annotations

import datetime as dt

from naerhed.lib.dates import COPENHAGEN, aware


def in_quiet_hours(moment: dt.datetime, *, start: dt.time, end: dt.time) -> bool:
    """Whether ``moment`` (Copenhagen wall clock) falls in ``[start, end)``; the span may cross midnight."""
    clock = moment.astimezone(COPENHAGEN).time()
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def after_quiet_hours(moment: dt.datetime, *, start: dt.time, end: dt.time) -> dt.datetime:
    """``moment`` itself, or the end of the quiet hours it falls in."""
    if not in_quiet_hours(moment, start=start, end=end):
        return moment
    local = moment.astimezone(COPENHAGEN)
    day = local.date() if local.time() < end else local.date() + dt.timedelta(days=1)
    return aware(day, end)
