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


def test_the_compare_view_names_the_rows_of_an_inline():
    """Review leftover: the parts of a report appear by their names under "Beiträge", each added, removed
    or changed with what changed; unchanged foreign keys (Reihe, Ort, Veranstalter) are not listed."""
    from tests.workshops.factories import ContributionFactory, WorkshopFactory

    workshop = WorkshopFactory(status="draft", title_de="Erster Stand")
    ContributionFactory(workshop=workshop, name="Anna Alt", role_de="Fachfrau", position=1)
    ContributionFactory(workshop=workshop, name="Bert Bleibt", position=2)
    ContributionFactory(workshop=workshop, name="Carla Geht", position=3)
    iqz = client_as("iqz")
    url = reverse("admin:workshops_workshop_change", args=(workshop.pk,))
    assert iqz.post(url, admin_form_data(url)).status_code == 302
    data = admin_form_data(url, title_de="Zweiter Stand")
    rows = {data[f"contributions-{i}-name"][0]: i for i in range(3)}
    data[f"contributions-{rows['Anna Alt']}-role_de"] = "Leiterin"
    data[f"contributions-{rows['Carla Geht']}-DELETE"] = "on"
    data |= {"contributions-TOTAL_FORMS": "4", "contributions-3-name": "Dora Neu", "contributions-3-position": "4"}
    assert iqz.post(url, data).status_code == 302
    newer, older = Version.objects.get_for_object(workshop)[:2]
    response = iqz.get(reverse("admin:workshops_workshop_compare", args=(workshop.pk,)),
                       {"version_id1": older.pk, "version_id2": newer.pk})
    html = response.content.decode()
    assert "<h2>Beiträge</h2>" in html and "contributions" not in html.split('id="content-main"')[1]
    assert "<strong>Anna Alt</strong> <i>(geändert)</i>" in html
    assert "Funktion (Deutsch): <del>Fachfrau</del> &rarr; <ins>Leiterin</ins>" in html
    assert "<ins>+ Dora Neu</ins>" in html and "<del>- Carla Geht</del>" in html
    assert "Bert Bleibt" in html and "Bert Bleibt</strong>" not in html  # unchanged
    for unchanged in ("Reihe", "Ort", "Veranstalter"):
        assert f"<h2>{unchanged}</h2>" not in html
