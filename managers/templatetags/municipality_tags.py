"""A municipality's page links the city's events, Familienmanager and workshop reports (every page made
by the onboarding, whatever its editors write: templates/pages/content.html)."""

from django import template

from managers import municipality_pages
from managers.models import Municipality

register = template.Library()


@register.inclusion_tag("managers/includes/city_links.html", takes_context=True)
def city_links(context):
    """Nothing on other pages (no query); on `kommune-<slug>` the three lists filtered to the city."""
    request = context.get("request")
    page = getattr(request, "current_page", None)
    slug = municipality_pages.slug_from_reverse_id(getattr(page, "reverse_id", None))
    municipality = Municipality.objects.filter(slug=slug).first() if slug else None
    if municipality is None:
        return {"municipality": None}
    return {"municipality": municipality, "links": municipality_pages.city_links(municipality)}
