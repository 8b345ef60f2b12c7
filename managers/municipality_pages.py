"""
The municipalities' own pages ("Kommunen" → "Bochum"): which municipalities are onboarded, and what a
city page links to.

A municipality is *onboarded* when its page (django CMS, reverse_id `kommune-<slug>`, made by
familie_portal.onboarding) is public in the visitor's language or in a language django CMS falls
back to: `PageContent.objects` holds only published contents inside their visibility window
(djangocms-versioning, djangocms-timed-publishing), so a withdrawn page drops out at once.
"""

import unicodedata
from dataclasses import dataclass, field

from cms.models import PageContent, PageUrl
from cms.utils.i18n import get_fallback_languages
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from managers.models import FamilyManager, Municipality

PAGE_PREFIX = "kommune-"
SLUG_PLACEHOLDER = "__path__"


def page_reverse_id(slug: str) -> str:
    """The reverse_id of a municipality's page (one rule for the onboarding and the readers)."""
    return f"{PAGE_PREFIX}{slug}"


def slug_from_reverse_id(reverse_id: str | None) -> str:
    """The municipality's slug if `reverse_id` names a municipality's page, else ""."""
    if reverse_id and reverse_id.startswith(PAGE_PREFIX):
        return reverse_id.removeprefix(PAGE_PREFIX)
    return ""


def sort_key(name: str) -> str:
    """A–Z as a German reader expects it: "Ä" with "A", not after "Z"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(slots=True)
class MunicipalityEntry:
    name: str
    slug: str
    url: str
    kreis_name: str
    kreis_slug: str
    kreisfreie_stadt: bool
    regierungsbezirk_name: str
    regierungsbezirk_slug: str


@dataclass
class KreisGroup:
    name: str
    slug: str
    kreisfreie_stadt: bool
    regierungsbezirk_name: str
    municipalities: list[MunicipalityEntry] = field(default_factory=list)


def _page_url_template() -> str:
    """A page's address with SLUG_PLACEHOLDER for its path: one reverse() for the whole list."""
    try:
        return reverse("pages-details-by-slug", kwargs={"slug": SLUG_PLACEHOLDER})
    except NoReverseMatch:  # pragma: no cover - django CMS's URLs are always installed
        return ""


def onboarded_municipalities(language: str | None = None) -> list[MunicipalityEntry]:
    """Every municipality with a public page, A–Z, each with its page's address in `language`
    (default: the active one). Three queries, whatever the number of municipalities."""
    language = language or get_language()
    languages = [language, *get_fallback_languages(language, site_id=settings.SITE_ID)]
    reverse_ids = dict(
        PageContent.objects.filter(language__in=languages, page__reverse_id__startswith=PAGE_PREFIX)
        .values_list("page_id", "page__reverse_id")
    )
    # The page's path in the first language it has one in (a page not written in Turkish is shown in
    # German at its German path, as django CMS does).
    rank = {code: position for position, code in enumerate(languages)}
    paths: dict[int, tuple[int, str]] = {}
    for page_id, code, path in PageUrl.objects.filter(page_id__in=reverse_ids, language__in=languages).values_list(
        "page_id", "language", "path"
    ):
        if page_id not in paths or rank[code] < paths[page_id][0]:
            paths[page_id] = (rank[code], path)
    path_by_slug = {
        slug_from_reverse_id(reverse_id): paths[page_id][1]
        for page_id, reverse_id in reverse_ids.items() if page_id in paths
    }
    template = _page_url_template()
    rows = Municipality.objects.filter(slug__in=path_by_slug).values_list(
        "name", "slug", "kreis__name", "kreis__slug", "kreis__is_kreisfreie_stadt",
        "kreis__regierungsbezirk__name", "kreis__regierungsbezirk__slug",
    )
    entries = [
        MunicipalityEntry(
            name=name, slug=slug, url=template.replace(SLUG_PLACEHOLDER, path_by_slug[slug]),
            kreis_name=kreis_name, kreis_slug=kreis_slug, kreisfreie_stadt=kreisfrei,
            regierungsbezirk_name=rb_name, regierungsbezirk_slug=rb_slug,
        )
        for name, slug, kreis_name, kreis_slug, kreisfrei, rb_name, rb_slug in rows
    ]
    return sorted(entries, key=lambda entry: sort_key(entry.name))


def filter_municipalities(
    entries: list[MunicipalityEntry], *, q: str = "", kreis: str = "", regierungsbezirk: str = ""
) -> list[MunicipalityEntry]:
    """`entries` narrowed by a text (in the municipality's or its Kreis's name), a Kreis and a
    Regierungsbezirk (slugs)."""
    text = sort_key(q.strip())
    return [
        entry for entry in entries
        if (not text or text in sort_key(entry.name) or text in sort_key(entry.kreis_name))
        and (not kreis or entry.kreis_slug == kreis)
        and (not regierungsbezirk or entry.regierungsbezirk_slug == regierungsbezirk)
    ]


def group_by_kreis(entries: list[MunicipalityEntry]) -> list[KreisGroup]:
    """Kreise and kreisfreie Städte A–Z, each with its municipalities A–Z."""
    groups: dict[str, KreisGroup] = {}
    for entry in entries:
        group = groups.get(entry.kreis_slug)
        if group is None:
            group = groups[entry.kreis_slug] = KreisGroup(
                name=entry.kreis_name, slug=entry.kreis_slug, kreisfreie_stadt=entry.kreisfreie_stadt,
                regierungsbezirk_name=entry.regierungsbezirk_name,
            )
        group.municipalities.append(entry)
    for group in groups.values():
        group.municipalities.sort(key=lambda entry: sort_key(entry.name))
    return sorted(groups.values(), key=lambda group: sort_key(group.name))


def filter_choices(entries: list[MunicipalityEntry]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(slug, name) of the Regierungsbezirke and of the Kreise that have onboarded municipalities, A–Z."""
    regions = {entry.regierungsbezirk_slug: entry.regierungsbezirk_name for entry in entries}
    kreise = {entry.kreis_slug: entry.kreis_name for entry in entries}
    return (
        sorted(regions.items(), key=lambda choice: sort_key(choice[1])),
        sorted(kreise.items(), key=lambda choice: sort_key(choice[1])),
    )


# --- a city page's links --------------------------------------------------------------------------

@dataclass(slots=True)
class CityLinks:
    """The lists a city page links, each filtered to the city, or "" where the list has nothing for it."""

    events: str
    profiles: str
    reports: str


def _filtered(viewname: str, parameter: str, slug: str) -> str:
    try:
        return f"{reverse(viewname)}?{parameter}={slug}"
    except NoReverseMatch:  # the list's apphook is not attached to a page
        return ""


def city_links(municipality: Municipality) -> CityLinks:
    """The events, the Familienmanager and the workshop reports of `municipality`, each linked to its
    list filtered by the list's own parameter, when there is something to see (three queries: the
    lists accept only values they have entries for)."""
    from events.models import Event
    from workshops.models import Workshop

    slug = municipality.slug
    has_events = Event.objects.published().filter(municipality=municipality).exists()
    has_profiles = FamilyManager.objects.public().active_in(municipality).exists()
    has_reports = Workshop.objects.published().filter(city=municipality).exists()
    return CityLinks(
        events=_filtered("events:upcoming", "municipality", slug) if has_events else "",
        profiles=_filtered("managers:list", "kommune", slug) if has_profiles else "",
        reports=_filtered("workshops:list", "city", slug) if has_reports else "",
    )
