"""Copying an event (admin action "als Entwurf kopieren"): a draft with everything, invisible until published."""

import pytest
from django.test import Client

from events.models import Event

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/events/event/"
BOCHUM_EVENT = "familienfest-im-stadtpark-bochum-2008"
IQZ_EVENT = "familienfreundlichkeit-die-kommunalverwaltung-im-fokus"


def _copy(client, *events):
    return client.post(
        CHANGELIST, {"action": "copy_as_draft", "_selected_action": [event.pk for event in events]}
    )


def test_a_copy_is_a_draft_with_everything_of_the_original(client, user_by_name):
    client.force_login(user_by_name("bochum"))
    original = Event.objects.get(slug=BOCHUM_EVENT)
    response = _copy(client, original)
    copy = Event.objects.get(slug=f"{BOCHUM_EVENT}-kopie")
    assert response.status_code == 302 and response["Location"] == f"/admin/events/event/{copy.pk}/change/"
    assert copy.status == Event.Status.DRAFT
    assert copy.title_de == f"{original.title_de} (Kopie)"
    assert copy.uid != original.uid
    for field in ("start", "end", "all_day", "rrule", "venue_name", "organiser_id", "category_id", "lead_de"):
        assert getattr(copy, field) == getattr(original, field), field
    assert set(copy.target_groups.all()) == set(original.target_groups.all())
    assert [d.file_id for d in copy.downloads.all()] == [d.file_id for d in original.downloads.all()]
    assert Client().get(f"/veranstaltungen/{copy.slug}/").status_code == 404, "nothing public until published"
    assert Client().get(f"/veranstaltungen/{original.slug}/").status_code == 200


def test_copying_twice_gives_free_slugs(client, user_by_name):
    client.force_login(user_by_name("iqz"))
    original = Event.objects.get(slug=IQZ_EVENT)
    _copy(client, original)
    _copy(client, original)
    assert Event.objects.filter(slug__in=[f"{IQZ_EVENT}-kopie", f"{IQZ_EVENT}-kopie-2"]).count() == 2


def test_another_citys_event_is_not_copied(client, user_by_name):
    client.force_login(user_by_name("bochum"))
    foreign = Event.objects.get(slug=IQZ_EVENT)
    before = Event.objects.count()
    _copy(client, foreign)
    assert Event.objects.count() == before
