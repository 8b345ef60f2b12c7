"""
German names for package apps whose AppConfig.verbose_name is not marked for translation (so the
German catalogue in locale/de cannot reach it). INSTALLED_APPS names these subclasses instead of the
packages; the app labels stay the same. The other packages' names are translated in locale/de.
"""

from django.utils.translation import gettext_lazy as _
from djangocms_text.apps import TextConfig
from djangocms_timed_publishing.apps import DjangocmsTimedPublicationsConfig


class TimedPublishingConfig(DjangocmsTimedPublicationsConfig):
    verbose_name = _("Veröffentlichen mit Zeitgrenzen")


class RichTextConfig(TextConfig):
    verbose_name = _("Text")
