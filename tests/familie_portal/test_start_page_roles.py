"""
The start page per role (familie_portal.editorial): next steps at the top, the sections that matter to the
role, friendly lines when there is nothing, the IQZ's review queue oldest first, lists scoped to the editor's
own organisation ("Meine …": familie_portal.editorial.own), and "Ihre Kommunalseite bearbeiten": one click
(a POST to djangocms-versioning's edit redirect) into the CMS editor of the editor's own page.
"""

import re
from datetime import timedelta

import pytest
import reversion
import time_machine
from cms.models import PageContent
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from djangocms_versioning import constants
from djangocms_versioning.models import Version

from events.models import Event
from managers.models import FamilyManager, Municipality, Organisation
from reviews import services
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(timezone.datetime(2026, 11, 2, 10, 0))


def _section(html: str, key: str) -> str:
    start = html.index(f'id="start-{key}"')
    end = html.find('class="start-page__section', start)
    return html[start:end if end != -1 else len(html)]


def _steps(html: str) -> str:
    start = html.index('id="start-steps"')
    return html[start:html.index("start-page__sections", start)]


def _sections(html: str) -> list[str]:
    return re.findall(r'id="start-([a-z_]+)"', html[html.index("start-page__sections"):])


def _edit_step_action(html: str) -> str:
    """The address of the form of "Ihre Kommunalseite bearbeiten"."""
    form = re.search(r'<form method="post" action="([^"]+)">[^<]*<input[^>]*>\s*<button[^>]*>Ihre Kommunalseite '
                     r'bearbeiten</button>', _steps(html))
    assert form, "the next step is a one-button form"
    return form.group(1)


def _page_versions(slug: str):
    contents = PageContent.admin_manager.filter(page__reverse_id=f"kommune-{slug}", language="de")
    return Version.objects.filter(content_type=ContentType.objects.get_for_model(PageContent),
                                  object_id__in=contents.values("pk"))


@pytest.mark.parametrize("username", ["bochum", "gelsenkirchen"])
def test_a_municipal_editor_sees_next_steps_and_what_waits_for_them(client, user_by_name, username):
    client.force_login(user_by_name(username))

    html = client.get("/admin/").content.decode()

    steps = _steps(html)
    assert steps.index("Ihre Kommunalseite bearbeiten") < steps.index("Neue Veranstaltung") < steps.index(
        "Profil anlegen")
    assert 'href="/admin/events/event/add/"' in steps and 'href="/admin/managers/familymanager/add/"' in steps
    assert "Werkstattbericht" not in steps, "reports are the IQZ's"
    assert 'aria-describedby="start-step-1">Ihre Kommunalseite bearbeiten' in steps
    assert 'id="start-step-1">Öffnet die Seite Ihrer Kommune im Seiteneditor.' in steps
    assert _sections(html) == ["returned", "in_review", "approved", "drafts", "scheduled", "next_events", "stale"]
    assert "Nichts ist an Sie zurückgegangen." in _section(html, "returned")
    assert "Nichts offen" not in html
    assert 'href="/admin/hilfe/"' in html


@pytest.mark.parametrize("username", ["iqz", "admin"])
def test_the_iqz_and_a_superuser_see_the_review_queue_first_and_no_author_sections(client, user_by_name, username):
    client.force_login(user_by_name(username))

    html = client.get("/admin/").content.decode()

    assert _sections(html) == ["in_review", "scheduled", "drafts", "next_events", "stale"]
    assert "Wartet auf Ihre Prüfung (älteste zuerst)" in html
    assert "Nichts wartet auf Ihre Prüfung." in _section(html, "in_review")
    steps = _steps(html)
    assert "Ihre Kommunalseite bearbeiten" not in steps
    assert 'href="/admin/cms/pagecontent/"' in steps and "Neuer Werkstattbericht" in steps
    assert "Neue Veranstaltung" in steps


def test_the_review_queue_is_oldest_first_with_how_long_it_waits(client, user_by_name):
    bochum, gelsenkirchen = user_by_name("bochum"), user_by_name("gelsenkirchen")
    newer = EventFactory(title_de="Neuere Einreichung", status=Event.Status.DRAFT,
                         organiser=Organisation.objects.get(slug="stadt-bochum"))
    older = EventFactory(title_de="Ältere Einreichung", status=Event.Status.DRAFT,
                         organiser=Organisation.objects.get(slug="stadt-gelsenkirchen"))
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        services.submit_for_review(obj=older, user=gelsenkirchen, comment="Seit drei Tagen")
    with time_machine.travel(NOW - timedelta(hours=5), tick=False):
        services.submit_for_review(obj=newer, user=bochum, comment="Seit heute früh")

    with time_machine.travel(NOW, tick=False):
        client.force_login(user_by_name("iqz"))
        queue = _section(client.get("/admin/").content.decode(), "in_review")

    assert queue.index("Ältere Einreichung") < queue.index("Neuere Einreichung")
    assert "Wartezeit: 3\xa0Tage" in queue and "Wartezeit: 5\xa0Stunden" in queue
    author = gelsenkirchen.get_full_name() or gelsenkirchen.get_username()
    assert f"von {author}: Seit drei Tagen" in queue
    assert f'href="/admin/events/event/{older.pk}/change/"' in queue, "a link into the review"


def test_mine_is_my_organisations_or_authored_by_me(client, user_by_name):
    iqz = user_by_name("iqz")
    start = timezone.now() + timedelta(days=3)
    EventFactory(title_de="Termin des IQZ", organiser=Organisation.objects.get(slug="iqz"), start=start)
    EventFactory(title_de="Termin in Gelsenkirchen", start=start,
                 organiser=Organisation.objects.get(slug="stadt-gelsenkirchen"))
    helped = EventFactory(title_de="Vom IQZ angelegter Entwurf", status=Event.Status.DRAFT,
                          organiser=Organisation.objects.get(slug="stadt-bochum"))
    with reversion.create_revision():
        reversion.add_to_revision(helped)
        reversion.set_user(iqz)
    EventFactory(title_de="Fremder Entwurf", status=Event.Status.DRAFT,
                 organiser=Organisation.objects.get(slug="stadt-bochum"))
    client.force_login(iqz)

    html = client.get("/admin/").content.decode()

    assert "Termin des IQZ" in _section(html, "next_events")
    assert "Termin in Gelsenkirchen" not in html
    assert "Vom IQZ angelegter Entwurf" in _section(html, "drafts"), "authored by me counts as mine"
    assert "Fremder Entwurf" not in html


def test_a_profile_draft_of_my_city_is_mine_once_even_when_it_works_in_two(client, user_by_name):
    profile = FamilyManager.objects.filter(municipalities__slug="bochum").first()
    profile.municipalities.add(Municipality.objects.get(slug="herne"))
    FamilyManager.objects.filter(pk=profile.pk).update(status=FamilyManager.Status.DRAFT)
    client.force_login(user_by_name("bochum"))
    drafts = _section(client.get("/admin/").content.decode(), "drafts")
    assert drafts.count(f"/admin/managers/familymanager/{profile.pk}/change/") == 1
    client.force_login(user_by_name("iqz"))
    assert profile.name not in _section(client.get("/admin/").content.decode(), "drafts")


@pytest.mark.parametrize("username", ["bochum", "gelsenkirchen"])
def test_one_click_opens_the_editor_of_the_own_page_with_a_new_draft(client, user_by_name, username):
    client.force_login(user_by_name(username))
    assert not _page_versions(username).filter(state=constants.DRAFT).exists()
    action = _edit_step_action(client.get("/admin/").content.decode())

    response = client.post(action, follow=True)

    draft = _page_versions(username).get(state=constants.DRAFT)
    content_type = ContentType.objects.get_for_model(PageContent).pk
    assert response.redirect_chain[-1][0].startswith(
        f"/admin/cms/placeholder/object/{content_type}/edit/{draft.object_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '"mode": "draft"' in html, "the toolbar is in edit mode"
    assert "Zur Prüfung einreichen" in html, "the draft of a city that needs review goes to the IQZ from here"
    assert Municipality.objects.get(slug=username).name in html
    assert draft.content.page.get_absolute_url("de") == f"/kommunen/{username}/"
    other = "gelsenkirchen" if username == "bochum" else "bochum"
    assert not _page_versions(other).filter(state=constants.DRAFT).exists(), "never another city's page"


def test_with_a_draft_already_there_the_click_opens_that_draft(client, user_by_name):
    bochum = user_by_name("bochum")
    draft = _page_versions("bochum").get(state=constants.PUBLISHED).copy(bochum)
    client.force_login(bochum)
    action = _edit_step_action(client.get("/admin/").content.decode())

    response = client.post(action)

    content_type = ContentType.objects.get_for_model(PageContent).pk
    assert response["Location"].startswith(f"/admin/cms/placeholder/object/{content_type}/edit/{draft.object_id}/")
    assert _page_versions("bochum").filter(state=constants.DRAFT).count() == 1


def test_the_edit_step_of_another_citys_page_is_refused(client, user_by_name):
    client.force_login(user_by_name("gelsenkirchen"))
    foreign = _page_versions("bochum").get(state=constants.PUBLISHED)

    response = client.post(f"/admin/djangocms_versioning/pagecontentversion/{foreign.pk}/edit-redirect/")

    assert response.status_code in (302, 403)
    assert "/edit/" not in response.get("Location", "")
    assert not _page_versions("bochum").filter(state=constants.DRAFT).exists()


@pytest.mark.parametrize("username", ["bochum", "iqz"])
def test_the_start_page_keeps_its_queries_at_two_and_thirty_items(client, user_by_name, username,
                                                                    django_assert_max_num_queries):
    user = user_by_name(username)
    organiser = Organisation.objects.get(slug="stadt-bochum" if username == "bochum" else "iqz")

    def add(count: int, offset: int):
        for i in range(offset, offset + count):
            EventFactory(title_de=f"Entwurf {i}", status=Event.Status.DRAFT, organiser=organiser)
            services.submit_for_review(obj=EventFactory(title_de=f"Eingereicht {i}", status=Event.Status.DRAFT,
                                                        organiser=Organisation.objects.get(slug="stadt-bochum")),
                                       user=user_by_name("bochum"), comment=f"Nr. {i}")
            EventFactory(title_de=f"Termin {i}", organiser=organiser, start=timezone.now() + timedelta(days=2 + i))

    add(2, 0)
    client.force_login(user)
    client.get("/admin/")  # warm the content type and permission caches
    with django_assert_max_num_queries(200) as small:
        client.get("/admin/")
    add(28, 2)
    # + 1: the occurrence window (events.selectors) asks for series dates once single dates fill its page.
    with django_assert_max_num_queries(len(small.captured_queries) + 1):
        html = client.get("/admin/").content.decode()
    assert "weitere Einträge" in _section(html, "drafts")
    assert "weitere Einträge" in _section(html, "next_events")
    assert "weitere Einträge" in _section(html, "in_review")
