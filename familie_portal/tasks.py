"""
Background tasks: Django's tasks API (the django-tasks backport), stored in PostgreSQL by the database
backend and run by `manage.py db_worker` (deploy/systemd/familie-portal-worker.service; `make run`
starts one too).

- Mail: `send_mail_later()` queues a mail when the surrounding transaction commits; `send_mail_task`
  sends it through the configured backend (EMAIL_URL) and, when the SMTP server fails, tries again
  with a growing delay (settings.PORTAL_MAIL_RETRY_DELAYS), logging every failure and the final give-up. A visitor's
  request therefore never waits for, or fails with, the mail server.
- Scheduled jobs: `SCHEDULED_JOBS` names the tasks a timer enqueues (`manage.py enqueue_jobs daily`,
  deploy/systemd/familie-portal-jobs.timer). Today: the search index rebuild, the deletion of
  registrations' personal data after the retention period and of pending profile photo uploads older
  than a day, the reminders before registered dates, the deletion of feedback messages' personal data
  after their retention period, drafts approved for a moment that has passed, and page versions
  published for such a moment.

Log lines name the task and the attempt, never addresses or message text (no personal data).
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

logger = logging.getLogger(__name__)
# What a temporary problem of the mail server looks like (refused, timed out, 4xx answers).
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def _message(subject, message, recipient_list, from_email, html_message, attachments) -> EmailMultiAlternatives:
    mail = EmailMultiAlternatives(subject, message, from_email, recipient_list)
    if html_message:
        mail.attach_alternative(html_message, "text/html")
    for filename, content, mimetype in attachments or []:
        mail.attach(filename, content, mimetype)
    return mail


@task()
def send_mail_task(subject: str, message: str, recipient_list: list[str], from_email: str | None = None,
                   html_message: str | None = None, attempt: int = 1,
                   attachments: list[tuple[str, str, str]] | None = None) -> int:
    """`attachments`: (file name, text, MIME type) triples, e.g. a registration's .ics file."""
    try:
        return _message(subject, message, recipient_list, from_email, html_message, attachments).send()
    except MAIL_ERRORS as error:
        delays = settings.PORTAL_MAIL_RETRY_DELAYS
        if attempt > len(delays):
            logger.error("Mail given up after %d attempts: %s", attempt, type(error).__name__,
                         extra={"task": "send_mail_task", "attempt": attempt})
            raise
        delay = delays[attempt - 1]
        logger.warning("Mail failed (attempt %d, %s), next try in %d s", attempt, type(error).__name__, delay,
                       extra={"task": "send_mail_task", "attempt": attempt})
        retry = send_mail_task
        if task_backends[send_mail_task.backend].supports_defer:
            retry = send_mail_task.using(run_after=timezone.now() + timedelta(seconds=delay))
        retry.enqueue(subject, message, recipient_list, from_email, html_message, attempt + 1,
                      attachments=attachments)
        return 0


def send_mail_later(subject: str, message: str, recipient_list: list[str], from_email: str | None = None,
                    html_message: str | None = None, attachments: list[tuple[str, str, str]] | None = None) -> None:
    """Queue a mail for the worker, once the current transaction (if any) has committed."""
    attachments = [list(a) for a in attachments or []]
    transaction.on_commit(
        lambda: send_mail_task.enqueue(subject, message, list(recipient_list), from_email, html_message,
                                       attachments=attachments or None)
    )


@task()
def purge_registrations() -> int:
    """Personal data of registrations past the retention period, and expired sign-ups (registrations app)."""
    from registrations.services import registrations_purge

    count = registrations_purge()
    logger.info("Registrations purged: %d", count, extra={"task": "purge_registrations"})
    return count


@task()
def purge_feedback() -> int:
    """Personal data of feedback messages past PORTAL_FEEDBACK_RETENTION_DAYS (feedback app)."""
    from feedback.services import feedback_purge

    count = feedback_purge()
    logger.info("Feedback purged: %d", count, extra={"task": "purge_feedback"})
    return count


@task()
def send_registration_reminders() -> int:
    """The day's reminders before registered dates (registrations app, RegistrationSettings.reminder_days)."""
    from registrations.services import registrations_remind

    count = registrations_remind()
    logger.info("Registration reminders sent: %d", count, extra={"task": "send_registration_reminders"})
    return count


@task()
def rebuild_search_index() -> int:
    """The whole search index anew (as `manage.py rebuild_search_index`), e.g. nightly."""
    from familie_portal.search import index

    count = index.rebuild()
    logger.info("Search index rebuilt: %d documents", count, extra={"task": "rebuild_search_index"})
    return count


@task()
def delete_pending_uploads() -> int:
    """Profile photos kept across a failed form whose form was never saved again, after a day."""
    from managers.services import delete_stale_pending_uploads

    count = delete_stale_pending_uploads()
    logger.info("Pending uploads deleted: %d", count, extra={"task": "delete_pending_uploads"})
    return count


@task()
def merge_approved_drafts() -> int:
    """Drafts approved for a moment that has passed (familie_portal.drafts; requests merge them too)."""
    from familie_portal.drafts import merge_due

    count = merge_due()
    logger.info("Approved drafts merged: %d", count, extra={"task": "merge_approved_drafts"})
    return count


@task()
def publish_scheduled_pages() -> int:
    """Page versions published for a moment that has passed (familie_portal.page_schedule; requests do it too)."""
    from familie_portal.page_schedule import publish_due

    count = publish_due()
    logger.info("Scheduled page versions published: %d", count, extra={"task": "publish_scheduled_pages"})
    return count


# The periodic jobs, by schedule name (`manage.py enqueue_jobs <name>`, run by a systemd timer).
SCHEDULED_JOBS = {
    "daily": [merge_approved_drafts, publish_scheduled_pages, rebuild_search_index, purge_registrations,
              delete_pending_uploads, send_registration_reminders, purge_feedback],
}
