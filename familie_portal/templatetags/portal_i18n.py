"""
Text in another language than the visitor's: a CMS page, report, event or profile not yet written
in it is shown in German. One rule for all of them:

    {% load portal_i18n %}
    {% untranslated workshop|written_in:"body" %}{{ workshop.body }}{% enduntranslated %}
    <h1{% lang_attrs workshop|written_in:"title" %}>{{ workshop.title }}</h1>

`untranslated` renders its content in that language (so a CMS placeholder finds the German
plugins) inside templates/includes/untranslated.html: an element with lang and dir, preceded by a
note in the visitor's language - once per page (an event's lead and description are two blocks,
one note). In the visitor's own language it renders the content alone.
"""

from django import template
from django.utils import translation
from django.utils.html import format_html

from familie_portal import translation as translation_columns

register = template.Library()
NOTED = "portal_i18n.untranslated_noted"


def _differs(language: str) -> bool:
    return bool(language) and language != translation.get_language()


def _direction(language: str) -> str:
    return "rtl" if translation.get_language_info(language)["bidi"] else "ltr"


@register.tag
def untranslated(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the content's language")
    nodelist = parser.parse(("enduntranslated",))
    parser.delete_first_token()
    return UntranslatedNode(parser.compile_filter(bits[1]), nodelist)


class UntranslatedNode(template.Node):
    def __init__(self, language, nodelist):
        self.language, self.nodelist = language, nodelist

    def render(self, context):
        language = self.language.resolve(context) or ""
        if not _differs(language):
            return self.nodelist.render(context)
        with translation.override(language):
            content = self.nodelist.render(context)
        if not content.strip():
            return content
        # Shared by a page's templates (extends), so the note comes before the first block only.
        noted = context.render_context.get(NOTED, False)
        context.render_context[NOTED] = True
        include = context.template.engine.get_template("includes/untranslated.html")
        with context.push(content=content, content_language=language, content_dir=_direction(language),
                          note=not noted):
            return include.render(context)


@register.simple_tag
def lang_attrs(language):
    """` lang="de" dir="ltr"` on an element whose text is not in the visitor's language, else nothing."""
    if not _differs(language or ""):
        return ""
    return format_html(' lang="{}" dir="{}"', language, _direction(language))


# Open Graph wants a territory: the portal's audience lives in Germany, English is British.
OG_LOCALES = {"de": "de_DE", "en": "en_GB", "tr": "tr_TR", "uk": "uk_UA", "ar": "ar_AR"}


@register.filter
def og_locale(language: str) -> str:
    return OG_LOCALES.get(language, "de_DE")


@register.filter
def written_in(obj, field: str) -> str:
    """The language `obj.<field>` is shown in (familie_portal.translation.written_in), for
    {% lang_attrs %} and {% untranslated %}: each field by its own, as editors translate field by field."""
    return translation_columns.written_in(obj, field)
