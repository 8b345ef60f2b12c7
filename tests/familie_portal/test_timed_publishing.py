"""
CMS pages published with time limits (djangocms-timed-publishing, through djangocms-versioning's
"Veröffentlichen mit Zeitgrenzen" endpoint as the IQZ editor): a page published for 9:00 appears at
9:00 for anonymous visitors with the caches on and warm (page, navigation, search, sitemap), one
visible until 9:00 is gone at 9:00.
"""

from datetime import timedelta

import pytest
import time_machine
from cms.api import add_plugin, create_page
from cms.models import PageContent
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from djangocms_timed_publishing.models import TimedPublishingInterval
from djangocms_versioning.constants import PUBLISHED
from djangocms_versioning.models import Version

from tests.events.factories import local

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal_caches")]
MOMENT = local(2028, 3, 6, 9, 0)
WORD = "Kormoranbrücke"
URLS = ["/fachtag-kormoranbruecke/", "/", "/sitemap-seiten-de.xml", f"/suche/?q={WORD}"]


def make_draft_page(user) -> PageContent:
    page = create_page(f"Fachtag {WORD}", "pages/content.html", "de", slug="fachtag-kormoranbruecke",
                       created_by=user, in_navigation=True)
    content = PageContent.admin_manager.get(page=page, language="de")
    add_plugin(content.get_placeholders().get(slot="content"), "TextPlugin", "de", body=f"<p>Text zur {WORD}</p>")
    return content


@pytest.fixture
def draft_page(user_by_name):
    return make_draft_page(user_by_name("iqz"))


def _visitor_sees() -> dict[str, bool]:
    visitor = Client()
    seen = {}
    for url in URLS:
        response = visitor.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        seen[url] = response.status_code == 200 and "fachtag-kormoranbruecke" in response.content.decode()
    return seen


def _publish_with_time_limits(content, **fields) -> Version:
    """As the IQZ editor, logged in then (a session of today would have expired by 2028)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username="iqz"))
    version = Version.objects.get_for_content(content)
    url = reverse("admin:djangocms_versioning_pagecontentversion_timed_publish", args=(version.pk,))
    assert client.get(url).status_code == 200, "the dialog"
    data = {}
    for name, moment in fields.items():
        moment = moment.astimezone(MOMENT.tzinfo)
        data |= {f"{name}_0": moment.strftime("%d.%m.%Y"), f"{name}_1": moment.strftime("%H:%M")}
    response = client.post(url, data)
    assert response.status_code == 200, response.content.decode()[:500]
    version = Version.objects.get(pk=version.pk)
    assert version.state == PUBLISHED
    return version


def test_a_page_published_for_9_appears_at_9(draft_page):
    with time_machine.travel(MOMENT - timedelta(days=1), tick=False):
        version = _publish_with_time_limits(draft_page, visibility_start=MOMENT)
    assert TimedPublishingInterval.objects.get(version=version).start == MOMENT
    with time_machine.travel(MOMENT - timedelta(minutes=1), tick=False):
        assert _visitor_sees() == dict.fromkeys(URLS, False), "not yet, and the pages are cached"
        assert _visitor_sees() == dict.fromkeys(URLS, False)
    with time_machine.travel(MOMENT + timedelta(seconds=1), tick=False):
        assert _visitor_sees() == dict.fromkeys(URLS, True)


def test_a_page_visible_until_9_is_gone_at_9(draft_page):
    with time_machine.travel(MOMENT - timedelta(days=1), tick=False):
        _publish_with_time_limits(draft_page, visibility_end=MOMENT)
    with time_machine.travel(MOMENT - timedelta(minutes=1), tick=False):
        assert _visitor_sees() == dict.fromkeys(URLS, True), "visible, and the pages are cached"
    with time_machine.travel(MOMENT, tick=False):
        assert _visitor_sees() == dict.fromkeys(URLS, False)


OLD, NEW = "Reiherinsel", "Kranichwiese"


@pytest.fixture
def published_page(draft_page, user_by_name):
    """The page as the public knows it (text with OLD), and a new draft of it (text with NEW)."""
    iqz = user_by_name("iqz")
    placeholder = draft_page.get_placeholders().get(slot="content")
    add_plugin(placeholder, "TextPlugin", "de", body=f"<p>Öffnungszeiten {OLD}</p>")
    with time_machine.travel(MOMENT - timedelta(days=2), tick=False):
        Version.objects.get_for_content(draft_page).publish(iqz)
        draft = Version.objects.get_for_content(draft_page).copy(iqz)
    placeholder = draft.content.get_placeholders().get(slot="content")
    for plugin in placeholder.get_plugins():
        plugin.get_bound_plugin().delete()  # the draft's copies of the texts
    add_plugin(placeholder, "TextPlugin", "de", body=f"<p>Text zur {WORD}, neue Öffnungszeiten {NEW}</p>")
    return draft.content


def _visitor_reads() -> dict[str, object]:
    visitor = Client()
    page = visitor.get("/fachtag-kormoranbruecke/")
    html = page.content.decode()
    return {
        "page": page.status_code,
        "text": OLD if OLD in html else NEW if NEW in html else None,
        "menu": 'href="/fachtag-kormoranbruecke/"' in visitor.get("/").content.decode(),
        "sitemap": "fachtag-kormoranbruecke" in visitor.get("/sitemap-seiten-de.xml").content.decode(),
        "search": [word for word in (OLD, NEW) if f"<mark>{word}</mark>" in visitor.get(
            f"/suche/?q={word}").content.decode()],
    }


def test_a_new_version_for_later_replaces_the_public_one_at_its_moment(published_page):
    """The public version stays until 9:00 (djangocms-versioning alone would end it at the publish)."""
    old = Version.objects.get(state=PUBLISHED, content_type__model="pagecontent",
                              object_id__in=PageContent.admin_manager.filter(page=published_page.page).values("pk"))
    with time_machine.travel(MOMENT - timedelta(days=1), tick=False):
        client = Client()
        client.force_login(get_user_model().objects.get(username="iqz"))
        version = Version.objects.get_for_content(published_page)
        url = reverse("admin:djangocms_versioning_pagecontentversion_timed_publish", args=(version.pk,))
        response = client.post(url, {"visibility_start_0": "06.03.2028", "visibility_start_1": "09:00"})
        assert response.status_code == 200, response.content.decode()[:500]
        assert "bleibt die jetzt veröffentlichte Fassung öffentlich" in client.get(
            reverse("admin:djangocms_versioning_pagecontentversion_changelist") + f"?page={published_page.page.pk}"
        ).content.decode()
    public = {"page": 200, "menu": True, "sitemap": True}
    with time_machine.travel(MOMENT - timedelta(minutes=1), tick=False):
        assert _visitor_reads() == {**public, "text": OLD, "search": [OLD]}, "the old version, and cached"
        assert _visitor_reads() == {**public, "text": OLD, "search": [OLD]}
        assert Version.objects.get(pk=old.pk).state == PUBLISHED
    with time_machine.travel(MOMENT + timedelta(seconds=1), tick=False):
        assert _visitor_reads() == {**public, "text": NEW, "search": [NEW]}
    assert Version.objects.get(pk=version.pk).state == PUBLISHED
    assert Version.objects.get(pk=old.pk).state == "unpublished"
    assert TimedPublishingInterval.objects.get(version=version).start == MOMENT


def test_a_new_version_for_later_is_published_by_the_daily_job_too(published_page):
    from familie_portal.page_schedule import planned
    from familie_portal.tasks import SCHEDULED_JOBS, publish_scheduled_pages

    version = Version.objects.get_for_content(published_page)
    with time_machine.travel(MOMENT - timedelta(days=1), tick=False):
        from familie_portal.page_schedule import publish_version

        assert publish_version(version, get_user_model().objects.get(username="iqz"), start=MOMENT) is not None
        assert planned(version) is not None
    assert publish_scheduled_pages in SCHEDULED_JOBS["daily"]
    with time_machine.travel(MOMENT + timedelta(hours=3), tick=False):
        assert publish_scheduled_pages.call() == 1
        assert publish_scheduled_pages.call() == 0
    assert Version.objects.get(pk=version.pk).state == PUBLISHED
