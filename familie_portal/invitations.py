"""
An editor's invitation: a mail (formal, German) with a link to set their first password. The link is
Django's password reset link (PasswordResetTokenGenerator, the `password_reset_confirm` route), so it holds
as long as PASSWORD_RESET_TIMEOUT and only until a password is set. Queued for the worker when the
transaction commits (familie_portal.tasks), so onboarding many municipalities never waits on the mail server.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from familie_portal.tasks import send_mail_later
from registrations.mails import site_base_url


def set_password_url(user, base_url: str | None = None) -> str:
    """The absolute link with which `user` sets a password (once, within PASSWORD_RESET_TIMEOUT)."""
    path = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)})
    return (base_url or site_base_url()) + path


def send_invitation(user, municipality, base_url: str | None = None) -> None:
    """Invite `user` (with an e-mail address) to edit for `municipality`."""
    with translation.override("de"):
        context = {
            "user": user, "municipality": municipality, "url": set_password_url(user, base_url),
            "site_name": settings.PORTAL_SITE_NAME, "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }
        subject = " ".join(render_to_string("familie_portal/mail/invitation_subject.txt", context).split())
        body = render_to_string("familie_portal/mail/invitation.txt", context)
    send_mail_later(subject, body, [user.email])
