"""
What the Familienmanager pages keep in the fragment cache (familie_portal.fragments), and why it is fresh.

- `{% fragment "managers-map" %}` in templates/managers/map.html: the map page's SVG markers, its
  caption and the tables of its text alternative (~170 KB of HTML from ~400 places). They show
  published profiles only, so they vary on nothing but the language (part of every fragment key).
- `{% fragment "manager-profile" profile.pk %}` in templates/managers/profile.html: a profile's article
  (photo thumbnail, places, contact, certification), per profile. On a hit neither its places nor its
  thumbnail are looked up.
- `directory_choices(request)`: the (slug, name) choices of the directory's filters (Regierungsbezirke,
  Kreise, municipalities with public profiles), the same on every directory page and in every language.
  Data, not HTML: the form still validates and renders the request's own selection from them.

Every publish and every saved row of the portal's models (a profile, a municipality, ...) starts a new
cache generation, and every key includes it, so a change shows on the next request. Editors (and the
toolbar) never get cached values. PORTAL_FRAGMENT_CACHE_SECONDS = 0 switches both off.
"""

from familie_portal import fragments
from managers import selectors


def directory_choices(request):
    """selectors.directory_choices(), once per cache generation for visitors (no translated text inside)."""
    return fragments.cached_value(
        request, "managers:directory-choices", selectors.directory_choices, per_language=False
    )
