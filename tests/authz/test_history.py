"""
Authorization matrix of the history (django-reversion): roles × events, reports, profiles × history,
one version, compare, restore, and recovering a deleted entry. The rights are those of the change
form (tests/authz/test_model_admin.py RIGHTS); recovering deleted entries is the IQZ's alone.
Each object gets two versions first (the demo's state, then a changed title/name), made by the
superuser; then each role tries the real admin URLs.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import reversion
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from reversion.models import Version

from .support import ROLES, admin_form_data, client_as, denied
from .test_model_admin import CHANGE, TARGETS, right

# The history rights of the cities' editors, review switched off (tests/authz/test_review_publishing.py
# covers restoring under review).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_review")]

HISTORY_TARGETS = ["profile/bochum", "profile/gelsenkirchen", "profile/koeln", "event/stadt-bochum",
                   "event/stadt-gelsenkirchen", "event/iqz", "report/iqz"]
CASES = [(role, key) for role in ROLES for key in HISTORY_TARGETS]
IDS = [f"{role}-{key}" for role, key in CASES]
CHANGED = " (zweiter Stand)"


def _two_versions(key):
    """The demo's state, then one with a changed text field; returns (object, older, newer version)."""
    target = TARGETS[key]
    obj = target.get()
    admin = get_user_model().objects.get(username="admin")
    with time_machine.travel(datetime(2008, 4, 15, 10, 0, tzinfo=ZoneInfo("UTC")), tick=False), \
            reversion.create_revision():
        reversion.set_user(admin)
        obj.save()
    with time_machine.travel(datetime(2008, 12, 1, 9, 5, tzinfo=ZoneInfo("UTC")), tick=False), \
            reversion.create_revision():
        reversion.set_user(admin)
        setattr(obj, target.field, getattr(obj, target.field) + CHANGED)
        obj.save()
    newer, older = Version.objects.get_for_object(obj)[:2]
    return obj, older, newer


def _url(key, view, *args):
    return reverse(f"{TARGETS[key].admin_name}_{view}", args=args)


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_history_list(role, key):
    obj, older, newer = _two_versions(key)
    response = client_as(role).get(_url(key, "history", obj.pk))
    if right(role, key) != CHANGE:
        assert denied(response), response.status_code
        return
    assert response.status_code == 200
    html = response.content.decode()
    # Newest first, in Berlin time and German: 1 Dec 2008 09:05 UTC is 10:05 (winter), 15 April 12:00 (summer).
    assert html.index("1. Dezember 2008 10:05") < html.index("15. April 2008 12:00")
    assert "09:05" not in html
    assert _url(key, "revision", obj.pk, older.pk) in html
    assert "Ausgewählte Stände vergleichen" in html


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_compare_two_versions(role, key):
    obj, older, newer = _two_versions(key)
    response = client_as(role).get(_url(key, "compare", obj.pk), {"version_id1": older.pk, "version_id2": newer.pk})
    if right(role, key) != CHANGE:
        assert denied(response), response.status_code
        assert CHANGED not in response.content.decode()
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert "zweiter Stand" in html
    assert "Stand vom 15. April 2008 12:00 verglichen mit dem Stand vom 1. Dezember 2008 10:05" in html


@pytest.mark.parametrize(("role", "key"), CASES, ids=IDS)
def test_restore_an_older_version(role, key):
    obj, older, newer = _two_versions(key)
    field = TARGETS[key].field
    url = _url(key, "revision", obj.pk, older.pk)
    client = client_as(role)
    get = client.get(url)
    if right(role, key) != CHANGE:
        assert denied(get), get.status_code
        assert denied(client.post(url, {}))
        obj.refresh_from_db()
        assert getattr(obj, field).endswith(CHANGED)
        return
    assert get.status_code == 200
    # The form shows the older state; nothing is restored by looking at it.
    obj.refresh_from_db()
    assert getattr(obj, field).endswith(CHANGED)
    response = client.post(url, admin_form_data(url))
    assert response.status_code == 302, response.content.decode()[:2000]
    obj.refresh_from_db()
    assert not getattr(obj, field).endswith(CHANGED)
    latest = Version.objects.get_for_object(obj).first()
    assert latest.revision.user.username == role
    assert latest.revision.get_comment().startswith("Zu vorheriger Version zurückgesetzt")


RECOVER_CASES = [(role, key) for role in ROLES for key in ("profile/bochum", "event/stadt-bochum", "report/iqz")]


@pytest.mark.parametrize(("role", "key"), RECOVER_CASES, ids=[f"{r}-{k}" for r, k in RECOVER_CASES])
def test_deleted_entries_are_kept_and_recovered_by_the_iqz(role, key):
    obj, older, newer = _two_versions(key)
    pk, field = obj.pk, TARGETS[key].field
    response = client_as("admin").post(_url(key, "delete", pk), {"post": "yes"})
    assert response.status_code == 302
    model = TARGETS[key].model_class
    assert not model._default_manager.filter(pk=pk).exists()
    deleted = Version.objects.get_deleted(model).get(object_id=str(pk))
    client = client_as(role)
    listing = client.get(_url(key, "recoverlist"))
    recover = _url(key, "recover", deleted.pk)
    changelist = client.get(_url(key, "changelist"))
    if role not in ("iqz", "admin"):
        assert denied(listing) and denied(client.get(recover))
        assert denied(client.post(recover, {}))
        assert not model._default_manager.filter(pk=pk).exists()
        assert _url(key, "recoverlist") not in changelist.content.decode()
        return
    assert _url(key, "recoverlist") in changelist.content.decode()
    assert listing.status_code == 200
    assert recover in listing.content.decode()
    assert "1. Dezember 2008 10:05" in listing.content.decode()
    assert client.get(recover).status_code == 200
    response = client.post(recover, admin_form_data(recover))
    assert response.status_code == 302, response.content.decode()[:2000]
    restored = model._default_manager.get(pk=pk)
    assert getattr(restored, field).endswith(CHANGED)


def test_a_version_of_another_model_is_not_restored_through_this_form():
    """django-reversion finds a version by its id and the object id alone; the guard adds the model."""
    event, _older, _newer = _two_versions("event/stadt-bochum")
    profile = TARGETS["profile/gelsenkirchen"].get()
    with reversion.create_revision():
        profile.save()
    foreign = Version.objects.get_for_object(profile).first()
    url = reverse("admin:events_event_revision", args=[profile.pk, foreign.pk])
    assert client_as("gelsenkirchen").get(url).status_code in (403, 404)
    own_event_url = reverse("admin:events_event_revision", args=[event.pk, foreign.pk])
    assert client_as("bochum").get(own_event_url).status_code == 404


def test_bulk_publish_writes_one_revision_per_event():
    target = TARGETS["event/stadt-bochum"]
    event = target.get()
    event.status = "draft"
    event.save()
    response = client_as("bochum").post(reverse("admin:events_event_changelist"),
                                        {"action": "publish", "_selected_action": [event.pk]})
    assert response.status_code == 302
    version = Version.objects.get_for_object(event).get()
    assert version.field_dict["status"] == "published"
    assert version.revision.user.username == "bochum"
    assert version.revision.get_comment() == "Status „Veröffentlicht“ (Sammelaktion)"
    assert version.revision.version_set.filter(content_type__model="eventdownload").count() == event.downloads.count()


def test_saving_an_event_records_its_downloads_and_a_german_message():
    event = TARGETS["event/stadt-bochum"].get()
    url = reverse("admin:events_event_change", args=[event.pk])
    # "Sofort veröffentlichen": the event itself is saved (a plain save would write its draft).
    response = client_as("bochum").post(url, admin_form_data(url, title_de="Familienfest (neu)", _publish_now="1"))
    assert response.status_code == 302
    version = Version.objects.get_for_object(event).get()
    comment = version.revision.get_comment()
    assert "Titel (deutsch)" in comment and "geändert" in comment
    assert version.revision.version_set.filter(content_type__model="eventdownload").count() == event.downloads.count()
    history = client_as("bochum").get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert "Titel (deutsch)" in history
