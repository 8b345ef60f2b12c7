"""
The feedback and contact form. The page concerned is a path on this portal, never another site's address
(it is shown to the IQZ as a link); the hidden one-time key makes the same form sent twice one message.
"""

import uuid
from urllib.parse import urlsplit

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from feedback.models import MESSAGE_MAX_LENGTH, Topic

TOKEN_SALT = "feedback.form"  # noqa: S105 (a salt, not a secret)
TOKEN_MAX_AGE = 2 * 24 * 3600  # a form left open overnight still sends
PAGE_MAX_LENGTH = 500


def new_token() -> str:
    return signing.dumps(str(uuid.uuid4()), salt=TOKEN_SALT)


def token_uuid(token: str) -> uuid.UUID | None:
    """The key inside a token this portal issued, else None (forged, altered or too old)."""
    try:
        return uuid.UUID(signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def site_path(value: str, *, host: str) -> str | None:
    """`value` as a path of this portal ("/veranstaltungen/…?…"), or None when it is anything else.

    Accepted: a path starting with one "/", or a full http(s) address of this host (pasted from the
    address bar). Refused: other hosts, other schemes, "//host", backslashes, control characters."""
    value = value.strip()
    if not value or len(value) > PAGE_MAX_LENGTH or "\\" in value or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    foreign = parts.scheme not in ("http", "https") or parts.netloc.lower() != host.lower()
    if (parts.scheme or parts.netloc) and foreign:
        return None
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class FeedbackForm(forms.Form):
    topic = forms.ChoiceField(label=_("Thema"), choices=[("", _("Bitte wählen")), *Topic.choices],
                              error_messages={"required": _("Bitte wählen Sie ein Thema.")})
    message = forms.CharField(
        label=_("Ihre Nachricht"), max_length=MESSAGE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Bitte schreiben Sie uns Ihre Nachricht.")},
    )
    page = forms.CharField(
        label=_("Betroffene Seite (Adresse)"), max_length=PAGE_MAX_LENGTH, required=False,
        help_text=_("Wenn es um eine bestimmte Seite geht: ihre Adresse in diesem Portal."),
    )
    name = forms.CharField(label=_("Name (freiwillig)"), max_length=200, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("E-Mail-Adresse (freiwillig)"), max_length=254, required=False,
        help_text=_("Nur wenn Sie eine Antwort und eine Eingangsbestätigung wünschen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # The honeypot: hidden from people (and screen readers), filled in by bots.
    website = forms.CharField(label=_("Bitte leer lassen"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, host: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Bitte schreiben Sie uns Ihre Nachricht."))
        return message

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if any(ord(char) < 32 for char in name):
            raise forms.ValidationError(_("Der Name enthält unzulässige Zeichen."))
        return name

    def clean_page(self):
        value = self.cleaned_data["page"]
        if not value.strip():
            return ""
        path = site_path(value, host=self.host)
        if path is None:
            raise forms.ValidationError(_("Bitte geben Sie eine Adresse dieses Portals an, z. B. /veranstaltungen/."))
        return path

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    @property
    def submission_uuid(self) -> uuid.UUID | None:
        return token_uuid(self.data.get("token", ""))
