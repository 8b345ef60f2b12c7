"""
Previews of drafts and scheduled content at their own address (events, profiles; reports have had
theirs): marked "Vorschau", never cached, neither as a page nor as a part. Who may see which preview
is the authorization matrix's (tests/authz/test_model_admin.py::test_preview_of_a_draft).
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from events.models import Event
from managers.models import FamilyManager, Municipality
from tests.events.factories import EventFactory
from tests.managers.factories import FamilyManagerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal_caches")]


def _stored_keys(client, url) -> tuple[object, list[str]]:
    with mock.patch.object(cache, "set", wraps=cache.set) as spy:
        response = client.get(url)
    return response, [call.args[0] for call in spy.call_args_list]


@pytest.fixture
def draft_event():
    return EventFactory(title_de="Entwurf eines Fachtags", slug="entwurf-fachtag", status=Event.Status.DRAFT)


@pytest.fixture
def draft_profile():
    return FamilyManagerFactory(name="Paula Probe", slug="paula-probe", status=FamilyManager.Status.DRAFT,
                                municipalities=[Municipality.objects.get(slug="bochum")])


def test_a_draft_event_is_previewed_by_the_iqz_and_never_cached(iqz_client, draft_event):
    assert Client().get("/veranstaltungen/entwurf-fachtag/").status_code == 404
    url = draft_event.get_preview_url()
    assert url == f"/veranstaltungen/vorschau/{draft_event.pk}/"
    response, keys = _stored_keys(iqz_client, url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Entwurf eines Fachtags" in html and "preview-notice" in html
    assert "Nicht öffentlich" in html and '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert not [key for key in keys if key.startswith(("portal:page:", "portal:part:"))], keys
    assert Client().get(url).status_code == 404, "a visitor after the editor: nothing kept for them"


def test_a_draft_profile_is_previewed_by_its_city_and_never_cached(bochum_client, draft_profile):
    assert Client().get("/familienmanager/profil/paula-probe/").status_code == 404
    url = draft_profile.get_preview_url()
    response, keys = _stored_keys(bochum_client, url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Paula Probe" in html and "preview-notice" in html
    assert not [key for key in keys if key.startswith(("portal:page:", "portal:part:"))], keys
    assert Client().get(url).status_code == 404


def test_the_preview_of_a_scheduled_event_says_when_it_appears(iqz_client):
    moment = timezone.now() + timedelta(days=2)
    event = EventFactory(slug="geplanter-fachtag", publish_at=moment)
    html = iqz_client.get(event.get_preview_url()).content.decode()
    local = timezone.localtime(moment)
    assert f"Geplant: öffentlich ab {local:%d.%m.%Y %H:%M} Uhr." in html


def test_the_preview_of_a_public_event_says_so(iqz_client):
    event = EventFactory(slug="oeffentlicher-fachtag")
    assert "So sieht die Öffentlichkeit diese Seite." in iqz_client.get(event.get_preview_url()).content.decode()


def test_the_admin_links_a_draft_to_its_preview(iqz_client, draft_event):
    response = iqz_client.get(f"/admin/events/event/{draft_event.pk}/change/")
    assert response.status_code == 200
    assert draft_event.get_preview_url() in response.content.decode()
