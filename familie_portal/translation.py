"""
Model content in the portal's languages as explicit `<field>_<language>` columns - the one way the
portal's apps (workshop reports, events, profiles) store translated content: `title_de`, `title_en`,
`title_tr`, `title_uk`, `title_ar` (settings.LANGUAGES).

Why columns and not django-parler: every report is read with its inlines on one page; plain
columns keep the queries per page fixed and visible (no translation joins or per-object
lookups), the admin shows the languages side by side, and every language falls back to German
field by field: a column left empty shows the German text, marked as German (`written_in`,
{% untranslated %}, {% lang_attrs %}). Addresses (`slug_de`, `slug_en`) exist in German and English
only: Turkish, Ukrainian and Arabic pages keep the German address after their prefix (/tr/…).
"""

from django.conf import settings
from django.utils.translation import get_language

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
# The languages added after German and English: the admin shows each in its own collapsed fieldset
# (familie_portal.admin_languages), a profile's or report's search document in them is written only
# when something is translated (otherwise their visitors find the German one).
ADDED_LANGUAGES = tuple(code for code in LANGUAGES if code not in (DEFAULT_LANGUAGE, "en"))


def current_language(language: str | None = None) -> str:
    code = (language or get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def columns(*fields: str, languages=LANGUAGES) -> tuple[str, ...]:
    """The columns of translated fields: columns("title", "lead") → ("title_de", "title_en", …, "lead_ar")."""
    return tuple(f"{field}_{code}" for field in fields for code in languages)


def column(model, field: str, language: str | None = None) -> str:
    """The column `field` is stored in for `language`: its own if the model has one, else the German one
    (addresses: `slug_tr` does not exist, Turkish uses `slug_de`)."""
    name = f"{field}_{current_language(language)}"
    return name if any(f.name == name for f in model._meta.concrete_fields) else f"{field}_{DEFAULT_LANGUAGE}"


class Translated:
    """`title = Translated("title")` reads `title_<language>` in the active language, falling back to `title_de`."""

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
    code = current_language(language)
    if getattr(obj, f"{field}_{code}", ""):
        return code
    return DEFAULT_LANGUAGE


def languages_written(obj, *fields: str) -> list[str]:
    """German and English (which the search always indexes), and each added language in which one of
    `fields` is written."""
    return [DEFAULT_LANGUAGE, "en"] + [
        code for code in ADDED_LANGUAGES if any(getattr(obj, f"{field}_{code}", "") for field in fields)
    ]


class TranslatedMixin:
    # The field whose language stands for the object's texts where one language is named for all of
    # them (iCal's LANGUAGE, JSON-LD's inLanguage); templates mark each field by its own (`written_in`).
    language_field = "title"

    def translated(self, field: str, language: str | None = None):
        return translated(self, field, language)

    def written_in(self, field: str, language: str | None = None) -> str:
        return written_in(self, field, language)

    @property
    def content_language(self) -> str:
        return written_in(self, self.language_field)
