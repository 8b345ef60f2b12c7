"""
Approval with a publication time ("Veröffentlichen am (optional)" next to the comment), through the real
admin and CMS endpoints as the IQZ: an event, a report or a profile is published with "veröffentlichen am",
a page version with djangocms-timed-publishing's visibility start; an anonymous visitor (caches on and
warm) sees nothing before that minute and the content everywhere from it on. A time not in the future
publishes at once; an invalid time is a form error; the author's mail and start page name the moment.
"""

from datetime import timedelta

import pytest
import time_machine
from cms.api import add_plugin, create_page
from cms.models import PageContent
from django.core import mail
from django.test import Client
from django.urls import reverse
from djangocms_timed_publishing.models import TimedPublishingInterval
from djangocms_versioning.constants import DRAFT, PUBLISHED, UNPUBLISHED
from djangocms_versioning.models import Version

from events.models import Event
from reviews import services
from reviews.models import Review
from tests.authz.support import client_as
from tests.events.factories import EventFactory, local
from tests.familie_portal import test_scheduling, test_timed_publishing
from tests.reviews.conftest import set_review

pytestmark = pytest.mark.django_db
MOMENT = test_scheduling.MOMENT  # Monday 6 March 2028, 9:00 in Berlin
DAY_BEFORE = MOMENT - timedelta(days=1)
WORD = test_scheduling.WORD


def _time_fields(moment) -> dict[str, str]:
    moment = moment.astimezone(MOMENT.tzinfo)
    return {"publish_at_0": moment.strftime("%d.%m.%Y"), "publish_at_1": moment.strftime("%H:%M")}


def _event_step(event, step):
    return reverse("admin:events_event_review", args=(event.pk, step))


def _page_step(content, step):
    return reverse("admin:reviews_page_review", args=(content.pk, step))


@pytest.fixture
def submitted_event(bochum_org, users):
    event = EventFactory(organiser=bochum_org, status=Event.Status.DRAFT, title_de=f"Fachtag an der {WORD}",
                         slug="fachtag-kormoranbruecke", start=MOMENT + timedelta(hours=2))
    with time_machine.travel(DAY_BEFORE, tick=False):
        services.submit_for_review(obj=event, user=users["bochum"], comment="Bitte am Montag veröffentlichen")
    return event


@pytest.fixture
def submitted_page(users):
    page = create_page(f"Fachtag {WORD}", "pages/content.html", "de", slug="fachtag-kormoranbruecke",
                       created_by=users["bochum"], in_navigation=True)
    content = PageContent.admin_manager.get(page=page, language="de")
    add_plugin(content.get_placeholders().get(slot="content"), "TextPlugin", "de", body=f"<p>Text zur {WORD}</p>")
    with time_machine.travel(DAY_BEFORE, tick=False):
        services.submit_for_review(obj=content, user=users["bochum"], comment="Neue Seite")
    return content


def _approve(url, moment, comment="Passt"):
    """The IQZ's decision page and POST, the day before (logged in then)."""
    with time_machine.travel(DAY_BEFORE, tick=False):
        iqz = client_as("iqz")
        html = iqz.get(url).content.decode()
        assert "Veröffentlichen am (optional)" in html and 'name="publish_at_0"' in html
        assert "admin/js/admin/DateTimeShortcuts.js" in html, "the admin's date and time widgets"
        return iqz.post(url, {"comment": comment, **_time_fields(moment)})


@pytest.mark.usefixtures("portal_caches")
def test_an_event_approved_for_9_appears_everywhere_at_9(submitted_event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _approve(_event_step(submitted_event, "freigeben"), MOMENT)
    assert response.status_code == 302, response.content.decode()[:2000]
    submitted_event.refresh_from_db()
    assert (submitted_event.status, submitted_event.publish_at) == (Event.Status.PUBLISHED, MOMENT)
    assert Review.objects.get().publish_at == MOMENT

    urls = test_scheduling.EVENT_URLS
    before = MOMENT - timedelta(minutes=1)
    assert test_scheduling._at(before, urls) == dict.fromkeys(urls, False), "not yet, and now cached"
    assert test_scheduling._at(before, urls) == dict.fromkeys(urls, False), "from the caches"
    assert test_scheduling._at(MOMENT, urls) == dict.fromkeys(urls, True)

    approved = mail.outbox[-1]
    assert approved.to == ["bochum@example.org"]
    assert "Freigegeben, wird am 06.03.2028 um 09:00 Uhr veröffentlicht" in approved.subject
    assert "wird am 06.03.2028 um 09:00 Uhr veröffentlicht" in approved.body


@pytest.mark.usefixtures("portal_caches")
def test_a_page_approved_for_9_appears_at_9(submitted_page):
    response = _approve(_page_step(submitted_page, "freigeben"), MOMENT)
    assert response.status_code == 302, response.content.decode()[:2000]
    version = Version.objects.get_for_content(PageContent.admin_manager.get(pk=submitted_page.pk))
    assert version.state == PUBLISHED
    assert TimedPublishingInterval.objects.get(version=version).start == MOMENT

    with time_machine.travel(MOMENT - timedelta(minutes=1), tick=False):
        seen = test_timed_publishing._visitor_sees()
        assert seen == dict.fromkeys(test_timed_publishing.URLS, False), "not yet, and the pages are cached"
        assert test_timed_publishing._visitor_sees() == seen
    with time_machine.travel(MOMENT + timedelta(seconds=1), tick=False):
        assert test_timed_publishing._visitor_sees() == dict.fromkeys(test_timed_publishing.URLS, True)


def test_a_time_not_in_the_future_publishes_at_once(submitted_event):
    response = _approve(_event_step(submitted_event, "freigeben"), DAY_BEFORE - timedelta(hours=1))
    assert response.status_code == 302
    submitted_event.refresh_from_db()
    assert (submitted_event.status, submitted_event.publish_at) == (Event.Status.PUBLISHED, None)
    assert Review.objects.get().publish_at is None
    with time_machine.travel(DAY_BEFORE, tick=False):
        assert Event.objects.published().filter(pk=submitted_event.pk).exists()


def test_an_invalid_time_is_a_form_error_in_plain_german(submitted_event):
    url = _event_step(submitted_event, "freigeben")
    with time_machine.travel(DAY_BEFORE, tick=False):
        iqz = client_as("iqz")
        response = iqz.post(url, {"comment": "", "publish_at_0": "31.02.2028", "publish_at_1": "09:00"})
        assert response.status_code == 200
        assert "Bitte ein Datum wie 12.05.2027 eingeben." in response.content.decode()
        response = iqz.post(url, {"comment": "", "publish_at_0": "06.03.2028", "publish_at_1": "9 Uhr"})
        assert "Bitte eine Uhrzeit wie 10:00 eingeben." in response.content.decode()
    submitted_event.refresh_from_db()
    assert submitted_event.status == Event.Status.DRAFT
    assert Review.objects.get().state == Review.State.SUBMITTED


def test_the_time_the_author_planned_is_offered_and_kept(bochum_org, users):
    """"veröffentlichen am" set by the author before submitting: the decision page proposes it."""
    event = EventFactory(organiser=bochum_org, status=Event.Status.DRAFT, publish_at=MOMENT)
    with time_machine.travel(DAY_BEFORE, tick=False):
        services.submit_for_review(obj=event, user=users["bochum"], comment="Ab Montag")
        iqz = client_as("iqz")
        html = iqz.get(_event_step(event, "freigeben")).content.decode()
        assert 'value="06.03.2028"' in html and 'value="09:00:00"' in html
        iqz.post(_event_step(event, "freigeben"), {"comment": "", **_time_fields(MOMENT)})
    event.refresh_from_db()
    assert (event.status, event.publish_at) == (Event.Status.PUBLISHED, MOMENT)


def test_the_authors_start_page_says_when_it_will_be_published(submitted_event, users):
    _approve(_event_step(submitted_event, "freigeben"), MOMENT)
    with time_machine.travel(DAY_BEFORE + timedelta(hours=1), tick=False):
        html = client_as("bochum").get("/admin/").content.decode()
        start = html.index('id="start-approved"')
        section = html[start:html.index('class="start-page__section', start)]
        assert "Fachtag an der" in section
        assert "freigegeben, wird am 06.03.2028 um 09:00 Uhr veröffentlicht" in section
        assert f"/admin/events/event/{submitted_event.pk}/change/" in section
    with time_machine.travel(MOMENT + timedelta(minutes=1), tick=False):
        html = client_as("bochum").get("/admin/").content.decode()
        assert "freigegeben, wird am" not in html, "published now: no longer to come"


@pytest.mark.usefixtures("portal_caches")
def test_a_new_page_version_approved_for_9_replaces_the_public_one_at_9(users):
    """The Bochum page's public version stays public until the approved moment, then the new one shows."""
    content = PageContent.objects.get(page__reverse_id="kommune-bochum", language="de")
    url, published = content.get_absolute_url(), Version.objects.get_for_content(content)
    with time_machine.travel(DAY_BEFORE - timedelta(hours=1), tick=False):
        draft = published.copy(users["bochum"])
    add_plugin(draft.content.get_placeholders().get(slot="content"), "TextPlugin", "de",
               body=f"<p>Neue Öffnungszeiten an der {WORD}</p>")
    with time_machine.travel(DAY_BEFORE - timedelta(minutes=30), tick=False):
        services.submit_for_review(obj=draft.content, user=users["bochum"], comment="Neue Öffnungszeiten")
    with time_machine.travel(DAY_BEFORE, tick=False):
        html = client_as("iqz").get(_page_step(draft.content, "freigeben")).content.decode()
    assert "bleibt die jetzt veröffentlichte Fassung bis dahin öffentlich und wird dann ersetzt" in html
    response = _approve(_page_step(draft.content, "freigeben"), MOMENT)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Version.objects.get(pk=draft.pk).state == DRAFT, "waits for its moment"
    with time_machine.travel(DAY_BEFORE + timedelta(hours=1), tick=False):
        html = client_as("bochum").get("/admin/").content.decode()
        start = html.index('id="start-scheduled"')
        assert "veröffentlichen am 06.03.2028 09:00" in html[start:html.index('class="start-page__section', start)]

    def visitor_reads():
        visitor = Client()
        page = visitor.get(url)
        sitemap = visitor.get("/sitemap-seiten-de.xml").content.decode()
        return page.status_code, WORD in page.content.decode(), f"{url}</loc>" in sitemap

    with time_machine.travel(MOMENT - timedelta(minutes=1), tick=False):
        assert visitor_reads() == (200, False, True), "the public version, and now cached"
        assert visitor_reads() == (200, False, True)
        assert Version.objects.get(pk=published.pk).state == PUBLISHED
    with time_machine.travel(MOMENT + timedelta(seconds=1), tick=False):
        assert visitor_reads() == (200, True, True)
    assert Version.objects.get(pk=draft.pk).state == PUBLISHED
    assert Version.objects.get(pk=published.pk).state == UNPUBLISHED


def test_review_off_changes_nothing_for_deciding(submitted_event):
    """A city without review still does not decide on submissions, with or without a time."""
    set_review("bochum", False)
    response = client_as("bochum").post(_event_step(submitted_event, "freigeben"),
                                        {"comment": "", **_time_fields(local(2028, 3, 6, 9))})
    assert response.status_code == 403
    submitted_event.refresh_from_db()
    assert (submitted_event.status, submitted_event.publish_at) == (Event.Status.DRAFT, None)


def _delete_plugin_as(username, plugin):
    return client_as(username).post(reverse("admin:cms_placeholder_delete_plugin", args=[plugin.pk]), {"post": "yes"})


def test_a_page_draft_waiting_for_review_or_for_its_moment_changes_only_through_the_iqz(users):
    """What the IQZ approved is what goes public: while a page draft waits, its reviewed editor changes nothing
    of it (django CMS's own plugin endpoint, through djangocms-versioning's check), the IQZ still may."""
    content = PageContent.objects.get(page__reverse_id="kommune-bochum", language="de")
    with time_machine.travel(DAY_BEFORE - timedelta(hours=1), tick=False):
        draft = Version.objects.get_for_content(content).copy(users["bochum"])
    placeholder = draft.content.get_placeholders().get(slot="content")
    first = add_plugin(placeholder, "TextPlugin", "de", body=f"<p>Neue Öffnungszeiten an der {WORD}</p>")
    second = add_plugin(placeholder, "TextPlugin", "de", body="<p>Noch ein Absatz</p>")
    assert draft.check_modify.as_bool(users["bochum"]), "a draft of one's own city, not yet submitted"
    with time_machine.travel(DAY_BEFORE - timedelta(minutes=30), tick=False):
        services.submit_for_review(obj=draft.content, user=users["bochum"], comment="Neue Öffnungszeiten")
        assert _delete_plugin_as("bochum", first).status_code == 403
        assert placeholder.get_plugins().filter(pk=first.pk).exists(), "waiting for the review: unchanged"
    response = _approve(_page_step(draft.content, "freigeben"), MOMENT)
    assert response.status_code == 302
    with time_machine.travel(DAY_BEFORE + timedelta(hours=1), tick=False):
        assert _delete_plugin_as("bochum", first).status_code == 403
        assert placeholder.get_plugins().filter(pk=first.pk).exists(), "approved for 9:00: goes public as approved"
        assert "ersetzt die veröffentlichte Fassung" in str(draft.check_modify.as_bool(users["bochum"]))
        assert _delete_plugin_as("iqz", second).status_code == 200
        assert not placeholder.get_plugins().filter(pk=second.pk).exists(), "the IQZ still edits it"
