"""Template helpers used across apps."""

from cms.utils import get_language_from_request
from django import template
from django.utils.functional import SimpleLazyObject

from familie_portal.caching import cached_data
from familie_portal.easy_read import easy_read_url

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one).

    Keeps filters when paging: `?{% query_with page=2 %}`.
    """
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def page_texts(context):
    """The current django CMS page's `page_title` and `meta_description`, as `{% page_attribute %}` gives them
    (`{% page_texts as cms_page %}` ... `{{ cms_page.page_title }}`), read when first used. For visitors a data
    value per page and language: on an apphook's page django CMS would otherwise load the page's content in
    every request (one query, about a fifth of such a page's CPU time)."""
    request = context.get("request")

    def texts():
        page = getattr(request, "current_page", None)
        if not page:
            return {"page_title": "", "meta_description": ""}
        language = get_language_from_request(request)
        return cached_data(request, "cms:page_texts", lambda: {
            "page_title": page.get_page_title(language=language, fallback=True) or "",
            "meta_description": page.get_meta_description(language=language, fallback=True) or "",
        }, page.pk, language)

    return SimpleLazyObject(texts)


@register.inclusion_tag("includes/easy_read_link.html", takes_context=True)
def easy_read_link(context, reverse_id=None):
    """"Diese Seite in Leichter Sprache" for the current CMS page (or the page `reverse_id`), when a page in
    Leichte Sprache exists for it (familie_portal.easy_read); nothing otherwise."""
    request = context["request"]
    reverse_id = reverse_id or getattr(getattr(request, "current_page", None), "reverse_id", None)
    return {"url": easy_read_url(request, reverse_id) if reverse_id else ""}
