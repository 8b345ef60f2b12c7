"""The daily job deletes a message's personal data PORTAL_FEEDBACK_RETENTION_DAYS after its answer (or,
unanswered, after its arrival); topic, status, page and dates stay for the statistics."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from familie_portal import tasks
from feedback.models import Feedback

pytestmark = pytest.mark.django_db
START = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)  # UTC: "180 days" are 180 × 24 hours across DST


@pytest.fixture
def messages(settings):
    settings.PORTAL_FEEDBACK_RETENTION_DAYS = 180
    with time_machine.travel(START, tick=False):
        unanswered = Feedback.objects.create(topic="barriere", message="Text A", name="A", email="a@example.org",
                                             page="/a/")
        answered = Feedback.objects.create(topic="sonstiges", message="Text B", name="B", email="b@example.org",
                                           status="beantwortet", answer="Antwort B",
                                           answered_at=START + timedelta(days=30))
    return unanswered, answered


def _run_job_at(moment):
    with time_machine.travel(moment, tick=False):
        return tasks.purge_feedback.call()


def _personal(row):
    row.refresh_from_db()
    return (row.name, row.email, row.message, row.answer)


def test_nothing_is_deleted_before_the_day(messages):
    unanswered, answered = messages
    assert _run_job_at(START + timedelta(days=180) - timedelta(seconds=1)) == 0
    assert _personal(unanswered) == ("A", "a@example.org", "Text A", "")


def test_an_unanswered_message_after_180_days_from_arrival(messages):
    unanswered, answered = messages
    assert _run_job_at(START + timedelta(days=180, seconds=1)) == 1
    assert _personal(unanswered) == ("", "", "", "")
    assert (unanswered.topic, unanswered.status, unanswered.page) == ("barriere", "neu", "/a/")
    assert unanswered.purged_at == START + timedelta(days=180, seconds=1)
    assert _personal(answered) == ("B", "b@example.org", "Text B", "Antwort B")  # counted from its answer


def test_an_answered_message_after_180_days_from_the_answer_and_only_once(messages):
    unanswered, answered = messages
    answered_at = answered.answered_at
    assert _run_job_at(answered_at + timedelta(days=180) - timedelta(seconds=1)) == 1  # the unanswered one
    assert _personal(answered)[0] == "B"
    assert _run_job_at(answered_at + timedelta(days=180, seconds=1)) == 1
    assert _personal(answered) == ("", "", "", "")
    answered.refresh_from_db()
    assert answered.status == "beantwortet" and answered.answered_at == answered_at
    assert _run_job_at(answered_at + timedelta(days=400)) == 0


def test_the_job_is_in_the_daily_schedule():
    assert tasks.purge_feedback in tasks.SCHEDULED_JOBS["daily"]
