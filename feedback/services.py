"""
Rules of a feedback message: storing it once per form (its one-time key), the mails (to the IQZ at
PORTAL_FEEDBACK_EMAIL, a receipt to the sender only when they gave an address), the status with its
"answered on", the answer mailed from the admin, and the deletion of personal data after the retention period.
"""

import logging
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from familie_portal.tasks import send_mail_later
from feedback.models import Feedback

logger = logging.getLogger(__name__)
Status = Feedback.Status
PERSONAL_FIELDS = {"name": "", "email": "", "message": "", "answer": ""}


class AnswerNotSendable(Exception):
    """The answer cannot be mailed (no address, no text, or the personal data is already deleted)."""


def _render_mail(name: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        context = {**context, "site_name": settings.PORTAL_SITE_NAME}
        subject = " ".join(render_to_string(f"feedback/mail/{name}_subject.txt", context).split())
        body = render_to_string(f"feedback/mail/{name}.txt", context)
    return subject, body


def _notify_iqz(feedback: Feedback, base_url: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        admin_url = base_url + reverse("admin:feedback_feedback_change", args=[feedback.pk])
    page_url = base_url + feedback.page if feedback.page else ""
    subject, body = _render_mail("iqz", {"feedback": feedback, "admin_url": admin_url, "page_url": page_url},
                                 settings.LANGUAGE_CODE)
    send_mail_later(subject, body, [settings.PORTAL_FEEDBACK_EMAIL])


def _send_receipt(feedback: Feedback) -> None:
    # Only the topic, never the message: the form must not become a way to mail any text to any address.
    subject, body = _render_mail("received", {"feedback": feedback,
                                              "retention_days": settings.PORTAL_FEEDBACK_RETENTION_DAYS},
                                 feedback.language)
    send_mail_later(subject, body, [feedback.email])


@transaction.atomic
def feedback_create(*, key: uuid.UUID, data: dict, language: str, base_url: str) -> tuple[Feedback, bool]:
    """Store the message sent with the form whose one-time key is `key`; the same key again stores and mails
    nothing (a double click, the browser's "resend"). Returns the message and whether it is new."""
    feedback, created = Feedback.objects.get_or_create(uuid=key, defaults={
        "topic": data["topic"], "message": data["message"], "name": data.get("name", ""),
        "email": data.get("email", ""), "page": data.get("page", ""), "language": language,
    })
    if created:
        _notify_iqz(feedback, base_url)
        if feedback.email:
            _send_receipt(feedback)
        logger.info("Feedback received: %s (%s)", feedback.pk, feedback.topic)
    return feedback, created


def feedback_set_status(*, feedback: Feedback, now: datetime | None = None) -> Feedback:
    """Before saving an edited message: "answered on" is set the moment the status becomes "beantwortet"
    and cleared when it goes back (the message is being worked on again)."""
    if feedback.status == Status.ANSWERED:
        feedback.answered_at = feedback.answered_at or now or timezone.now()
    else:
        feedback.answered_at = None
    return feedback


@transaction.atomic
def feedback_send_answer(*, feedback: Feedback, now: datetime | None = None) -> Feedback:
    """Mail the answer written in the admin to the sender, in their language; the message is then answered."""
    if not feedback.email or not feedback.answer.strip() or feedback.purged_at:
        raise AnswerNotSendable
    now = now or timezone.now()
    subject, body = _render_mail("answer", {"feedback": feedback}, feedback.language)
    send_mail_later(subject, body, [feedback.email])
    feedback.status = Status.ANSWERED
    feedback_set_status(feedback=feedback, now=now)
    feedback.answer_sent_at = now
    feedback.save(update_fields=["status", "answered_at", "answer_sent_at"])
    return feedback


def feedback_purge(*, now: datetime | None = None) -> int:
    """Delete the personal data of every message answered, or (not answered) received, more than
    PORTAL_FEEDBACK_RETENTION_DAYS ago; topic, status, page and dates stay for the statistics."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.PORTAL_FEEDBACK_RETENTION_DAYS)
    due = Feedback.objects.with_personal_data().filter(
        Q(answered_at__lt=limit) | Q(answered_at__isnull=True, created__lt=limit))
    return due.update(**PERSONAL_FIELDS, purged_at=now)
