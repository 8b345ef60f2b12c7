"""Workshop report form errors at the field: end before start, image or quote photo without alt text."""

import pytest
from django.urls import reverse

from tests.blocks.support import filer_image
from workshops.models import Workshop

from .test_admin import _add_form_data, _management

pytestmark = pytest.mark.django_db
ADD = "admin:workshops_workshop_add"


def test_end_before_start_is_a_field_error_and_the_text_stays(iqz_client):
    response = iqz_client.post(reverse(ADD), _add_form_data(date="2027-05-10", end_date="2027-05-09"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["end_date"] == ["Das Enddatum liegt vor dem Datum des Workshops."]
    assert form["teaser_de"].value() == "Ein Vorspann."
    assert not Workshop.objects.filter(slug_de="neue-werkstatt").exists()


def test_several_days_are_fine(iqz_client):
    assert iqz_client.post(reverse(ADD), _add_form_data(date="2027-05-09", end_date="2027-05-10")).status_code == 302


def test_image_without_alt_text_is_a_field_error(iqz_client, user_by_name):
    image = filer_image(user_by_name("admin"), width=200, height=100)
    response = iqz_client.post(reverse(ADD), _add_form_data(image=image.pk, image_alt_de=""))
    assert "image_alt_de" in response.context["adminform"].form.errors
    assert not Workshop.objects.filter(slug_de="neue-werkstatt").exists()


def test_quote_photo_without_alt_text_is_a_field_error(iqz_client, user_by_name):
    photo = filer_image(user_by_name("admin"), width=200, height=100)
    data = _add_form_data(**_management("quotes", total=1))
    data.update({"quotes-0-position": "1", "quotes-0-text_de": "Ein Satz.", "quotes-0-speaker": "Erika",
                 "quotes-0-photo": photo.pk, "quotes-0-photo_alt_de": ""})
    response = iqz_client.post(reverse(ADD), data)
    assert response.status_code == 200
    [quote_form] = [form for inline in response.context["inline_admin_formsets"] for form in inline.formset.forms
                    if form.prefix == "quotes-0"]
    assert "photo_alt_de" in quote_form.errors
