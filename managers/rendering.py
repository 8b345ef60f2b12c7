"""
The hot loops of the managers' pages as plain Python: the map's ~400 markers, the rows of its text
alternative, and the profile cards of the directory and municipality pages.

Through templates, every marker, row or card cost a handful of variable lookups, tags, a
translation and an `{% include %}`; the map page spent two thirds of its time there. These
functions build the same HTML from precomputed parts (URL templates, translated labels looked up
once per page) and escape every value from the database exactly as the template autoescaping did
(`django.utils.html.escape` is `html.escape` plus a SafeString per call). The page structure,
headings, captions and the `{% translate %}` texts around these parts stay in the templates.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from managers.selectors import SLUG_PLACEHOLDER, url_template


def _safe(parts: list[str]) -> SafeString:
    return mark_safe("\n".join(parts))  # noqa: S308 - every value inside is escaped


def count_label():
    """`label(place)`: a marker's accessible name, "Bochum: 3 Familienmanager" or "Kreis Unna (kreisweit):
    1 Familienmanager", in the active language; the translations are looked up once per count."""
    texts: dict[int, str] = {}
    kreisweit = gettext("%(place)s (kreisweit): %(text)s")

    def label(place) -> str:
        text = texts.get(place.count)
        if text is None:
            text = texts[place.count] = ngettext(
                "%(count)s Familienmanager", "%(count)s Familienmanager", place.count
            ) % {"count": place.count}
        if place.kreisweit:
            return kreisweit % {"place": place.name, "text": text}
        return f"{place.name}: {text}"

    return label


def map_markers(markers) -> SafeString:
    """The interactive map's markers (svgmap.markers()): a link per place, keyboard-focusable, named by
    its count label (aria-label for assistive technology, <title> for the tooltip); a circle per
    municipality, a square per Kreis whose Familienmanager work across the whole Kreis."""
    label = count_label()
    parts = []
    for x, y, r, place in markers:
        text = escape(label(place))
        if place.kreisweit:
            size = f"{2 * r:.1f}"
            parts.append(
                f'<a class="nrw-map__marker nrw-map__marker--kreis" href="{escape(place.url)}" aria-label="{text}">'
                f'<title>{text}</title><rect x="{x - r:.1f}" y="{y - r:.1f}" width="{size}" height="{size}"/></a>'
            )
        else:
            parts.append(
                f'<a class="nrw-map__marker" href="{escape(place.url)}" aria-label="{text}">'
                f'<title>{text}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/></a>'
            )
    return _safe(parts)


def map_dots(markers) -> SafeString:
    """The small, decorative map's markers: circles only (the teaser links to the map page instead)."""
    return _safe([f'<circle class="nrw-map__dot" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>' for x, y, r, _p in markers])


def region_rows(region) -> SafeString:
    """The <tbody> rows of one Regierungsbezirk's table (a selectors.RegierungsbezirkGroup): the Kreis as
    a row header spanning its places, then each place's link and count."""
    kreisweit = escape(gettext("kreisweit"))
    parts = []
    for kreis in region.kreise:
        head = f'<th scope="row" rowspan="{len(kreis.places)}">{escape(kreis.name)}</th>'
        for place in kreis.places:
            name = kreisweit if place.kreisweit else escape(place.name)
            parts.append(f'<tr>{head}<td><a href="{escape(place.url)}">{name}</a></td><td>{place.count}</td></tr>')
            head = ""
    return _safe(parts)


def profile_cards(cards) -> SafeString:
    """The <li> cards of a profile list (selectors.ProfileCard): name with link, role and organisation,
    where the person is active."""
    profile_url = url_template("managers:detail")
    municipality_url = url_template("managers:municipality")
    active_in = escape(gettext("Aktiv in"))
    kreisweit = gettext("%(kreis)s (kreisweit)")
    parts = []
    for card in cards:
        places = [
            f'<a href="{escape(municipality_url.replace(SLUG_PLACEHOLDER, slug))}">{escape(name)}</a>'
            for slug, name in card.municipalities
        ]
        if card.kreis_name is not None:
            places.append(kreisweit % {"kreis": escape(card.kreis_name)})  # as {% blocktranslate %} does
        meta = ""
        if card.role or card.organisation_name is not None:
            meta = escape(card.role)
            if card.role and card.organisation_name is not None:
                meta += ", "
            meta = f'\n  <p class="meta">{meta}{escape(card.organisation_name or "")}</p>'
        parts.append(
            f'<li class="card manager-card">\n'
            f'  <h2><a href="{escape(profile_url.replace(SLUG_PLACEHOLDER, card.slug))}">{escape(card.name)}</a></h2>'
            f'{meta}\n  <p>{active_in}: {", ".join(places)}</p>\n</li>'
        )
    return _safe(parts)
