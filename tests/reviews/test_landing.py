"""
After every review or draft action the editor lands on a page that exists, and sees the message there.

Approving the draft of a published object merges it and deletes the draft's row: the IQZ goes to the
original's change form, not to the draft's (gone) address.
"""

import pytest
from django.urls import reverse

from events.models import Event
from managers.models import Municipality
from reviews.models import Review
from tests.authz.support import admin_form_data, client_as
from tests.events.factories import EventFactory
from tests.managers.factories import FamilyManagerFactory

pytestmark = pytest.mark.django_db


def _change(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=(obj.pk,))


def _step(obj, step):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_review", args=(obj.pk, step))


def _draft_step(obj, step):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_draft", args=(obj.pk, step))


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _lands(client, response, message: str):
    """Follows the redirect: the page exists and shows `message`."""
    assert response.status_code == 302, response.status_code
    landing = client.get(response["Location"])
    assert landing.status_code == 200, (response["Location"], landing.status_code)
    assert message in landing.content.decode(), response["Location"]
    return landing


def _bochum_drafts(original, **changes):
    bochum = client_as("bochum")
    bochum.post(_change(original), admin_form_data(_change(original), **changes))
    draft = type(original)._default_manager.get(draft_of=original)
    assert bochum.post(_step(draft, "einreichen"), {"comment": "Bitte prüfen"}).status_code == 302
    return bochum, draft


def _profile():
    bochum_city = Municipality.objects.get(slug="bochum")
    profile = FamilyManagerFactory(name="Kim Kormoran", slug="kim-kormoran", municipalities=[bochum_city])
    return profile, {"name": "Kim Reiher", "municipalities": [str(bochum_city.pk)]}


def _event(bochum_org):
    return EventFactory(organiser=bochum_org, status=Event.Status.PUBLISHED, title_de="Fest am Teich"), \
        {"title_de": "Fest am Weiher"}


@pytest.mark.parametrize("kind", ["profile", "event"])
def test_the_iqz_approves_a_draft_and_lands_on_the_original_with_the_message(kind, bochum_org):
    original, changes = _profile() if kind == "profile" else _event(bochum_org)
    _bochum, draft = _bochum_drafts(original, **changes)
    iqz = client_as("iqz")
    response = iqz.post(_step(draft, "freigeben"), {"comment": ""})
    assert not type(original)._default_manager.filter(pk=draft.pk).exists()
    assert response["Location"] == _change(original)
    _lands(iqz, response, "Freigegeben und veröffentlicht.")


@pytest.mark.parametrize("kind", ["profile", "event"])
def test_the_iqz_returns_a_draft_and_lands_on_the_draft_with_the_message(kind, bochum_org):
    original, changes = _profile() if kind == "profile" else _event(bochum_org)
    _bochum, draft = _bochum_drafts(original, **changes)
    iqz = client_as("iqz")
    _lands(iqz, iqz.post(_step(draft, "zurueckgeben"), {"comment": "Bitte Foto"}), "Zurückgegeben.")
    assert Review.objects.get(object_id=draft.pk).state == Review.State.RETURNED


def test_discarding_and_withdrawing_land_on_existing_pages_with_the_message(bochum_org):
    original, changes = _event(bochum_org)
    bochum, draft = _bochum_drafts(original, **changes)
    withdraw = reverse("admin:events_event_withdraw", args=(draft.pk,))
    _lands(bochum, bochum.post(withdraw), "Die Einreichung ist zurückgezogen")
    _lands(bochum, bochum.post(_draft_step(draft, "verwerfen")), "Der Entwurf ist verworfen")
    assert not Event.objects.filter(pk=draft.pk).exists()


def test_the_iqz_publishes_its_own_draft_and_lands_on_the_original(bochum_org):
    original, changes = _event(bochum_org)
    iqz = client_as("iqz")
    iqz.post(_change(original), {**admin_form_data(_change(original), **changes), "_save_as_draft": ["1"]})
    draft = Event.objects.get(draft_of=original)
    _lands(iqz, iqz.post(_draft_step(draft, "veroeffentlichen")), "Der Entwurf ist veröffentlicht.")


def test_a_page_approval_lands_on_the_page_with_the_message():
    from cms.models import PageContent
    from django.contrib.auth import get_user_model
    from djangocms_versioning.models import Version

    published = Version.objects.get_for_content(
        PageContent.objects.get(page__reverse_id="kommune-bochum", language="de"))
    draft = published.copy(get_user_model().objects.get(username="bochum"))
    step = lambda name: reverse("admin:reviews_page_review", args=(draft.content.pk, name))  # noqa: E731
    bochum = client_as("bochum")
    _lands(bochum, bochum.post(step("einreichen"), {"comment": "Neu"}), "Zur Prüfung eingereicht.")
    iqz = client_as("iqz")
    _lands(iqz, iqz.post(step("freigeben"), {"comment": ""}), "Freigegeben und veröffentlicht.")


def test_the_approval_screen_of_a_draft_links_its_comparison(bochum_org):
    original, changes = _event(bochum_org)
    _bochum, draft = _bochum_drafts(original, **changes)
    html = client_as("iqz").get(_step(draft, "freigeben")).content.decode()
    assert reverse("admin:events_event_draft_compare", args=(draft.pk,)) in html
