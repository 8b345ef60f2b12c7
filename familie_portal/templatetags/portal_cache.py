"""
Fragment caching for visitors (see familie_portal.fragments); editors always get a fresh render.

`{% fragment "name" value ... %}...{% endfragment %}`: the enclosed template, rendered once per
cache generation, language, name and the given values (everything the enclosed HTML depends on
besides published content). A publish or any saved portal content starts a new generation.

`{% cached_placeholder "content" %}`: django CMS's `{% placeholder %}` of the page shown, rendered
once per page, slot, language, cache generation and what the site's plugins vary on (the month a
calendar shows, today). A publish starts a new generation; plugins whose output ends at a moment
declare it (fragments.valid_until). On a hit django CMS loads no plugins for the page at all.

`{% cached_page_attribute "page_title" %}`: django CMS's `{% page_attribute %}` of the page shown,
kept per page, attribute, language and generation for visitors (one query less on app pages).

`{% cached_static_alias "sidebar" %}`: djangocms-alias's `{% static_alias %}`, rendered once per
language and cache generation for visitors (see familie_portal.fragments). Editors get the
original tag's behaviour unchanged: draft content, edit and structure mode, toolbar markup.

A subclass of the original tag, so django CMS still finds the declared alias in the template
(the structure board lists it).
"""

from classytags.arguments import Argument, MultiValueArgument
from cms.templatetags.cms_tags import PageAttribute, Placeholder, PlaceholderOptions
from cms.utils import get_language_from_request
from django import template
from djangocms_alias.templatetags.djangocms_alias_tags import StaticAlias

from familie_portal import fragments

register = template.Library()


class CachedStaticAlias(StaticAlias):
    name = "cached_static_alias"
    options = PlaceholderOptions(
        Argument("static_code", resolve=True),
        MultiValueArgument("extra_bits", required=False, resolve=False),
        blocks=[("endcached_static_alias", "nodelist")],
    )

    def render_tag(self, context, static_code, extra_bits, nodelist=None) -> str:
        request = context.get("request")
        if not static_code or nodelist or not fragments.is_visitor_request(request):
            return super().render_tag(context, static_code, extra_bits, nodelist)
        key = fragments.fragment_key(
            request, f"static_alias:{static_code}:{' '.join(extra_bits)}", get_language_from_request(request),
            fragments.plugin_vary(request),
        )
        return fragments.render_cached(
            context, key, lambda: super(CachedStaticAlias, self).render_tag(context, static_code, extra_bits)
        )


register.tag(CachedStaticAlias.name, CachedStaticAlias)


class CachedPlaceholder(Placeholder):
    """A subclass of the original tag, so django CMS still finds the page's declared placeholders."""

    name = "cached_placeholder"
    options = PlaceholderOptions(
        Argument("name", resolve=False),
        MultiValueArgument("extra_bits", required=False, resolve=False),
        blocks=[("endcached_placeholder", "nodelist")],
    )

    def render_tag(self, context, name, extra_bits, nodelist=None) -> str:
        request = context.get("request")
        page = getattr(request, "current_page", None) if request is not None else None
        if nodelist or not page or not fragments.is_visitor_request(request):
            return super().render_tag(context, name, extra_bits, nodelist)
        return fragments.cached_fragment(
            context, f"placeholder:{name}:{' '.join(extra_bits)}", [page.pk, fragments.plugin_vary(request)],
            lambda: super(CachedPlaceholder, self).render_tag(context, name, extra_bits),
        )


register.tag(CachedPlaceholder.name, CachedPlaceholder)


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context) -> str:
        name = self.name.resolve(context)
        vary = [value.resolve(context) for value in self.vary]
        return fragments.cached_fragment(context, f"tag:{name}", vary, lambda: self.nodelist.render(context))


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment \"name\" value ... %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


class CachedPageAttribute(PageAttribute):
    name = "cached_page_attribute"

    def get_value(self, context, name, page_lookup):
        request = context.get("request")
        page = getattr(request, "current_page", None) if request is not None else None
        if page_lookup is not None or not page or not fragments.is_visitor_request(request):
            return super().get_value(context, name, page_lookup)
        return fragments.cached_value(
            request, f"page-attribute:{name}", lambda: super(CachedPageAttribute, self).get_value(context, name, None),
            page.pk,
        )


register.tag(CachedPageAttribute.name, CachedPageAttribute)
