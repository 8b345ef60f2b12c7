"""
Data the Werkstattreihe's pages read on every request but that changes only with published
content: kept in the cache for visitors, under a key holding the cache generation (see
familie_portal.fragments), so any publish or saved portal row starts afresh at once.

Cached here: the choices of the report filter (years, places, series with published reports) -
three queries per list page otherwise. Editors and a switched-off fragment cache read them anew.
"""

from django.core.cache import cache
from django.utils.translation import get_language

from familie_portal import fragments


def for_visitors(request, name: str, compute, *vary):
    """`compute()`, cached for visitors per generation, site, language, `name` and `vary`."""
    if not fragments.is_visitor_request(request):
        return compute()
    key = fragments.fragment_key(request, f"data:{name}", get_language(), *vary)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, fragments.fragment_cache_seconds())
    return value
