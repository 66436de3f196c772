# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every message rule against a frozen clock (see conftest: Inger lives alone; visits on Tuesday)."""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from freezegun import freeze_time

from naerhed.citizens.models import Relative
from naerhed.messaging.models import (
    CitizenMessagePreference,
    Message,
    MessageStatus,
    MunicipalityMessageSettings,
    Participation,
    Recipients,
)
from naerhed.messaging.rules import apply_rules
from naerhed.visits.models import Visit, VisitStatus
from tests.messaging.conftest import MONDAY, TUESDAY, Inger, at, bodies

TOMORROW_8 = "Hej Inger. I morgen, tirsdag den 24. november kl. 8.00, kommer Birthe fra hjemmeplejen."


def test_the_24_hour_reminder_names_the_day_the_time_and_the_carer(inger: Inger) -> None:
    inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 7, 59)):
        assert apply_rules() == 0
    with freeze_time(at(MONDAY, 8, 0)):
        assert apply_rules() == 1

    message = Message.objects.get()
    assert message.body == TOMORROW_8
    assert (message.kind, message.to, message.status) == ("reminder_24h", "+4520304050", MessageStatus.QUEUED)
    assert message.send_after == at(MONDAY, 8, 0)
    assert message.expires_at == at(TUESDAY, 8, 0)


def test_running_the_rules_twice_writes_one_message(inger: Inger) -> None:
    inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 8, 0)):
        apply_rules()
    with freeze_time(at(MONDAY, 8, 1)):
        assert apply_rules() == 0
    assert Message.objects.count() == 1


def test_a_new_version_of_the_visit_gets_a_new_reminder_and_the_waiting_one_is_cancelled(
    inger: Inger,
) -> None:
    visit = inger.visit(TUESDAY, 22)
    with freeze_time(at(MONDAY, 22, 0)):  # in quiet hours: waits until 07:00
        apply_rules()
    Visit.objects.filter(pk=visit.pk).update(planned_start=at(TUESDAY, 21, 30), version=F("version") + 1)
    with freeze_time(at(MONDAY, 22, 5)):
        assert apply_rules() == 1

    old, new = Message.objects.order_by("id")
    assert old.status == MessageStatus.CANCELLED
    assert (new.status, new.visit_version) == (MessageStatus.QUEUED, 2)
    assert new.body == "Hej Inger. I dag kl. 21.30 kommer Birthe fra hjemmeplejen."


def test_quiet_hours_postpone_a_reminder_and_it_is_worded_for_the_day_it_arrives(inger: Inger) -> None:
    inger.visit(TUESDAY, 22)
    with freeze_time(at(MONDAY, 22, 0)):
        apply_rules()
    message = Message.objects.get()
    assert message.send_after == at(TUESDAY, 7, 0)
    assert message.body == "Hej Inger. I dag kl. 22.00 kommer Birthe fra hjemmeplejen."


def test_the_30_minute_reminder(inger: Inger) -> None:
    inger.visit(TUESDAY, 8)
    with freeze_time(at(TUESDAY, 7, 30)):
        apply_rules()
    assert bodies(kind="reminder_30m") == ["Hej Inger. Om lidt, kl. 8.00, kommer Birthe fra hjemmeplejen."]


def test_a_reminder_that_quiet_hours_would_push_past_the_visit_is_not_made(inger: Inger) -> None:
    inger.visit(TUESDAY, 6, 50)
    with freeze_time(at(TUESDAY, 6, 20)):
        apply_rules()
    assert not Message.objects.filter(kind="reminder_30m").exists()


def test_a_reminder_postponed_by_quiet_hours_still_arrives_before_the_visit(inger: Inger) -> None:
    inger.visit(TUESDAY, 7, 15)
    with freeze_time(at(TUESDAY, 6, 45)):
        apply_rules()
    assert Message.objects.get(kind="reminder_30m").send_after == at(TUESDAY, 7, 0)


def test_a_citizen_who_neither_lives_alone_nor_opted_in_gets_nothing(inger: Inger) -> None:
    inger.citizen.lives_alone = False
    inger.citizen.save(update_fields=["lives_alone"])
    inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 8, 0)):
        assert apply_rules() == 0


def test_a_citizen_who_opts_in_gets_reminders_without_a_flag(inger: Inger) -> None:
    inger.citizen.lives_alone = False
    inger.citizen.save(update_fields=["lives_alone"])
    CitizenMessagePreference.objects.create(citizen=inger.citizen, participation=Participation.OPT_IN)
    inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 8, 0)):
        assert apply_rules() == 1


def test_a_memory_impaired_citizen_who_opted_out_gets_nothing(inger: Inger) -> None:
    inger.citizen.memory_impairment = True
    inger.citizen.save(update_fields=["memory_impairment"])
    CitizenMessagePreference.objects.create(citizen=inger.citizen, participation=Participation.OPT_OUT)
    inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 8, 0)):
        assert apply_rules() == 0


def test_a_relative_with_consent_gets_the_message_instead_of_the_citizen(inger: Inger) -> None:
    daughter = Relative.objects.create(
        citizen=inger.citizen,
        name="Hanne Andersen",
        relation="datter",
        phone="+45 61 62 63 64",
        consent_to_share=True,
        consent_recorded_on=MONDAY,
    )
    Relative.objects.create(citizen=inger.citizen, name="Ole", relation="søn", phone="71727374")
    CitizenMessagePreference.objects.create(citizen=inger.citizen, recipients=Recipients.RELATIVES)
    inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 8, 0)):
        apply_rules()

    message = Message.objects.get()
    assert (message.to, message.relative) == ("+4561626364", daughter)
    assert message.body == (
        "Hej Hanne. I morgen, tirsdag den 24. november kl. 8.00, kommer Birthe fra hjemmeplejen til Inger."
    )


def test_both_the_citizen_and_a_consenting_relative_can_be_told(inger: Inger) -> None:
    Relative.objects.create(
        citizen=inger.citizen,
        name="Hanne",
        relation="datter",
        phone="61626364",
        consent_to_share=True,
        consent_recorded_on=MONDAY,
    )
    CitizenMessagePreference.objects.create(citizen=inger.citizen, recipients=Recipients.BOTH)
    inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 8, 0)):
        assert apply_rules() == 2
    assert sorted(Message.objects.values_list("to", flat=True)) == ["+4520304050", "+4561626364"]


def test_a_rule_the_municipality_turned_off_sends_nothing(inger: Inger) -> None:
    municipality = inger.citizen.team.district.municipality
    MunicipalityMessageSettings.objects.create(municipality=municipality, reminder_24h=False)
    inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 8, 0)):
        assert apply_rules() == 0


def test_a_carer_not_met_in_four_weeks_is_announced(inger: Inger) -> None:
    inger.visit(MONDAY - dt.timedelta(weeks=2), 8, carer=inger.birthe)
    inger.visit(MONDAY - dt.timedelta(weeks=5), 8, carer=inger.ali)
    inger.visit(TUESDAY, 8, carer=inger.ali)
    with freeze_time(at(MONDAY, 8, 0)):
        apply_rules()
    assert bodies(kind="new_carer") == [
        "Hej Inger. I morgen, tirsdag den 24. november kl. 8.00, kommer Ali fra hjemmeplejen. "
        "Ali har ikke været hos dig før. Ali har altid et ID-kort fra kommunen med."
    ]


def test_a_carer_met_last_week_is_not_announced(inger: Inger) -> None:
    inger.visit(MONDAY - dt.timedelta(weeks=1), 8, carer=inger.birthe)
    inger.visit(TUESDAY, 8, carer=inger.birthe)
    with freeze_time(at(MONDAY, 8, 0)):
        apply_rules()
    assert not Message.objects.filter(kind="new_carer").exists()


def test_a_cancelled_visit_is_announced_and_its_waiting_reminder_cancelled(inger: Inger) -> None:
    from naerhed.visits.events import record_change
    from naerhed.visits.models import ChangeKind

    visit = inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 8, 0)):
        apply_rules()
    with freeze_time(at(MONDAY, 12, 0)):
        Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.CANCELLED, version=F("version") + 1)
        record_change(visit=visit, kind=ChangeKind.CANCELLED, details={}, by=None)
        apply_rules()

    assert Message.objects.get(kind="reminder_24h").status == MessageStatus.CANCELLED
    assert bodies(kind="cancelled") == [
        "Hej Inger. Besøget fra hjemmeplejen i morgen, tirsdag den 24. november kl. 8.00 er aflyst. "
        "Har du spørgsmål, så ring til hjemmeplejen."
    ]


def test_a_new_time_is_announced_with_the_old_one(inger: Inger) -> None:
    from naerhed.visits.events import record_change
    from naerhed.visits.models import ChangeKind

    visit = inger.visit(TUESDAY, 9, 30)
    details = {"old_start": at(TUESDAY, 8).isoformat(), "new_start": at(TUESDAY, 9, 30).isoformat()}
    with freeze_time(at(MONDAY, 12, 0)):
        record_change(visit=visit, kind=ChangeKind.TIME_CHANGED, details=details, by=None)
        apply_rules()
        apply_rules()
    assert bodies(kind="new_time") == [
        "Hej Inger. Besøget fra hjemmeplejen har fået en ny tid: "
        "i morgen, tirsdag den 24. november kl. 9.30. Den gamle tid var kl. 8.00."
    ]


def test_a_small_shift_of_time_is_not_news(inger: Inger) -> None:
    from naerhed.visits.events import record_change
    from naerhed.visits.models import ChangeKind

    visit = inger.visit(TUESDAY, 8, 5)
    details = {"old_start": at(TUESDAY, 8).isoformat(), "new_start": at(TUESDAY, 8, 5).isoformat()}
    with freeze_time(at(MONDAY, 12, 0)):
        record_change(visit=visit, kind=ChangeKind.TIME_CHANGED, details=details, by=None)
        apply_rules()
    assert not Message.objects.filter(kind="new_time").exists()


def test_a_change_late_in_the_evening_waits_for_the_morning(inger: Inger) -> None:
    from naerhed.visits.events import record_change
    from naerhed.visits.models import ChangeKind

    visit = inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 23, 0)):
        Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.CANCELLED)
        record_change(visit=visit, kind=ChangeKind.CANCELLED, details={}, by=None)
        apply_rules()
    assert Message.objects.get(kind="cancelled").send_after == at(TUESDAY, 7, 0)


def test_a_cancellation_before_an_early_visit_is_sent_at_once_even_in_quiet_hours(inger: Inger) -> None:
    from naerhed.visits.events import record_change
    from naerhed.visits.models import ChangeKind

    visit = inger.visit(TUESDAY, 6, 30)
    with freeze_time(at(MONDAY, 23, 0)):
        Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.CANCELLED)
        record_change(visit=visit, kind=ChangeKind.CANCELLED, details={}, by=None)
        apply_rules()
    assert Message.objects.get(kind="cancelled").send_after == at(MONDAY, 23, 0)


def test_a_waiting_reminder_for_a_removed_visit_is_cancelled(inger: Inger) -> None:
    visit = inger.visit(TUESDAY, 22)
    with freeze_time(at(MONDAY, 22, 0)):
        apply_rules()
    visit.delete()
    with freeze_time(at(MONDAY, 22, 5)):
        apply_rules()
    assert Message.objects.get().status == MessageStatus.CANCELLED


def test_a_cancellation_the_citizen_booked_is_left_to_the_portals_confirmation(inger: Inger) -> None:
    from naerhed.visits.events import record_change
    from naerhed.visits.models import ChangeKind

    visit = inger.visit(TUESDAY, 8)
    with freeze_time(at(MONDAY, 12, 0)):
        Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.CANCELLED)
        record_change(visit=visit, kind=ChangeKind.CANCELLED, details={"source": "booking"}, by=None)
        apply_rules()
    assert not Message.objects.filter(kind="cancelled").exists()
