"""
The fragment cache: parts of pages (and the data behind them) kept for visitors, so that a page
missing the page cache still renders in a few milliseconds.

- HTML: `{% fragment "name" value ... %}` and `cached_fragment()`; the shell's
  `{% cached_static_alias %}`, `{% cached_placeholder %}`, `{% cached_page_attribute %}`
  (templatetags/portal_cache.py); `cached_pieces()` for the entries of a list (one cache round
  trip for a page of cards).
- Data: `cached_value()` (a filter's choices, a count, an object with its relations).

Every key holds the generation of the anonymous page cache
(`familie_portal.middleware.cache_generation`): every publish/unpublish and every saved row of the
portal's apps bumps it, so a published change shows at once, on every app server sharing the
cache. What else a part depends on is named in its key. Site-wide plugins declare what they vary
on beyond that (the static aliases are keyed with it; so are placeholders):

    class MiniCalendarPlugin(CMSPluginBase):
        @staticmethod
        def fragment_cache_vary(request) -> str:  # the month shown, and "today"
            ...

Output that changes with the clock declares it while it renders: `valid_until(request, moment)`
(every fragment around it is used only until then) or `not_storable(request)` (none is stored).
django CMS's "do not page-cache this page" mark, which plugins with `cache = False` set while they
render, is stored with a fragment and replayed on a hit.

Only visitors get cached fragments: editors (authenticated users, and any toolbar mode) always see
a fresh render with their toolbar markup. CSS/JS the fragment adds through sekizai is stored with
it and replayed on a hit. PORTAL_FRAGMENT_CACHE_SECONDS bounds the lifetime anyway (0: off;
unset: PORTAL_ANON_CACHE_SECONDS, so the query-count tests, which switch the page cache off,
measure complete renders).
"""

import hashlib
from collections import defaultdict

from cms.plugin_pool import plugin_pool
from cms.utils.placeholder import restore_sekizai_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from sekizai.data import UniqueSequence
from sekizai.helpers import get_varname

from familie_portal.caching import generation as cache_generation  # TEMPORARY shim until the apps move to caching

_vary_hooks = None


def _plugin_vary_hooks() -> list:
    """`fragment_cache_vary(request)` of every registered plugin class that declares one."""
    global _vary_hooks
    if _vary_hooks is None:
        _vary_hooks = [
            plugin.fragment_cache_vary
            for plugin in plugin_pool.get_all_plugins()
            if callable(getattr(plugin, "fragment_cache_vary", None))
        ]
    return _vary_hooks


def fragment_cache_seconds() -> int:
    return settings.PORTAL_CACHE_SECONDS if settings.PORTAL_CACHES else 0


def is_visitor_request(request) -> bool:
    """An anonymous visitor without any django CMS toolbar mode: the audience of cached fragments.
    Decided once per request (pages ask for every fragment)."""
    if request is None or fragment_cache_seconds() <= 0:
        return False
    decided = request.__dict__.get("_portal_is_visitor")
    if decided is None:
        decided = request.__dict__["_portal_is_visitor"] = _is_visitor(request)
    return decided


def _is_visitor(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    toolbar = getattr(request, "toolbar", None)
    return toolbar is None or not (
        toolbar.edit_mode_active or toolbar.preview_mode_active or toolbar.structure_mode_active
    )


def fragment_key(request, name: str, language: str, *vary) -> str:
    """The cache key of a fragment: generation, site, language, name and what it varies on."""
    parts = "|".join(str(part) for part in vary)
    site = request.__dict__.get("_portal_site_id")
    if site is None:
        site = request.__dict__["_portal_site_id"] = get_current_site(request).pk
    digest = hashlib.sha256(f"{name}|{site}|{language}|{parts}".encode()).hexdigest()[:32]
    return f"portal:fragment:{_request_generation(request)}:{digest}"


def _request_generation(request) -> int:
    """The cache generation, read once per request (a page may hold dozens of fragments)."""
    generation = request.__dict__.get("_portal_cache_generation")
    if generation is None:
        generation = request.__dict__["_portal_cache_generation"] = cache_generation()
    return generation


def plugin_vary(request) -> str:
    """What the site-wide plugins in a static alias vary on beyond the generation (see above)."""
    return "|".join(str(hook(request)) for hook in _plugin_vary_hooks())


class _Render:
    """What the code inside a fragment's render declared: until when the HTML holds, whether it
    may be stored at all, and whether django CMS must not page-cache the page holding it."""

    def __init__(self):
        self.until = None
        self.storable = True
        self.cms_no_cache = False

    def lower_until(self, moment):
        if moment is not None and (self.until is None or moment < self.until):
            self.until = moment


def _open_renders(request) -> list:
    if request is None:
        return []
    return request.__dict__.setdefault("_portal_fragment_renders", [])


def valid_until(request, moment) -> None:
    """Called by code rendered inside fragments whose output changes at `moment` without any save
    (a date ending): every fragment being rendered around it is used only until then."""
    for render in _open_renders(request):
        render.lower_until(moment)


def not_storable(request) -> None:
    """Called by code rendered inside fragments whose output may change at any moment: the
    fragments being rendered around it are not stored."""
    for render in _open_renders(request):
        render.storable = False


def render_cached(context, key: str, render) -> str:
    """
    `render()` once per key; the HTML and the sekizai blocks it added are replayed on a hit, and so
    are a validity end declared inside (`valid_until`) and django CMS's "do not page-cache this"
    (plugins with `cache = False` set it while they render).
    """
    request = context.get("request")
    toolbar = getattr(request, "toolbar", None)  # django CMS's, on every request through its middleware
    cached = cache.get(key)
    if cached is not None:
        content, sekizai_changes, until, cms_no_cache = cached
        if until is None or timezone.now() < until:
            restore_sekizai_context(context, sekizai_changes)
            valid_until(request, until)  # an enclosing fragment holds this one's HTML
            if cms_no_cache and toolbar is not None:
                toolbar._cache_disabled = True
            return content
    csrf_used_before = request.META.get("CSRF_COOKIE_USED")
    cms_no_cache_before = toolbar is not None and toolbar._cache_disabled
    if toolbar is not None:
        toolbar._cache_disabled = False
    # Render into an empty sekizai holder, not the page's: a stylesheet the page already added
    # before this fragment (the home page's events list adds events.css too) would otherwise be
    # deduplicated away and missing from the stored fragment on every other page.
    varname = get_varname()
    page_blocks = context[varname]
    context[varname] = defaultdict(UniqueSequence)
    renders = _open_renders(request)
    this = _Render()
    renders.append(this)
    try:
        content = render()
        fragment_blocks = {name: list(items) for name, items in context[varname].items()}
    finally:
        context[varname] = page_blocks
        renders.remove(this)
        if toolbar is not None:
            this.cms_no_cache = toolbar._cache_disabled
            toolbar._cache_disabled = cms_no_cache_before or this.cms_no_cache
    restore_sekizai_context(context, fragment_blocks)
    valid_until(request, this.until)
    if not this.storable:
        not_storable(request)
        return content
    if request.META.get("CSRF_COOKIE_USED") and not csrf_used_before:
        return content  # a per-visitor token inside: never share it
    cache.set(key, (str(content), fragment_blocks, this.until, this.cms_no_cache), fragment_cache_seconds())
    return content


def cached_fragment(context, name: str, vary, render) -> str:
    """
    `render()` once per generation, language, `name` and `vary` for visitors; everyone else (editors,
    the toolbar, a switched-off fragment cache) gets `render()` itself. `vary` must name everything
    the fragment's HTML depends on besides published content and the language.
    """
    request = context.get("request")
    if not is_visitor_request(request):
        return render()
    key = fragment_key(request, name, get_language(), *vary)
    return render_cached(context, key, render)


def cached_value(request, name: str, compute, *vary, per_language: bool = True):
    """
    Data (not HTML) that changes only with published content, e.g. a filter's choices: `compute()`
    once per generation, site, `name`, `vary` (and language, unless the value holds no translated
    text) for visitors; everyone else gets `compute()` itself.
    """
    if not is_visitor_request(request):
        return compute()
    key = fragment_key(request, f"data:{name}", get_language() if per_language else "", *vary)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, fragment_cache_seconds())
    return value


def cached_pieces(request, name: str, ids: list, render_missing) -> list[str]:
    """
    Russian-doll caching of list entries: the HTML of each entry of `ids` (e.g. one card per
    object on a list page), read with one cache round trip and kept per generation, language,
    `name` and id for visitors. `render_missing(missing_ids)` returns {id: html} for the entries
    not cached (for everyone else: for all of them). The entries come back in the order of `ids`.
    """
    if not is_visitor_request(request):
        rendered = render_missing(list(ids))
        return [rendered[pk] for pk in ids]
    language = get_language()
    keys = {pk: fragment_key(request, name, language, pk) for pk in ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        rendered = render_missing(missing)
        cache.set_many({keys[pk]: str(rendered[pk]) for pk in missing}, fragment_cache_seconds())
        found.update({keys[pk]: rendered[pk] for pk in missing})
    return [found[keys[pk]] for pk in ids]
