"""Template helpers used across apps."""

from django import template

from familie_portal.caching import cached_data

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
def language_links(context) -> list[dict]:
    """
    This page in each language the visitor may choose: `{"code", "name", "url", "current"}`, worked
    out once per page (templates/base.html) for the language switch and the `hreflang` alternates.

    The same as django CMS's `{% language_chooser %}` and `{% page_language_url %}` (an app's
    language changer first, then the page's URL in that language plus the app path), without
    building a template and a language changer for every link.
    """
    request = context.get("request")
    if request is None:
        return []
    # For visitors kept per path (a page's URLs change only with a publish).
    return cached_data(request, "language-links", lambda: _language_links(request), request.path)


def _language_links(request) -> list[dict]:
    from cms.utils import get_current_site
    from cms.utils.i18n import get_language_list, get_language_object, get_public_languages
    from django.urls import NoReverseMatch
    from django.utils.translation import get_language
    from menus.utils import DefaultLanguageChanger

    page = getattr(request, "current_page", None)
    site_id = page.site_id if page else get_current_site(request).pk
    user = getattr(request, "user", None)
    codes = get_language_list(site_id) if user is not None and user.is_staff else get_public_languages(site_id)
    default_changer = DefaultLanguageChanger(request)
    changer = getattr(request, "_language_changer", None)
    current = get_language()
    links = []
    for code in codes:
        url = None
        if changer is not None:
            try:
                url = changer(code)
            except NoReverseMatch:
                url = None
        links.append({
            "code": code,
            "name": get_language_object(code, site_id)["name"],
            "url": url or default_changer(code),
            "current": code == current,
        })
    return links
