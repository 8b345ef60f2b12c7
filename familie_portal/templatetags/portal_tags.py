"""Template helpers used across apps."""

from django import template

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


@register.inclusion_tag("includes/easy_read_link.html", takes_context=True)
def easy_read_link(context, reverse_id=None):
    """"Diese Seite in Leichter Sprache" for the current CMS page (or the page `reverse_id`), when a page in
    Leichte Sprache exists for it (familie_portal.easy_read); nothing otherwise."""
    request = context["request"]
    reverse_id = reverse_id or getattr(getattr(request, "current_page", None), "reverse_id", None)
    return {"url": easy_read_url(request, reverse_id) if reverse_id else ""}
