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
URLS = ["/fachtag-kormoranbruecke/", "/", "/sitemap.xml", f"/suche/?q={WORD}"]


@pytest.fixture
def draft_page(user_by_name):
    page = create_page(f"Fachtag {WORD}", "pages/content.html", "de", slug="fachtag-kormoranbruecke",
                       created_by=user_by_name("iqz"), in_navigation=True)
    content = PageContent.admin_manager.get(page=page, language="de")
    add_plugin(content.get_placeholders().get(slot="content"), "TextPlugin", "de", body=f"<p>Text zur {WORD}</p>")
    return content


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
