import pytest
from django.conf import settings
from django.contrib.sites.models import Site

from workshops.models import Workshop
from workshops.sitemaps import WorkshopSitemap

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_reports_in_every_language():
    urls = WorkshopSitemap().get_urls(site=Site.objects.get_current(), protocol="https")
    locations = {url["location"] for url in urls}
    domain = Site.objects.get_current().domain
    assert f"https://{domain}/werkstattreihe/familienfreundlichkeit-die-kommunalverwaltung-im-fokus/" in locations
    assert (
        f"https://{domain}/en/workshop-series/family-friendliness-the-municipal-administration-in-focus/" in locations
    )
    assert len(locations) == len(settings.LANGUAGES) * Workshop.objects.published().count()
