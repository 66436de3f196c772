# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Demo data behind the management figures: the year's price model, check-in and check-out of the
planned visits that have already happened this week, and a year of HR records."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from naerhed.carer_day.models import VisitExecution
from naerhed.citizens.models import Citizen
from naerhed.demo.builder import MUNICIPALITY_CODE, SEED
from naerhed.management.models import HrRecord
from naerhed.management.seeds import seed_price_model
from naerhed.organisation.models import Municipality
from naerhed.visits.models import Visit, VisitStatus
from naerhed.workforce.models import StaffMember

HR_MONTHS = 12


@transaction.atomic
def simulate_figures(*, now: dt.datetime) -> str:
    """Idempotent: visits already checked in, and months already imported, are left alone."""
    municipality = Municipality.objects.filter(code=MUNICIPALITY_CODE).first()
    if municipality is None:
        return "No demo municipality; no figures simulated."
    rng = random.Random(SEED + now.toordinal())
    citizens = Citizen.objects.filter(team__district__municipality=municipality).count()
    seed_price_model(municipality=municipality, year=now.year, citizens=citizens)
    delivered = _check_in_and_out(municipality, now, rng)
    months = _hr_records(municipality, timezone.localdate(now), random.Random(SEED))
    return f"Figures: {delivered} past visits checked in and out, {months} HR records added."


def _check_in_and_out(municipality: Municipality, now: dt.datetime, rng: random.Random) -> int:
    """Every planned visit whose planned end has passed is carried out, a few minutes early or late,
    taking from 80 % to 115 % of its planned time (so delivered differs from planned)."""
    visits = (
        Visit.objects.filter(
            citizen__team__district__municipality=municipality,
            status=VisitStatus.PLANNED,
            planned_start__isnull=False,
            planned_start__lt=now,
            executions__isnull=True,
        )
        .prefetch_related("carers")
        .order_by("planned_start", "pk")
    )
    executions: list[VisitExecution] = []
    done: list[int] = []
    for visit in visits:
        assert visit.planned_start
        if visit.planned_start + dt.timedelta(minutes=visit.duration) > now or not visit.carers.all():
            continue
        start = visit.planned_start + dt.timedelta(minutes=rng.randint(-5, 10))
        minutes = visit.duration * rng.uniform(0.8, 1.15)
        for carer in visit.carers.all():
            end = start + dt.timedelta(minutes=minutes)
            executions.append(
                VisitExecution(visit=visit, staff=carer, checked_in_at=start, checked_out_at=end)
            )
        done.append(visit.pk)
    VisitExecution.objects.bulk_create(executions)
    Visit.objects.filter(pk__in=done).update(status=VisitStatus.DELIVERED)
    return len(done)


def _hr_records(municipality: Municipality, today: dt.date, rng: random.Random) -> int:
    """The last twelve months per staff member: contract hours from the contract, sick hours for about one
    month in six, and about one in twelve leaving during the year."""
    staff = StaffMember.objects.filter(team__district__municipality=municipality).order_by("pk")
    have = set(
        HrRecord.objects.filter(team__district__municipality=municipality).values_list(
            "employee_number", "month"
        )
    )
    # The current month too, as if the payroll export were run today: the week's figures show it.
    months = [_month_back(today, n) for n in range(HR_MONTHS - 1, -1, -1)]
    records: list[HrRecord] = []
    for member in staff:
        leaves = months[rng.randrange(len(months))] if rng.random() < 1 / 12 else None
        for month in months:
            if month < member.employed_since.replace(day=1) or (leaves and month > leaves):
                continue
            contract = (member.weekly_hours * Decimal("4.33")).quantize(Decimal("0.01"))
            sick = Decimal(rng.choice([8, 16, 24, 37])) if rng.random() < 1 / 6 else Decimal(0)
            left_on = leaves.replace(day=rng.randint(1, 28)) if leaves == month else None
            if (member.employee_number, month) not in have:
                records.append(
                    HrRecord(
                        employee_number=member.employee_number,
                        team=member.team,
                        month=month,
                        employed_since=member.employed_since,
                        left_on=left_on,
                        contract_hours=contract,
                        sick_hours=min(sick, contract),
                    )
                )
    HrRecord.objects.bulk_create(records)
    return len(records)


def _month_back(today: dt.date, months: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)
