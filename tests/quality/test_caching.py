"""
The cache layer on real pages (familie_portal.caching), as a visitor sees them: the shell's parts
(navigation, breadcrumb, footer) follow the page shown and every publish or save at once, the
sidebar's calendar follows the month shown, editors always get a fresh render, the page cache stores
django CMS pages whose plugins opt out of django CMS's own caches (the home page).
"""

import re
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify

from events.calendar import local_midnight
from events.models import Event
from managers.models import Organisation

pytestmark = pytest.mark.django_db
URL = "/qualifizierung/"


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _sidebar(html: str) -> str:
    start = html.index('<aside class="two-col__aside')
    return html[start:html.index("</aside>", start)]


def test_parts_are_rendered_once_and_served_identically(client, pages_uncached, settings):
    first_count, first = _queries(client, URL)
    second_count, second = _queries(client, URL)
    assert second_count < first_count, "the second page reuses the shell's parts"
    assert second == first
    settings.PORTAL_CACHES = False
    assert _queries(client, URL)[1] == first, "cached parts are exactly what a full render gives"


def test_every_page_links_the_stylesheets_in_its_head(client, pages_uncached):
    """No part adds CSS (base.html links every stylesheet), so a page served from parts has them all."""
    for path in ("/", URL, "/werkstattreihe/", "/familienmanager/", "/veranstaltungen/2008/5/"):
        for _visit in range(2):
            head = client.get(path).content.decode().split("</head>")[0]
            for sheet in ("events/events.css", "workshops/workshops.css", "managers/managers.css",
                          "registrations/registrations.css", "blocks/"):
                assert sheet in head, (path, sheet)


def test_a_page_missing_the_page_cache_loads_no_plugins(client, pages_uncached):
    """The page's placeholders and the sidebar are parts: a second visit reads no plugin rows."""
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    assert not [q for q in queries.captured_queries if "cms_cmsplugin" in q["sql"]]


def _day_classes(sidebar: str, day) -> str:
    return re.search(rf'<td class="([^"]*)" data-date="{day.isoformat()}"', sidebar).group(1)


def test_a_saved_event_shows_in_the_sidebar_at_once(client, pages_uncached):
    today = timezone.localdate()
    Event.objects.filter(start__date=today).delete()
    before = _sidebar(client.get(URL).content.decode())
    assert "cal__day--events" not in _day_classes(before, today)
    event = Event.objects.filter(status=Event.Status.DRAFT).first()
    event.start = local_midnight(today) + timedelta(hours=12)
    event.end = event.start + timedelta(hours=1)
    event.status = Event.Status.PUBLISHED
    event.save()
    after = _sidebar(client.get(URL).content.decode())
    assert "cal__day--events" in _day_classes(after, today)


def test_any_saved_row_renders_the_parts_anew(client, pages_uncached):
    client.get(URL)
    Organisation.objects.get(slug="iqz").save()
    count, _html = _queries(client, URL)
    next_count, _ = _queries(client, URL)
    assert count > next_count


def _nav(html: str) -> str:
    return html[html.index('<nav class="main-nav"'):html.index("</nav>", html.index('<nav class="main-nav"'))]


def _breadcrumb(html: str) -> str:
    return html[html.index('<nav class="breadcrumb"'):html.index("</nav>", html.index('<nav class="breadcrumb"'))]


def test_navigation_and_breadcrumb_follow_the_page_shown(client, pages_uncached):
    for _ in range(2):
        qualification = client.get(URL).content.decode()
        events = client.get("/veranstaltungen/2008/5/").content.decode()
    assert 'href="/qualifizierung/" aria-current="page"' in _nav(qualification)
    assert 'aria-current="page">Qualifizierung<' in _breadcrumb(qualification)
    assert 'href="/veranstaltungen/" aria-current="page"' in _nav(events)
    assert "Qualifizierung" not in _breadcrumb(events)
    pages_uncached.PORTAL_CACHES = False
    assert client.get(URL).content.decode() == qualification, "cached navigation is exactly a full render"


def test_a_published_page_shows_in_the_cached_navigation_at_once(client, iqz_client, pages_uncached):
    from cms.api import create_page
    from cms.models import PageContent
    from django.contrib.auth import get_user_model
    from djangocms_versioning.models import Version

    client.get(URL)
    assert "Neuer Fachtag" not in _nav(client.get(URL).content.decode())
    page = create_page("Neuer Fachtag", "pages/content.html", "de", slug="neuer-fachtag",
                       created_by=get_user_model().objects.get(username="iqz"), in_navigation=True)
    version = Version.objects.get_for_content(PageContent.admin_manager.get(page=page, language="de"))
    assert "Neuer Fachtag" not in _nav(client.get(URL).content.decode()), "a draft stays out of the menu"
    response = iqz_client.post(f"/admin/djangocms_versioning/pagecontentversion/{version.pk}/publish/")
    assert response.status_code == 302
    assert '>Neuer Fachtag</a>' in _nav(client.get(URL).content.decode())
    assert 'aria-current="page">Neuer Fachtag<' in _breadcrumb(client.get("/neuer-fachtag/").content.decode())


def test_the_language_switch_links_to_this_page_in_the_other_language(client, pages_uncached):
    html = client.get("/veranstaltungen/2008/5/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/events/2008/5/">' in html
    assert '<a href="/en/events/2008/5/" hreflang="en" lang="en" dir="ltr">English</a>' in html
    english = client.get("/en/qualification/").content.decode()
    assert '<a href="/qualifizierung/" hreflang="de" lang="de" dir="ltr">Deutsch</a>' in english
    assert '<span aria-current="true" lang="en" dir="ltr">English</span>' in english


def test_the_sidebar_calendar_follows_the_month_shown(client, pages_uncached):
    may = _sidebar(client.get("/veranstaltungen/2008/5/").content.decode())
    other = _sidebar(client.get(URL).content.decode())
    assert "Mai 2008" in may
    assert "Mai 2008" not in other
    assert _sidebar(client.get("/veranstaltungen/2008/5/").content.decode()) == may


def test_editors_get_a_fresh_render(iqz_client, pages_uncached):
    anonymous = Client()
    anonymous.get(URL)
    html = iqz_client.get(URL).content.decode()
    assert "cms-toolbar" in html
    count, _ = _queries(iqz_client, URL)
    anonymous_count, _ = _queries(anonymous, URL)
    assert count > anonymous_count


def test_the_home_page_is_in_the_page_cache(client, portal_caches, django_assert_num_queries):
    """Its "Nächste Termine" plugin makes django CMS send no-cache; the generation keeps it correct."""
    first = client.get("/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.content == first.content
    Organisation.objects.get(slug="iqz").save()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) > 0, "rendered anew after a save"


def test_apphook_revision_check_needs_no_query(client, pages_uncached):
    from cms.models import UrlconfRevision

    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert not any("cms_urlconfrevision" in q["sql"] for q in queries.captured_queries)
    # A new revision (an apphook changed) is picked up on the next request.
    revision = UrlconfRevision.objects.get()
    revision.revision = "neu"
    revision.save()
    from cms.utils import apphook_reload

    client.get(URL)
    assert apphook_reload.get_local_revision() == "neu"


def test_a_published_placeholder_change_shows_at_once(pages_uncached, user_by_name):
    from cms.models import PageContent
    from djangocms_versioning.models import Version

    visitor, iqz = Client(), user_by_name("iqz")
    visitor.get(URL)
    assert "Familienmanagerinnen" in visitor.get(URL).content.decode()
    published = Version.objects.get_for_content(
        PageContent.admin_manager.filter(page__urls__slug="qualifizierung", language="de").current_content().get()
    )
    draft = published.copy(iqz)
    text = draft.content.get_placeholders().get(slot="content").get_plugins("de").first().get_bound_plugin()
    text.body = "<p>Neu gefasste Qualifizierung Seidenreiher</p>"
    text.save()
    assert "Seidenreiher" not in visitor.get(URL).content.decode(), "a draft stays invisible"
    draft.publish(iqz)
    assert "Seidenreiher" in visitor.get(URL).content.decode()


def _event_ending_soon(title, minutes=2):
    """A single date that began ten minutes ago and ends in `minutes`: the first of every upcoming list."""
    event = Event.objects.published().filter(rrule="").first()
    event.pk, event.uid = None, uuid.uuid4()
    event.slug = slugify(title)
    event.title_de = title
    event.start = timezone.now() - timedelta(minutes=10)
    event.end = timezone.now() + timedelta(minutes=minutes)
    event.all_day = False
    event.save()
    return event


def test_next_dates_leave_the_cached_home_page_when_they_end(client, portal_caches):
    """The page cache keeps the home page only until the first of "Nächste Termine" ends (its part says so)."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _event_ending_soon("Termin kurz vor Schluss")
        assert "Termin kurz vor Schluss" in client.get("/").content.decode()
        assert "Termin kurz vor Schluss" in client.get("/").content.decode(), "from the page cache"
        clock.shift(timedelta(minutes=2, seconds=1))  # well within PORTAL_CACHE_SECONDS
        assert "Termin kurz vor Schluss" not in client.get("/").content.decode()


def test_all_dates_drop_a_date_when_it_ends(client, pages_uncached):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _event_ending_soon("Endet gleich im Terminplan")
        assert "Endet gleich im Terminplan" in client.get("/veranstaltungen/").content.decode()
        assert "Endet gleich im Terminplan" in client.get("/veranstaltungen/").content.decode()
        clock.shift(timedelta(minutes=2, seconds=1))
        assert "Endet gleich im Terminplan" not in client.get("/veranstaltungen/").content.decode()
