"""
The anonymous page cache (familie_portal.caching.middleware): hits run no SQL, published changes
are visible at once, editors and cookie-carrying visitors are never served or stored.
"""

import pytest
from cms.models import PageContent
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from djangocms_versioning.models import Version

from familie_portal.caching import GENERATION_KEY
from familie_portal.caching import generation as cache_generation
from managers.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal_caches")]
URL = "/qualifizierung/"


def _publish_new_text(user, text, reverse_id="qualifizierung", language="de"):
    content = PageContent.admin_manager.filter(page__reverse_id=reverse_id, language=language).current_content().get()
    draft = Version.objects.get_for_content(content).copy(user)
    placeholder = draft.content.get_placeholders().get(slot="content")
    plugin = placeholder.get_plugins(language).filter(plugin_type="TextPlugin").first().get_bound_plugin()
    plugin.body = f"<p>{text}</p>"
    plugin.save()
    draft.publish(user)


def test_second_anonymous_visit_runs_no_sql(client, django_assert_num_queries):
    first = client.get(URL)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(URL)
    assert second.status_code == 200
    assert second.content == first.content


def test_no_cookies_for_anonymous_visitors(client):
    """Cacheable pages set no cookie at all (no language cookie either): nothing to consent to."""
    response = client.get(URL)
    assert response.status_code == 200
    assert dict(response.cookies) == {}


def test_published_change_is_visible_at_once(client, user_by_name):
    assert "Neu veröffentlicht" not in client.get(URL).content.decode()
    _publish_new_text(user_by_name("admin"), "Neu veröffentlicht")
    assert "Neu veröffentlicht" in client.get(URL).content.decode()


def test_unpublish_is_visible_at_once(client, user_by_name):
    # A plain CMS page ("Kontakt" carries the contact form's application, a never-cached view).
    assert client.get("/impressum/").status_code == 200
    content = PageContent.admin_manager.filter(page__reverse_id="impressum", language="de").current_content().get()
    Version.objects.get_for_content(content).unpublish(user_by_name("admin"))
    assert client.get("/impressum/").status_code == 404


def test_saving_app_content_invalidates(db):
    generation = cache_generation()
    Organisation.objects.get(slug="iqz").save()
    assert cache_generation() != generation


def test_editors_are_neither_served_nor_stored(iqz_client):
    anonymous = Client()
    assert "cms-toolbar" not in anonymous.get(URL).content.decode()
    assert "cms-toolbar" in iqz_client.get(URL).content.decode()  # not served the cached page
    assert "cms-toolbar" not in anonymous.get(URL).content.decode()  # and the editor's page not stored


def test_visitors_with_a_session_bypass_the_cache(client):
    client.get(URL)
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    assert len(queries) > 0, "rendered, not served from the anonymous cache"


def test_generation_survives_eviction(db):
    from django.core.cache import cache

    first = cache_generation()
    cache.delete(GENERATION_KEY)
    assert cache_generation() != first, "an evicted generation never comes back as an old number"


def test_query_strings_and_languages_are_separate_entries(client):
    de = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert '<html lang="de" dir="ltr">' in de and '<html lang="en" dir="ltr">' in en
    assert client.get("/?utm=1").status_code == 200


def test_cms_pages_with_date_dependent_plugins_are_cached(client, django_assert_num_queries):
    # The home page carries plugins that opt out of django CMS's own caches (upcoming events,
    # latest reports); the anonymous cache keys on the URL and is invalidated on every change.
    first = client.get("/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/").content == first.content


def test_new_event_shows_on_the_cached_home_page_at_once(client):
    import uuid
    from datetime import timedelta

    from django.utils import timezone

    from events.models import Event

    client.get("/")
    event = Event.objects.published().first()
    event.pk = None
    event.uid = uuid.uuid4()
    event.exdates = ""
    event.slug = "neu-im-cache-test"
    event.title_de = "Ganz neuer Termin im Cache-Test"
    event.start = timezone.now() + timedelta(hours=2)
    event.end = event.start + timedelta(hours=1)
    event.rrule = ""
    event.save()
    assert "Ganz neuer Termin im Cache-Test" in client.get("/").content.decode()


@pytest.mark.parametrize("url", ["/veranstaltungen/2008/5/", "/werkstattreihe/", "/familienmanager/karte/"])
def test_app_pages_are_served_from_the_page_cache(client, url, django_assert_num_queries):
    """django CMS's toolbar marks them no-store (their placeholders bypass its own caches); the view did not."""
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content


def test_a_view_that_says_never_cache_is_not_stored(client):
    from django.test.utils import CaptureQueriesContext

    url = "/werkstattreihe/vorschau/1/"  # never_cache; a 404 for visitors anyway
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) > 0
