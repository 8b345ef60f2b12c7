"""Forms: the directory's filters and the profile form of the admin."""

from pathlib import PurePosixPath
from uuid import uuid4

from django import forms
from django.core import signing
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from familie_portal.validators import validate_image_upload
from managers import selectors
from managers.models import FamilyManager


class DirectoryFilterForm(forms.Form):
    """GET filters of the directory. Unknown values make the form invalid: empty result with a message.

    Choices are (slug, name) pairs from two value queries (selectors.directory_choices) instead of model
    instances; cleaned_data holds the slugs.
    """

    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=100)
    regierungsbezirk = forms.ChoiceField(label=_("Regierungsbezirk"), required=False)
    kreis = forms.ChoiceField(label=_("Kreis / kreisfreie Stadt"), required=False)
    # Only municipalities someone is publicly active in: a short, useful list.
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)

    def __init__(self, *args, choices=None, **kwargs):
        """`choices`: what selectors.directory_choices() returns (the view passes the cached value)."""
        super().__init__(*args, **kwargs)
        empty = [("", _("alle"))]
        regions, kreise, municipalities = choices or selectors.directory_choices()
        self.fields["regierungsbezirk"].choices = empty + regions
        self.fields["kreis"].choices = empty + kreise
        self.fields["kommune"].choices = empty + municipalities


class PortalImageField(forms.ImageField):
    """Runs the portal's header-only check BEFORE Django opens and verifies the image."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "size"):
            validate_image_upload(data)
        return super().to_python(data)


PENDING_DIR = "uploads-pending"
PENDING_SALT = "managers.photo-pending"


class FamilyManagerAdminForm(forms.ModelForm):
    # Set per request by the admin (get_form creates a fresh class each time): the municipality a
    # member of the Kommunale Redaktion edits for, or None for the IQZ.
    scope_municipality = None
    # A photo uploaded with a form that failed elsewhere is kept in storage and named here (signed:
    # an editor cannot point it at another file), so the editor need not upload it again.
    photo_pending = forms.CharField(label=_("Hochgeladenes Foto"), required=False, widget=forms.HiddenInput)

    class Meta:
        model = FamilyManager
        fields = [
            "name", "slug", "photo", "photo_alt", "organisation", "role", "municipalities", "kreis",
            "email", "show_email", "phone", "show_phone", "address", "show_address",
            "course", "certified_on", "certificate_number", "certificate_valid_until", "focus", "focus_en",
            "focus_tr", "focus_uk", "focus_ar",
            "consent_to_publication", "consent_date", "status",
        ]
        field_classes = {"photo": PortalImageField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and self.instance.consent_to_publication and (
                field := self.fields.get("consent_to_publication")):
            # What unticking does (managers.services), said before the editor saves.
            field.help_text = _("Widerruft die Person ihre Einwilligung, nehmen Sie den Haken weg: Das Profil geht "
                                "beim Speichern sofort offline, ohne Prüfung und ohne Entwurf; Foto und "
                                "Kontaktdaten werden gelöscht.")

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        name = self.pending_photo_name()
        if name and photo is not False and not isinstance(photo, UploadedFile):  # no new upload, not cleared
            return File(default_storage.open(name), name=PurePosixPath(name).name.split("-", 1)[1])
        return photo

    def pending_photo_name(self) -> str:
        try:
            name = signing.loads(self.data.get("photo_pending", ""), salt=PENDING_SALT)
        except signing.BadSignature:
            return ""
        return name if name.startswith(f"{PENDING_DIR}/") and default_storage.exists(name) else ""

    def full_clean(self):
        super().full_clean()
        photo = getattr(self, "cleaned_data", {}).get("photo")
        if self.errors and "photo" not in self.errors and isinstance(photo, UploadedFile):
            photo.seek(0)
            name = default_storage.save(f"{PENDING_DIR}/{uuid4().hex}-{PurePosixPath(photo.name).name}", photo)
            self.data = self.data.copy()
            self.data["photo_pending"] = signing.dumps(name, salt=PENDING_SALT)
        if self.errors and self.pending_photo_name():
            # (the bound field, which Django built while cleaning, shows the help text)
            self["photo"].help_text = _("Das hochgeladene Foto „%(name)s“ wird beim Speichern übernommen.") % {
                "name": PurePosixPath(self.pending_photo_name()).name.split("-", 1)[1]}

    def clean(self):
        data = super().clean()
        municipalities = data.get("municipalities")
        if self.scope_municipality is not None:
            if municipalities is None or self.scope_municipality not in municipalities:
                self.add_error(
                    "municipalities",
                    _("Das Profil muss in Ihrer Kommune (%(name)s) aktiv sein.") % {"name": self.scope_municipality},
                )
        elif not municipalities and not data.get("kreis"):
            self.add_error("municipalities", _("Bitte wählen Sie mindestens eine Kommune oder einen Kreis."))
        if data.get("photo") and not data.get("photo_alt"):
            self.add_error("photo_alt", _("Bitte beschreiben Sie das Foto in einem Alternativtext."))
        if data.get("consent_to_publication") and not data.get("consent_date"):
            self.add_error("consent_date", _("Bitte geben Sie an, wann die Einwilligung erteilt wurde."))
        withdrawn = self.instance.pk is not None and self.initial.get("consent_to_publication")
        if (data.get("status") == FamilyManager.Status.PUBLISHED and not data.get("consent_to_publication")
                and not withdrawn):  # a withdrawal takes the profile offline itself (managers.services)
            self.add_error("status", _("Ohne Einwilligung der Person kann das Profil nicht veröffentlicht werden."))
        return data


class MunicipalityFilterForm(forms.Form):
    """GET filters of the "Kommunen" page: a name, a Regierungsbezirk, a Kreis (slugs of those with
    onboarded municipalities). Unknown values make the form invalid: the page says so."""

    q = forms.CharField(label=_("Name der Kommune"), required=False, max_length=100)
    regierungsbezirk = forms.ChoiceField(label=_("Regierungsbezirk"), required=False)
    kreis = forms.ChoiceField(label=_("Kreis / kreisfreie Stadt"), required=False)

    def __init__(self, *args, regions=(), kreise=(), **kwargs):
        super().__init__(*args, **kwargs)
        empty = [("", _("alle"))]
        self.fields["regierungsbezirk"].choices = empty + list(regions)
        self.fields["kreis"].choices = empty + list(kreise)
