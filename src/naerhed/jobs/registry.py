# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The jobs there are: each app's ``tasks.py`` registers its jobs by name with :func:`job`.

A name, not an import path, travels through the broker, so a message can only
ever start a job some app registered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import connections
from django.utils.module_loading import autodiscover_modules

JobArg = int | str
Job = Callable[..., None]
J = TypeVar("J", bound=Job)

_JOBS: dict[str, Job] = {}
_QUICK: set[str] = set()


def job(name: str, *, quick: bool = False) -> Callable[[J], J]:
    """Register the decorated function as the job ``name``.

    ``quick`` jobs take seconds at most (sending a message, say); in-process they get a lane of
    their own, so that a solve taking minutes never holds up a login code.
    """

    def register(function: J) -> J:
        if _JOBS.get(name, function) is not function:
            raise ValueError(f"job {name!r} is registered twice")
        _JOBS[name] = function
        if quick:
            _QUICK.add(name)
        return function

    return register


def is_quick(name: str) -> bool:
    """Whether the job ``name`` was registered as quick (it must be registered)."""
    find_job(name)
    return name in _QUICK


def find_job(name: str) -> Job:
    """The job registered as ``name``, importing every installed app's ``tasks`` module first."""
    if name not in _JOBS:
        autodiscover_modules("tasks")
    try:
        return _JOBS[name]
    except KeyError:
        raise LookupError(f"no job is registered as {name!r}") from None


def run_job(name: str, args: tuple[JobArg, ...]) -> None:
    """Run one job; its database connections are closed afterwards, as a worker thread outlives it."""
    try:
        find_job(name)(*args)
    finally:
        connections.close_all()
