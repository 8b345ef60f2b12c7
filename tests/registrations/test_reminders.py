"""Reminders N local days before a date, by the daily job, once per confirmed registration - also for a
date just after midnight and across the changes of daylight saving time."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from familie_portal.tasks import SCHEDULED_JOBS, send_registration_reminders
from registrations.models import RegistrationSettings
from tests.events.factories import local

from .conftest import make_event, own_dates, own_registrations

pytestmark = pytest.mark.django_db


def _registered(event, email, status="confirmed"):
    row, _ = own_dates().get_or_create(event=event, start=event.start)
    return own_registrations().create(event_date=row, name="Nina", email=email, status=status)


def _reminders(to=None):
    return [m for m in mail.outbox if m.subject.startswith("Erinnerung") and (to is None or m.to == [to])]


def _event(start, days):
    with time_machine.travel(start - timedelta(days=30), tick=False):
        event = make_event(start=start, end=start + timedelta(hours=2), places=10)
    RegistrationSettings.objects.filter(event=event).update(reminder_days=days)
    return event


@pytest.fixture
def run_at(django_capture_on_commit_callbacks):
    """The daily job at a moment; the mails it queues on commit are delivered."""

    def run(moment) -> int:
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            return send_registration_reminders.call()

    return run


def test_the_reminder_goes_out_once_n_days_before_to_the_confirmed_only(run_at):
    event = _event(local(2027, 6, 10, 10), days=3)
    anna = _registered(event, "anna@example.org")
    _registered(event, "bert@example.org", status="waiting")
    _registered(event, "carla@example.org", status="pending")
    assert run_at(local(2027, 6, 6, 23, 59)) == 0, "four days before: not yet"
    assert run_at(local(2027, 6, 7, 3)) == 1
    [message] = _reminders()
    assert message.to == ["anna@example.org"] and "/anmeldung/verwalten/" in message.body
    assert message.attachments[0][0] == "termin.ics"
    anna.refresh_from_db()
    assert anna.reminded_at == local(2027, 6, 7, 3)
    assert run_at(local(2027, 6, 8, 3)) == 0 and run_at(local(2027, 6, 9, 3)) == 0, "never twice"
    assert len(_reminders()) == 1


def test_a_missed_day_still_reminds_before_the_date_but_never_after_it_began(run_at):
    event = _event(local(2027, 6, 10, 10), days=3)
    _registered(event, "anna@example.org")
    late = _event(local(2027, 6, 9, 10), days=2)
    _registered(late, "bert@example.org")
    assert run_at(local(2027, 6, 9, 10, 1)) == 1, "the job did not run for days: the 9th has begun"
    assert [m.to for m in _reminders()] == [["anna@example.org"]]


def test_no_reminder_when_switched_off(run_at):
    for days in (None, 0):
        event = _event(local(2027, 6, 10, 10) + timedelta(hours=days or 1), days=days)
        _registered(event, f"x{days}@example.org")
    assert run_at(local(2027, 6, 10, 9)) == 0 and not _reminders()


def test_a_date_just_after_midnight_counts_its_local_day(run_at):
    # 00:15 on 29 March 2027 in Berlin (summer time since the 28th) is 22:15 UTC on the 28th.
    event = _event(local(2027, 3, 29, 0, 15), days=1)
    _registered(event, "anna@example.org")
    assert run_at(local(2027, 3, 27, 23, 59)) == 0, "two local days before (one by the UTC date)"
    assert run_at(local(2027, 3, 28, 0, 1)) == 1


@pytest.mark.parametrize("start", [local(2027, 3, 29, 10), local(2027, 10, 31, 10), local(2027, 11, 1, 0, 30)],
                         ids=["after-spring-forward", "on-fall-back", "after-fall-back-midnight"])
def test_daylight_saving_changes_move_no_reminder_by_a_day(run_at, start):
    event = _event(start, days=2)
    _registered(event, "anna@example.org")
    day_before_due = start.date() - timedelta(days=3)
    assert run_at(local(day_before_due.year, day_before_due.month, day_before_due.day, 23, 59)) == 0
    due = start.date() - timedelta(days=2)
    assert run_at(local(due.year, due.month, due.day, 0, 1)) == 1


def test_the_reminders_are_a_daily_job():
    assert send_registration_reminders in SCHEDULED_JOBS["daily"]
