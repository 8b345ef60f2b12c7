"""
Model content in German and English as explicit `<field>_de` / `<field>_en` columns - the one way
the portal's apps (workshop reports, events) store translated content.

Why columns and not django-parler: every report is read with its inlines on one page; plain
columns keep the queries per page fixed and visible (no translation joins or per-object
lookups), the admin shows both languages side by side, and English falls back to German
field by field. The other interface languages (Turkish, Ukrainian, Arabic) have no columns yet:
their visitors read the German text, marked as German (`written_in`, {% untranslated %}).
"""

from django.utils.translation import get_language

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


def current_language(language: str | None = None) -> str:
    code = (language or get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


class Translated:
    """`title = Translated("title")` reads `title_en` in English, falling back to `title_de`."""

    def __init__(self, field: str):
        self.field = field

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance.translated(self.field)


def translated(obj, field: str, language: str | None = None):
    """`obj.<field>_<language>` (default: the active language), falling back to the German `obj.<field>_de`."""
    language = current_language(language)
    value = getattr(obj, f"{field}_{language}", "")
    return value or getattr(obj, f"{field}_{DEFAULT_LANGUAGE}")


def written_in(obj, field: str, language: str | None = None) -> str:
    """The language `translated(obj, field, language)` is written in: the asked one when its column is
    filled, else German (templates mark the German text with lang="de" and a note)."""
    code = (language or get_language() or DEFAULT_LANGUAGE).split("-")[0]
    if code in LANGUAGES and getattr(obj, f"{field}_{code}", ""):
        return code
    return DEFAULT_LANGUAGE


class TranslatedMixin:
    # The field whose language stands for the object's texts (an editor translates them together).
    language_field = "title"

    def translated(self, field: str, language: str | None = None):
        return translated(self, field, language)

    @property
    def content_language(self) -> str:
        return written_in(self, self.language_field)
