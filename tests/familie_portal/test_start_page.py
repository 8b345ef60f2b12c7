"""
The editor's start page (the admin's first page, familie_portal.editorial): what is waiting for the signed-in
editor, within what they may edit, and "noch aktuell" for content nobody has touched for a year.
"""

from datetime import timedelta

import pytest
import time_machine
from cms.models import PageContent
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from djangocms_versioning import constants
from djangocms_versioning.models import Version

from events.models import Event
from familie_portal import caching
from familie_portal.models import ContentCheck
from managers.models import Organisation
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

BOCHUM_EVENT = "familienfest-im-stadtpark-bochum-2008"
A_YEAR_LATER = timedelta(days=400)


def _section(html: str, key: str) -> str:
    """The markup of one section of the start page (from its heading to the next section)."""
    start = html.index(f'id="start-{key}"')
    end = html.find('class="start-page__section', start)
    return html[start:end if end != -1 else len(html)]


def _draft(organiser_slug: str, title: str) -> Event:
    return EventFactory(title_de=title, status=Event.Status.DRAFT,
                        organiser=Organisation.objects.get(slug=organiser_slug))


def test_a_municipal_editor_sees_their_drafts_and_not_another_citys(client, user_by_name):
    _draft("stadt-bochum", "Bochumer Entwurf")
    _draft("stadt-gelsenkirchen", "Gelsenkirchener Entwurf")
    client.force_login(user_by_name("bochum"))

    response = client.get("/admin/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Meine Startseite" in html
    drafts = _section(html, "drafts")
    assert "Bochumer Entwurf" in drafts
    assert "Gelsenkirchener Entwurf" not in html
    event = Event.objects.get(title_de="Bochumer Entwurf")
    assert f"/admin/events/event/{event.pk}/change/" in drafts
    for heading in ("Zur Prüfung eingereicht", "An mich zurückgegeben", "Geplant", "Meine nächsten Termine"):
        assert heading in html
    assert "Nichts offen" not in html, "an empty section says so in its own words"


def test_next_events_are_the_editors_upcoming_dates_in_local_time(client, user_by_name):
    start = timezone.now().replace(microsecond=0) + timedelta(days=5)
    EventFactory(title_de="Bald in Bochum", organiser=Organisation.objects.get(slug="stadt-bochum"), start=start)
    EventFactory(title_de="Bald beim IQZ", start=start)
    client.force_login(user_by_name("bochum"))

    section = _section(client.get("/admin/").content.decode(), "next_events")

    assert "Bald in Bochum" in section
    assert "Bald beim IQZ" not in section
    assert timezone.localtime(start).strftime("%d.%m.%Y %H:%M") in section


def test_an_all_day_date_shows_its_day_without_a_time(client, user_by_name):
    day = timezone.localtime(timezone.now() + timedelta(days=6)).replace(hour=0, minute=0, second=0, microsecond=0)
    EventFactory(title_de="Ganzer Tag in Bochum", organiser=Organisation.objects.get(slug="stadt-bochum"),
                 start=day, end=day + timedelta(days=1), all_day=True)
    client.force_login(user_by_name("bochum"))

    section = _section(client.get("/admin/").content.decode(), "next_events")

    line = section[section.index("Ganzer Tag in Bochum"):]
    assert line.split("</li>")[0].count(day.strftime("%d.%m.%Y")) == 1
    assert day.strftime("%d.%m.%Y") + " 00:00" not in line.split("</li>")[0]


def test_content_untouched_for_a_year_is_listed_and_noch_aktuell_takes_it_off(client, user_by_name):
    event = Event.objects.get(slug=BOCHUM_EVENT)
    client.force_login(user_by_name("bochum"))
    assert str(event.title) not in _section(client.get("/admin/").content.decode(), "stale")

    with time_machine.travel(timezone.now() + A_YEAR_LATER, tick=False):
        client.force_login(user_by_name("bochum"))
        stale = _section(client.get("/admin/").content.decode(), "stale")
        assert event.title in stale
        assert "noch aktuell" in stale
        generation = caching.generation()

        response = client.post("/admin/noch-aktuell/", {
            "content_type": ContentType.objects.get_for_model(Event).pk, "object_id": event.pk,
        })

        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        check = ContentCheck.objects.get(object_id=event.pk)
        assert check.checked_by.username == "bochum"
        assert event.title not in _section(client.get("/admin/").content.decode(), "stale")
        assert caching.generation() == generation, "confirming changes nothing public: the caches stay warm"


def test_noch_aktuell_refuses_what_the_editor_may_not_change(client, user_by_name):
    event = Event.objects.get(slug=BOCHUM_EVENT)
    event_type = ContentType.objects.get_for_model(Event).pk
    client.force_login(user_by_name("gelsenkirchen"))

    assert client.post("/admin/noch-aktuell/", {"content_type": event_type, "object_id": event.pk}).status_code == 403
    assert client.post("/admin/noch-aktuell/", {"content_type": event_type, "object_id": 999999}).status_code == 404
    assert client.post("/admin/noch-aktuell/", {"content_type": "x", "object_id": event.pk}).status_code == 400
    assert client.post("/admin/noch-aktuell/", {"object_id": event.pk}).status_code == 400
    assert client.post("/admin/noch-aktuell/", {"content_type": 999999, "object_id": 1}).status_code == 400
    user_type = ContentType.objects.get_by_natural_key("auth", "user").pk
    assert client.post("/admin/noch-aktuell/", {"content_type": user_type, "object_id": 1}).status_code == 403
    assert client.get("/admin/noch-aktuell/").status_code == 405
    assert not ContentCheck.objects.exists()

    client.logout()
    response = client.post("/admin/noch-aktuell/", {"content_type": event_type, "object_id": event.pk})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not ContentCheck.objects.exists()


def test_the_editors_page_drafts_are_listed_with_their_edit_link(client, user_by_name):
    bochum = user_by_name("bochum")
    published = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(PageContent), state=constants.PUBLISHED,
    ).first()
    draft = published.copy(bochum)
    client.force_login(bochum)

    drafts = _section(client.get("/admin/").content.decode(), "drafts")

    assert draft.content.title in drafts
    content_type = ContentType.objects.get_for_model(PageContent).pk
    assert f"/admin/cms/placeholder/object/{content_type}/edit/{draft.content.pk}/" in drafts


def test_the_iqz_sees_its_own_drafts_not_every_citys_and_reports_not_checked(client, user_by_name):
    _draft("stadt-gelsenkirchen", "Gelsenkirchener Entwurf")
    _draft("iqz", "Entwurf des IQZ")
    client.force_login(user_by_name("iqz"))

    with time_machine.travel(timezone.now() + A_YEAR_LATER, tick=False):
        client.force_login(user_by_name("iqz"))
        html = client.get("/admin/").content.decode()

    assert "Entwurf des IQZ" in _section(html, "drafts")
    assert "Gelsenkirchener Entwurf" not in html, "another organisation's draft is not the IQZ's"
    assert "Werkstattbericht" in _section(html, "stale")


def test_the_start_page_does_not_grow_in_queries_with_the_data(client, user_by_name, django_assert_max_num_queries):
    client.force_login(user_by_name("iqz"))
    with django_assert_max_num_queries(80) as few:
        client.get("/admin/")
    for i in range(25):
        _draft("iqz", f"Entwurf {i}")
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        html = client.get("/admin/").content.decode()
    assert "weitere Einträge" in _section(html, "drafts")


def test_reviews_waiting_and_returned_are_on_the_start_pages(client, user_by_name):
    from reviews import services

    first = _draft("stadt-bochum", "Zur Prüfung")
    second = _draft("stadt-bochum", "Zurückbekommen")
    bochum, iqz = user_by_name("bochum"), user_by_name("iqz")
    services.submit_for_review(obj=first, user=bochum, comment="Bitte prüfen")
    returned = services.submit_for_review(obj=second, user=bochum, comment="Auch diese")
    services.return_to_author(review=returned, user=iqz, comment="Ort fehlt")

    client.force_login(bochum)
    html = client.get("/admin/").content.decode()
    assert "Zur Prüfung" in _section(html, "in_review")
    assert "Bitte prüfen" in _section(html, "in_review")
    assert "Zurückbekommen" in _section(html, "returned") and "Ort fehlt" in _section(html, "returned")
    assert f"/admin/events/event/{second.pk}/change/" in _section(html, "returned")

    client.force_login(iqz)
    html = client.get("/admin/").content.decode()
    assert "Zur Prüfung" in _section(html, "in_review"), "the IQZ sees everything waiting for it"
    assert 'id="start-returned"' not in html and "Zurückbekommen" not in html, "returned to its author, not the IQZ"


def test_scheduled_content_is_listed_with_its_moment(client, user_by_name):
    soon = timezone.now().replace(second=0, microsecond=0) + timedelta(days=2)
    event = EventFactory(title_de="Erscheint bald", organiser=Organisation.objects.get(slug="stadt-bochum"),
                         publish_at=soon)
    client.force_login(user_by_name("bochum"))

    section = _section(client.get("/admin/").content.decode(), "scheduled")

    assert "Erscheint bald" in section
    assert f"/admin/events/event/{event.pk}/change/" in section
    assert "veröffentlichen am " + timezone.localtime(soon).strftime("%d.%m.%Y %H:%M") in section
