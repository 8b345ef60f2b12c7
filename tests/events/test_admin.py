"""Editing events: IQZ edits all; the Kommunale Redaktion only events organised by their municipality."""

import pytest
from django.contrib.auth.models import Group

from events.models import Event
from managers.models import Organisation

from .factories import EventFactory

# The cities' rights besides review (switched off here; tests/authz/test_review_publishing.py has review on).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_review")]

CHANGELIST = "/admin/events/event/"
IQZ_EVENT = "familienfreundlichkeit-die-kommunalverwaltung-im-fokus"
BOCHUM_EVENT = "familienfest-im-stadtpark-bochum-2008"
GELSENKIRCHEN_EVENT = "spielestunden-in-haushalten-infoabend-2008"


def _form_data(organiser, **overrides):
    data = {
        "status": "draft",
        "title_de": "Neue Veranstaltung",
        "slug": "neue-veranstaltung",
        "start_0": "06.05.2030",
        "start_1": "10:00",
        "end_0": "06.05.2030",
        "end_1": "12:00",
        "organiser": organiser.pk,
        "downloads-TOTAL_FORMS": "0",
        "downloads-INITIAL_FORMS": "0",
        "downloads-MIN_NUM_FORMS": "0",
        "downloads-MAX_NUM_FORMS": "1000",
        # The portal's registration (registrations.admin.RegistrationSettingsInline), left off.
        "registration_settings-TOTAL_FORMS": "0",
        "registration_settings-INITIAL_FORMS": "0",
        "registration_settings-MIN_NUM_FORMS": "0",
        "registration_settings-MAX_NUM_FORMS": "1",
    }
    data.update(overrides)
    return data


MATRIX = [
    # user, event slug, may see and change
    ("iqz", IQZ_EVENT, True),
    ("iqz", BOCHUM_EVENT, True),
    ("iqz", GELSENKIRCHEN_EVENT, True),
    ("bochum", IQZ_EVENT, False),
    ("bochum", BOCHUM_EVENT, True),
    ("bochum", GELSENKIRCHEN_EVENT, False),
    ("gelsenkirchen", IQZ_EVENT, False),
    ("gelsenkirchen", BOCHUM_EVENT, False),
    ("gelsenkirchen", GELSENKIRCHEN_EVENT, True),
]


@pytest.mark.parametrize(("username", "slug", "allowed"), MATRIX)
def test_admin_matrix(client, user_by_name, username, slug, allowed):
    client.force_login(user_by_name(username))
    event = Event.objects.get(slug=slug)
    changelist = client.get(CHANGELIST, {"q": event.title_de[:20]})
    assert changelist.status_code == 200
    assert (f"/admin/events/event/{event.pk}/change/" in changelist.content.decode()) is allowed
    change = client.get(f"/admin/events/event/{event.pk}/change/")
    delete = client.get(f"/admin/events/event/{event.pk}/delete/")
    if allowed:
        assert change.status_code == 200 and delete.status_code == 200
    else:
        # Another city's event: the styled 403 saying so (not "existiert nicht" and a redirect).
        assert change.status_code == 403 and delete.status_code == 403
        post = client.post(f"/admin/events/event/{event.pk}/change/", _form_data(event.organiser, slug=slug))
        assert post.status_code == 403
        event.refresh_from_db()
        assert event.title_de != "Neue Veranstaltung"


def test_municipal_editor_may_choose_only_their_organisers(bochum_client):
    html = bochum_client.get("/admin/events/event/add/").content.decode()
    select = html[html.index('name="organiser"') : html.index("</select>", html.index('name="organiser"'))]
    assert "Stadt Bochum" in select
    assert "Gelsenkirchen" not in select and "Informations- und Qualifizierungszentrum" not in select
    gelsenkirchen = Organisation.objects.get(slug="stadt-gelsenkirchen")
    response = bochum_client.post("/admin/events/event/add/", _form_data(gelsenkirchen))
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Event.objects.filter(slug="neue-veranstaltung").exists()
    bochum = Organisation.objects.get(slug="stadt-bochum")
    response = bochum_client.post("/admin/events/event/add/", _form_data(bochum))
    assert response.status_code == 302
    assert Event.objects.get(slug="neue-veranstaltung").organiser == bochum


def test_iqz_creates_and_publishes(iqz_client, client):
    iqz = Organisation.objects.get(slug="iqz")
    data = _form_data(iqz, rrule="FREQ=MONTHLY;BYDAY=1TU;UNTIL=20301231", exdates="05.08.2030")
    assert iqz_client.post("/admin/events/event/add/", data).status_code == 302
    event = Event.objects.get(slug="neue-veranstaltung")
    assert event.rrule == "FREQ=MONTHLY;UNTIL=20301231T225959Z;BYDAY=1TU" and event.series_end
    assert client.get("/veranstaltungen/neue-veranstaltung/").status_code == 404  # draft
    response = iqz_client.post(CHANGELIST, {"action": "publish", "_selected_action": [event.pk]})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_end_before_start_is_a_form_error(iqz_client):
    data = _form_data(Organisation.objects.get(slug="iqz"), end_0="05.05.2030")
    response = iqz_client.post("/admin/events/event/add/", data)
    assert response.status_code == 200
    assert "Das Ende liegt vor dem Beginn." in response.content.decode()
    assert not Event.objects.filter(slug="neue-veranstaltung").exists()


def test_bad_rule_is_a_form_error(iqz_client):
    data = _form_data(Organisation.objects.get(slug="iqz"), rrule="FREQ=SECONDLY")
    response = iqz_client.post("/admin/events/event/add/", data)
    assert response.status_code == 200
    assert "FREQ=DAILY, WEEKLY, MONTHLY oder YEARLY" in response.content.decode()


def test_bulk_publish_touches_only_own_events(bochum_client):
    own = EventFactory(organiser=Organisation.objects.get(slug="stadt-bochum"), status=Event.Status.DRAFT)
    other = EventFactory(organiser=Organisation.objects.get(slug="stadt-gelsenkirchen"), status=Event.Status.DRAFT)
    bochum_client.post(CHANGELIST, {"action": "publish", "_selected_action": [own.pk, other.pk]})
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == Event.Status.PUBLISHED
    assert other.status == Event.Status.DRAFT


def test_role_permissions():
    municipal = Group.objects.get(name="Kommunale Redaktion")
    codenames = set(municipal.permissions.filter(content_type__app_label="events").values_list("codename", flat=True))
    assert {"add_event", "change_event", "delete_event", "view_category", "view_targetgroup"} <= codenames
    assert "change_category" not in codenames
    iqz = Group.objects.get(name="IQZ-Redaktion")
    assert iqz.permissions.filter(content_type__app_label="events", codename="change_category").exists()


def test_municipal_editor_cannot_edit_categories(bochum_client):
    assert bochum_client.get("/admin/events/category/add/").status_code == 403
