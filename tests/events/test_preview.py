"""The preview of a draft event leads its editor back to the form; the public page never shows the way."""

import pytest
from django.test import Client
from django.urls import reverse

from events.models import Event
from managers.models import Organisation
from tests.authz.support import client_as
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_the_preview_of_a_draft_links_back_to_the_editor():
    event = EventFactory(organiser=Organisation.objects.get(slug="iqz"), status=Event.Status.DRAFT)
    response = client_as("iqz").get(event.get_preview_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("admin:events_event_change", args=(event.pk,))}"' in html
    assert "Zurück zur Bearbeitung" in html


def test_whoever_may_not_edit_it_sees_no_preview_and_the_public_page_no_way_back():
    event = EventFactory(organiser=Organisation.objects.get(slug="iqz"), status=Event.Status.PUBLISHED)
    assert client_as("bochum").get(event.get_preview_url()).status_code == 404
    for client in (Client(), client_as("iqz")):
        html = client.get(event.get_absolute_url()).content.decode()
        assert event.title_de in html
        assert "Zurück zur Bearbeitung" not in html
