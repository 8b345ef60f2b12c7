"""
`{% cachepart "name" value ... [until=moment] %}...{% endcachepart %}`: the enclosed template
rendered once per content generation, site, language, name and the given values (everything the
HTML depends on besides published content), for visitors only (familie_portal.caching).

`until=` is read after the body has rendered, so a lazy list read inside it can say when its
output stops being true (the first shown date ends); the part is kept until then at the latest,
and so are the parts and the page around it. Parts may sit inside parts (a page's placeholder
holding "Nächste Termine"). A part holds markup only: CSS and JS are linked from base.html (an
`{% addtoblock %}` inside a part is an error), and a part that uses the CSRF token is not stored.
In DEBUG each part is framed by an HTML comment with its name and key.
"""

from collections import defaultdict

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.html import format_html
from sekizai.data import UniqueSequence
from sekizai.helpers import get_varname

from familie_portal import caching

register = template.Library()


class CachePartNode(template.Node):
    def __init__(self, name, vary, until, nodelist):
        self.name, self.vary, self.until, self.nodelist = name, vary, until, nodelist

    def render(self, context) -> str:
        request = context.get("request")
        if not caching.is_visitor(request):
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        key = caching.part_key(request, name, *(value.resolve(context) for value in self.vary))
        entry = cache.get(key)
        if entry is None:
            entry = self._render_and_store(context, request, name, key)
        html, until = entry
        caching.holds_until(request, until)
        if settings.DEBUG:
            return format_html("<!-- part {} {} -->{}<!-- /part {} -->", name, key, html, name)
        return html

    def _render_and_store(self, context, request, name, key) -> tuple[str, object]:
        csrf_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # Rendered with an empty sekizai holder: what the body adds there would be missing on a hit.
        # The parts inside report until when they hold (caching.holds_until) to this one.
        varname = get_varname()
        page_blocks, context[varname] = context.get(varname), defaultdict(UniqueSequence)
        around, request.portal_holds_until = getattr(request, "portal_holds_until", None), None
        try:
            html = self.nodelist.render(context)
            added = any(context[varname].values())
            own = (self.until.resolve(context) or None) if self.until else None  # a missing value: no limit
            until = caching.earliest(own, request.portal_holds_until)
        finally:
            context[varname] = page_blocks
            request.portal_holds_until = around
        if added:
            raise template.TemplateSyntaxError(
                f"{{% cachepart {name!r} %}} holds an {{% addtoblock %}}: link CSS and JS in the base template."
            )
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not csrf_before:
            return html, until  # a per-visitor token inside: never shared
        timeout = caching.timeout_until(until)
        if timeout:
            cache.set(key, (html, until), timeout)
        return html, until


@register.tag("cachepart")
def do_cachepart(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError('{% cachepart %} needs a name: {% cachepart "name" value ... %}')
    until = None
    if bits[-1].startswith("until="):
        until = parser.compile_filter(bits.pop()[len("until="):])
    nodelist = parser.parse(("endcachepart",))
    parser.delete_first_token()
    vary = [parser.compile_filter(bit) for bit in bits[1:]]
    return CachePartNode(parser.compile_filter(bits[0]), vary, until, nodelist)

