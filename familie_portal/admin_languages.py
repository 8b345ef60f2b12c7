"""
The added content languages (Turkish, Ukrainian, Arabic) in the admin: a collapsed fieldset per
language, named in the language itself as in the portal's language chooser, and inputs that say
their language (lang, and dir="rtl" for Arabic), so the browser's spelling check, fonts and the
caret's direction fit what an editor types.

    fieldsets = [..., *language_fieldsets("title", "lead", "description")]
    class EventAdmin(LanguageInputsMixin, ...): ...
"""

from django.utils.translation import get_language_info

from familie_portal.translation import ADDED_LANGUAGES, LANGUAGES


def language_fieldsets(*fields, languages=ADDED_LANGUAGES, description=None) -> list:
    """One collapsed fieldset per language with `fields` (names or rows of names) in its columns."""
    def in_language(field, code):
        return tuple(f"{name}_{code}" for name in field) if isinstance(field, tuple) else f"{field}_{code}"

    fieldsets = []
    for code in languages:
        options = {"fields": [in_language(field, code) for field in fields], "classes": ["collapse"]}
        if description:
            options["description"] = description
        fieldsets.append((get_language_info(code)["name_local"], options))
    return fieldsets


def language_attrs(name: str) -> dict:
    """The lang/dir attributes of a translated column's input ("title_ar" → lang="ar" dir="rtl")."""
    code = name.rpartition("_")[2]
    if code not in ADDED_LANGUAGES or code not in LANGUAGES:
        return {}
    return {"lang": code, "dir": "rtl" if get_language_info(code)["bidi"] else "ltr"}


class LanguageInputsMixin:
    """For a ModelAdmin or inline: the inputs of the added languages' columns carry lang and dir."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        attrs = language_attrs(db_field.name)
        if formfield is not None and attrs:
            formfield.widget.attrs.update(attrs)
        return formfield
