"""
The admin as editors see it: German, named "Familie in NRW – Redaktion", local dates without
"00:00" for all-day events, refusals as styled pages, and "Auf der Website anzeigen" on the
editor's own host.
"""

from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from events.models import Event
from managers.models import FamilyManager, Organisation
from tests.authz.support import client_as
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

# English (or half-German) strings that used to appear in what the portal ships.
ENGLISH = ["Page content versions", "Alias content versions", "CONTENT", "Discord", "Choose all", "Remove all",
           "Django-Verwaltung", "Django administration", "Herunterladen hinzufügen", "Filer"]


class _VisibleText(HTMLParser):
    """Text a reader sees or hears: element text and the title/aria-label/placeholder/alt attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def _pages(role):
    event = Event.objects.filter(organiser__slug="stadt-bochum").first() or Event.objects.first()
    profile = FamilyManager.objects.get(slug="berta-beispiel")
    urls = [reverse("admin:index"), reverse("admin:events_event_changelist"), reverse("admin:events_event_add"),
            reverse("admin:events_event_change", args=[event.pk]),
            reverse("admin:managers_familymanager_changelist"), reverse("admin:managers_familymanager_add"),
            reverse("admin:managers_familymanager_change", args=[profile.pk]),
            reverse("admin:cms_pagecontent_changelist"), reverse("admin:filer_folder_changelist")]
    if role == "iqz":
        workshop = Workshop.objects.first()
        urls += [reverse("admin:workshops_workshop_changelist"), reverse("admin:workshops_workshop_add"),
                 reverse("admin:workshops_workshop_change", args=[workshop.pk])]
    return urls


@pytest.mark.parametrize("role", ["bochum", "iqz"])
def test_admin_pages_an_editor_uses_have_no_english_strings(role):
    client = client_as(role)
    found = {}
    for url in _pages(role):
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        assert "Familie in NRW – Redaktion" in text, url
        hits = [word for word in ENGLISH if word in text]
        if hits:
            found[url] = hits
    assert found == {}


def test_all_day_events_are_listed_without_a_time():
    organiser = Organisation.objects.get(slug="iqz")
    start = datetime(2031, 3, 4, tzinfo=ZoneInfo("Europe/Berlin"))
    Event.objects.create(title_de="Ganztägig XY", slug="ganztaegig-xy", start=start, end=start, all_day=True,
                         organiser=organiser, status=Event.Status.PUBLISHED)
    html = client_as("iqz").get(reverse("admin:events_event_changelist") + "?q=Ganzt%C3%A4gig").content.decode()
    assert "04.03.2031" in html and "04.03.2031 00:00" not in html


def test_view_on_site_stays_on_the_editors_host():
    event = Event.objects.filter(status=Event.Status.PUBLISHED).first()
    content_type = ContentType.objects.get_for_model(Event)
    url = reverse("admin:view_on_site", kwargs={"content_type_id": content_type.pk, "object_id": event.pk})
    response = client_as("iqz").get(url, HTTP_HOST="localhost")
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()  # relative: the browser keeps the host


def test_another_citys_page_in_the_admin_is_a_styled_page():
    response = client_as("bochum").get(reverse("admin:workshops_workshop_changelist"))
    assert response.status_code == 403
    text = visible_text(response.content.decode())
    assert "Keine Berechtigung" in text and "Familie in NRW – Redaktion" in text and "Zur Übersicht" in text


def test_admin_404_is_a_styled_page():
    response = client_as("bochum").get("/admin/gibt-es-nicht/")
    assert response.status_code == 404
    text = visible_text(response.content.decode())
    assert "Nicht gefunden" in text and "Familie in NRW – Redaktion" in text


BLOCK_FORMS = {"ImageBlockPlugin": "Bild", "DownloadBlockPlugin": "Download",
               "LinkBlockPlugin": "Link oder Schaltfläche", "TeaserGridPlugin": "Teaser-Raster",
               "ContactBlockPlugin": "Kontakt",
               "AccordionPlugin": "Aufklappbereiche (FAQ)", "TwoColumnsPlugin": "Zwei Spalten",
               "MediaBlockPlugin": "Video oder Audio"}


def test_the_block_forms_an_editor_opens_are_german():
    from cms.models import PageContent
    from django.contrib.auth import get_user_model
    from djangocms_versioning.models import Version

    published = Version.objects.get_for_content(PageContent.objects.get(page__reverse_id="kommune-bochum",
                                                                        language="de"))
    draft = published.copy(get_user_model().objects.get(username="admin"))
    placeholder = draft.content.placeholders.get_or_create(slot="content")[0]
    client = client_as("bochum")
    for plugin_type, name in BLOCK_FORMS.items():
        response = client.get(reverse("admin:cms_placeholder_add_plugin") + f"?placeholder_id={placeholder.pk}"
                              f"&plugin_type={plugin_type}&plugin_language=de&plugin_position=99")
        assert response.status_code == 200, plugin_type
        text = visible_text(response.content.decode())
        assert f"{name} hinzufügen" in text, plugin_type
        assert " block" not in text.lower(), plugin_type


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_another_citys_event_is_a_styled_403_that_says_why(view):
    dortmund = Event.objects.exclude(organiser__municipality__slug="bochum").filter(
        organiser__municipality__isnull=False).first()
    assert dortmund is not None
    response = client_as("bochum").get(reverse(f"admin:events_event_{view}", args=[dortmund.pk]))
    assert response.status_code == 403
    text = visible_text(response.content.decode())
    assert "gehört nicht zu Ihrer Kommune" in text and "Familie in NRW – Redaktion" in text
    assert "existiert nicht" not in text
    # the event's own city still opens it; an unknown id stays a 404
    assert client_as("iqz").get(reverse(f"admin:events_event_{view}", args=[dortmund.pk])).status_code == 200
    assert client_as("bochum").get(reverse(f"admin:events_event_{view}", args=[999999])).status_code == 404


def test_another_citys_profile_says_why():
    other = FamilyManager.objects.exclude(municipalities__slug="bochum").first()
    response = client_as("bochum").get(reverse("admin:managers_familymanager_change", args=[other.pk]))
    assert response.status_code == 403
    assert "gehört nicht zu Ihrer Kommune" in visible_text(response.content.decode())


def test_version_compare_names_the_versions_in_local_time():
    import time_machine
    from cms.models import PageContent
    from django.contrib.auth import get_user_model
    from djangocms_versioning.models import Version

    published = Version.objects.get_for_content(PageContent.objects.get(page__reverse_id="kommune-bochum",
                                                                        language="de"))
    with time_machine.travel(datetime(2031, 7, 1, 10, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        draft = published.copy(get_user_model().objects.get(username="admin"))
    url = reverse("admin:djangocms_versioning_pagecontentversion_compare", args=[draft.pk])
    response = client_as("iqz").get(url, {"compare_to": published.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1. Juli 2031 12:30" in html  # summer time in Berlin: UTC+2, as in the version list
    assert "1. Juli 2031 10:30" not in html
    assert f"Vergleich von Version #{draft.number}" in html


def test_the_admins_javascript_catalogue_is_german_for_the_picker():
    """filter_horizontal's picker (SelectFilter2.js) asks for "Choose all %s" / "Remove all %s", which
    Django 5.2's German catalogue lacks; the portal's locale/de/LC_MESSAGES/djangojs.po adds them."""
    import json
    import re

    response = client_as("bochum").get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1))
    assert catalog["Choose all %s"] == "Alle %s auswählen"
    assert catalog["Remove all %s"] == "Alle %s entfernen"
    assert catalog["Choose"] == "Auswählen"  # Django's own German stays
