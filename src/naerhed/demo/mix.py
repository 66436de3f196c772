# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Turning real proportions into whole numbers that add up."""

from __future__ import annotations

from collections.abc import Sequence


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` by largest remainders; the parts sum to ``total``."""
    whole = sum(weights)
    if total < 0 or whole <= 0:
        raise ValueError("apportion needs a non-negative total and a positive sum of weights")
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def scaled(count: int, citizens: int, base: int) -> int:
    """How many of ``citizens`` hold something ``count`` of ``base`` citizens hold, at least one."""
    return max(1, round(count * citizens / base))
