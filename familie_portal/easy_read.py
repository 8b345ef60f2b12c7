"""
Pages in Leichte Sprache. A section's page (a CMS page with a reverse_id, also an apphooked one such as
"werkstattreihe") has its counterpart in Leichte Sprache when a published CMS page has the reverse_id
"leichte-sprache-<the section's reverse_id>"; `{% easy_read_link %}` (portal_tags) links it from the
section's templates. Nothing depends on such a page existing: without one there is no link.
"""

from cms.models import PageContent
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import get_language

from familie_portal.caching import cached_data

PREFIX = "leichte-sprache-"


def easy_read_url(request, reverse_id: str) -> str:
    """The address of the page in Leichte Sprache for the page `reverse_id`, in the current language
    or else German (Leichte Sprache is German; another language may have no content for it); "" if none."""
    language = get_language()

    def compute() -> str:
        contents = {
            content.language: content
            for content in PageContent.objects.filter(  # published contents only
                page__reverse_id=PREFIX + reverse_id, page__site=get_current_site(request),
                language__in={language, settings.LANGUAGE_CODE},
            ).select_related("page")
        }
        content = contents.get(language) or contents.get(settings.LANGUAGE_CODE)
        return content.page.get_absolute_url(content.language) if content else ""

    return cached_data(request, "easy-read-url", compute, reverse_id)
