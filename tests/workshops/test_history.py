"""The report's history follows its parts: restoring an older version brings back a deleted talk."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from tests.authz.support import admin_form_data, client_as
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

BOCHUM_SLUG = "familienfreundlichkeit-die-kommunalverwaltung-im-fokus"


def test_restoring_a_report_brings_back_its_parts(user_by_name):
    workshop = Workshop.objects.get(slug_de=BOCHUM_SLUG)
    talks = sorted(workshop.contributions.values_list("name", flat=True))
    assert talks
    with reversion.create_revision():
        reversion.set_user(user_by_name("iqz"))
        workshop.save()
    older = Version.objects.get_for_object(workshop).get()
    with reversion.create_revision():
        workshop.contributions.first().delete()
        workshop.save()
    assert workshop.contributions.count() == len(talks) - 1
    url = reverse("admin:workshops_workshop_revision", args=[workshop.pk, older.pk])
    form = client_as("iqz").get(url)
    assert form.status_code == 200
    assert workshop.contributions.count() == len(talks) - 1  # looking restores nothing
    response = client_as("iqz").post(url, admin_form_data(url))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(workshop.contributions.values_list("name", flat=True)) == talks
    history = client_as("iqz").get(reverse("admin:workshops_workshop_history", args=[workshop.pk])).content.decode()
    assert "Zu vorheriger Version zurückgesetzt" in history
