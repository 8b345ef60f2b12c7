"""Personal data is deleted N days after the date (setting), by command and by the daily job; counts stay."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from familie_portal.tasks import SCHEDULED_JOBS, purge_registrations

from .conftest import make_event, own_dates, own_registrations

pytestmark = pytest.mark.django_db


def _registered(event, email, status="confirmed", created=None):
    date_row, _ = own_dates().get_or_create(event=event, start=event.start)
    own_dates().filter(pk=date_row.pk).update(confirmed=date_row.confirmed + (status == "confirmed"))
    return own_registrations().create(event_date=date_row, name="N", email=email, status=status,
                                       created=created or timezone.now())


def test_retention_deletes_personal_data_and_keeps_the_counts(settings):
    settings.PORTAL_REGISTRATION_RETENTION_DAYS = 30
    event = make_event(start=timezone.now() + timedelta(days=1))
    _registered(event, "a@example.org")
    _registered(event, "b@example.org")
    fresh = _registered(make_event(start=timezone.now() + timedelta(days=3)), "c@example.org")
    with time_machine.travel(event.start + timedelta(days=29)):
        call_command("purge_registrations", stdout=io.StringIO())
    assert own_registrations().count() == 3
    with time_machine.travel(event.start + timedelta(days=31)):
        out = io.StringIO()
        call_command("purge_registrations", stdout=out)
    assert "2 Anmeldungen gelöscht" in out.getvalue()
    assert list(own_registrations().all()) == [fresh]
    assert own_dates().get(event=event).confirmed == 2, "the counts stay"


def test_unconfirmed_sign_ups_expire(settings):
    event = make_event()
    _registered(event, "old@example.org", status="pending", created=timezone.now() - timedelta(hours=49))
    kept = _registered(event, "new@example.org", status="pending")
    assert purge_registrations.call() == 1
    assert list(own_registrations().all()) == [kept]


def test_the_daily_job_purges():
    assert purge_registrations in SCHEDULED_JOBS["daily"]
