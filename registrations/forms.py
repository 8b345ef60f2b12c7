"""The sign-up form: name and e-mail always, the other questions as the event asks them."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from registrations.models import Accessibility, RegistrationSettings

OPTIONAL = {
    "ask_organisation": ["organisation"],
    "ask_phone": ["phone"],
    "ask_accessibility": ["accessibility", "accessibility_other"],
    "ask_dietary": ["dietary"],
    "ask_message": ["message"],
}


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    organisation = forms.CharField(label=_("Organisation oder Kommune"), max_length=200, required=False,
                                   widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    phone = forms.RegexField(
        label=_("Telefon"), max_length=40, required=False, regex=r"^\+?[0-9 ()/\-]{5,40}$",
        error_messages={"invalid": _("Bitte geben Sie eine Telefonnummer aus Ziffern an, z. B. 0234 123456.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Ich benötige"), choices=Accessibility.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    accessibility_other = forms.CharField(label=_("Weitere Bedarfe (Barrierefreiheit)"), max_length=500,
                                          required=False)
    dietary = forms.CharField(label=_("Verpflegung (z. B. vegetarisch, Allergien)"), max_length=500, required=False)
    message = forms.CharField(label=_("Anmerkungen"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    consent = forms.BooleanField(label=_("Einwilligung"), error_messages={
        "required": _("Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu, damit wir Sie anmelden können.")})
    # The honeypot: hidden from people (and screen readers), filled in by bots.
    website = forms.CharField(label=_("Bitte leer lassen"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, registration_settings: RegistrationSettings, privacy_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for flag, names in OPTIONAL.items():
            if not getattr(registration_settings, flag):
                for name in names:
                    del self.fields[name]
        self.fields["consent"].label = registration_settings.consent_text or _(
            "Ich bin einverstanden, dass meine Angaben zur Organisation dieser Veranstaltung verarbeitet und "
            "%(days)s Tage nach dem Termin gelöscht werden."
        ) % {"days": settings.PORTAL_REGISTRATION_RETENTION_DAYS}
        self.privacy_url = privacy_url

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if any(ord(char) < 32 for char in name):
            raise forms.ValidationError(_("Der Name enthält unzulässige Zeichen."))
        return name

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))



class ParticipantMessageForm(forms.Form):
    """The organiser's message to everyone confirmed for a date (admin)."""

    subject = forms.CharField(label=_("Betreff"), max_length=200)
    text = forms.CharField(label=_("Nachricht"), max_length=10000, widget=forms.Textarea(attrs={"rows": 12}))

    def clean_subject(self):
        subject = " ".join(self.cleaned_data["subject"].split())  # one line: a mail header
        if not subject:
            raise forms.ValidationError(_("Bitte geben Sie einen Betreff an."))
        return subject
