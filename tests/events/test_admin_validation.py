"""Event form errors at the field, with what was typed kept: deadline after the start, image without alt text."""

import pytest

from events.models import Event
from managers.models import Organisation
from tests.blocks.support import filer_image

from .test_admin import _form_data

pytestmark = pytest.mark.django_db


def test_registration_deadline_after_the_start_is_a_field_error(iqz_client):
    data = _form_data(Organisation.objects.get(slug="iqz"), registration_deadline="07.05.2030",
                      venue_name="Rathaus")
    response = iqz_client.post("/admin/events/event/add/", data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["registration_deadline"] == ["Der Anmeldeschluss liegt nach dem Beginn der Veranstaltung."]
    assert form["venue_name"].value() == "Rathaus"
    assert not Event.objects.filter(slug="neue-veranstaltung").exists()


def test_deadline_on_the_day_of_the_event_is_fine(iqz_client):
    data = _form_data(Organisation.objects.get(slug="iqz"), registration_deadline="06.05.2030")
    assert iqz_client.post("/admin/events/event/add/", data).status_code == 302


@pytest.mark.parametrize(("alt", "saved"), [("", False), ("Rathaus von vorn", True)])
def test_image_needs_an_alt_text(iqz_client, user_by_name, alt, saved):
    image = filer_image(user_by_name("admin"), width=200, height=100)
    data = _form_data(Organisation.objects.get(slug="iqz"), image=image.pk, image_alt=alt, image_credit="Foto: X")
    response = iqz_client.post("/admin/events/event/add/", data)
    assert Event.objects.filter(slug="neue-veranstaltung").exists() is saved
    if not saved:
        form = response.context["adminform"].form
        assert "image_alt" in form.errors and form["image_credit"].value() == "Foto: X"
